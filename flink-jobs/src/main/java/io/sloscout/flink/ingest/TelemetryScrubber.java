package io.sloscout.flink.ingest;

import io.sloscout.core.journey.Scrubber;
import io.sloscout.core.redaction.RedactionResult;
import io.sloscout.core.redaction.Redactor;
import io.sloscout.core.telemetry.LogRecord;
import io.sloscout.core.telemetry.Span;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Redacts decoded telemetry with core's {@link Redactor} (through core's {@link Scrubber}: span
 * names, status messages, event names, log bodies and every attribute value) and counts the
 * replacements. Not thread-safe: one per operator instance.
 */
public final class TelemetryScrubber {

  private final Scrubber scrubber;
  private final Map<String, Integer> attributeCounts = new HashMap<>();
  private long replacements;

  public TelemetryScrubber(Redactor redactor) {
    Objects.requireNonNull(redactor, "redactor");
    this.scrubber =
        new Scrubber(
            text -> {
              RedactionResult r = redactor.redact(text);
              replacements += r.total();
              return r.text();
            },
            attributes -> {
              attributeCounts.clear();
              Map<String, String> out = redactor.redactAttributes(attributes, attributeCounts);
              for (int n : attributeCounts.values()) {
                replacements += n;
              }
              return out;
            });
  }

  /** The span with its PII replaced. */
  public Span span(Span raw) {
    return scrubber.span(raw);
  }

  /** The log record with its PII replaced. */
  public LogRecord log(LogRecord raw) {
    return scrubber.log(raw);
  }

  /** Replacements made since the last call, and resets the count. */
  public long takeReplacements() {
    long n = replacements;
    replacements = 0;
    return n;
  }
}
