package io.sloscout.core.journey;

import io.sloscout.core.redaction.Redactor;
import io.sloscout.core.telemetry.LogRecord;
import io.sloscout.core.telemetry.Resource;
import io.sloscout.core.telemetry.Span;
import io.sloscout.core.telemetry.SpanEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Removes PII from telemetry before discovery keeps any of it: span names, status messages, log
 * bodies and every attribute value go through the redactor.
 *
 * @param text redacts free text
 * @param attributes redacts attribute values (the redactor knows which keys are safe)
 */
public record Scrubber(UnaryOperator<String> text, UnaryOperator<Map<String, String>> attributes) {

  public Scrubber {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(attributes, "attributes");
  }

  /** Redaction by {@code redactor}. */
  public static Scrubber of(Redactor redactor) {
    return new Scrubber(redactor::redactText, redactor::redactAttributes);
  }

  /** The span with its name, status message, attributes and events redacted. */
  public Span span(Span s) {
    List<SpanEvent> events = new ArrayList<>(s.events().size());
    for (SpanEvent e : s.events()) {
      events.add(
          new SpanEvent(text.apply(e.name()), e.timeUnixNanos(), attributes.apply(e.attributes())));
    }
    return new Span(
        resource(s.resource()),
        s.traceId(),
        s.spanId(),
        s.parentSpanId(),
        text.apply(s.name()),
        s.kind(),
        s.startUnixNanos(),
        s.endUnixNanos(),
        s.status(),
        text.apply(s.statusMessage()),
        attributes.apply(s.attributes()),
        events);
  }

  /** The log record with its body and attributes redacted. */
  public LogRecord log(LogRecord r) {
    return new LogRecord(
        resource(r.resource()),
        r.timeUnixNanos(),
        r.severityNumber(),
        r.severityText(),
        text.apply(r.body()),
        r.traceId(),
        r.spanId(),
        attributes.apply(r.attributes()));
  }

  private Resource resource(Resource r) {
    return r.attributes().isEmpty() ? r : new Resource(attributes.apply(r.attributes()));
  }
}
