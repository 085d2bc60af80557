package io.sloscout.core.journey;

import io.sloscout.core.telemetry.Span;
import io.sloscout.core.telemetry.SpanKind;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a trace is a user journey: its entry is the SERVER span without a parent in the
 * trace, and neither a probe nor a scheduler sent it.
 */
public final class TraceClassifier {

  private final NoiseRules rules;
  private final Operations operations;

  public TraceClassifier(NoiseRules rules, Operations operations) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.operations = Objects.requireNonNull(operations, "operations");
  }

  /** Classifies one assembled trace. */
  public Classification classify(List<Span> spans) {
    Set<String> ids = new HashSet<>();
    for (Span s : spans) {
      ids.add(s.spanId());
    }
    Span entry = null;
    boolean hasRoot = false;
    boolean orphan = false;
    for (Span s : spans) {
      boolean top = s.isRoot() || !ids.contains(s.parentSpanId());
      if (!top) {
        continue;
      }
      if (s.kind() == SpanKind.SERVER) {
        // A remote parent (a browser, an uninstrumented proxy) still makes this the entry.
        if (entry == null || EARLIEST.compare(s, entry) < 0) {
          entry = s;
        }
      } else if (s.isRoot()) {
        hasRoot = true;
      } else {
        orphan = true;
      }
    }
    if (entry == null) {
      if (hasRoot) {
        return new Classification(TraceKind.JOB, null, "", "no SERVER entry span");
      }
      return new Classification(
          TraceKind.INCOMPLETE, null, "", orphan ? "top spans missing" : "no spans");
    }
    String operation = operations.of(entry);
    String userAgent = entry.firstAttribute("user_agent.original", "http.user_agent");
    if (rules.isProbeAgent(userAgent)) {
      return new Classification(TraceKind.PROBE, entry, operation, "probe user agent");
    }
    String path = entry.attribute("http.route");
    if (rules.isProbePath(path) || rules.isProbePath(Operations.path(entry))) {
      return new Classification(TraceKind.PROBE, entry, operation, "probe path");
    }
    if (rules.isJobAgent(userAgent)) {
      return new Classification(TraceKind.JOB, entry, operation, "scheduler user agent");
    }
    for (String key : rules.jobResourceAttributes()) {
      if (entry.resource().attribute(key) != null) {
        return new Classification(TraceKind.JOB, entry, operation, "scheduled workload " + key);
      }
    }
    return new Classification(TraceKind.USER, entry, operation, "");
  }

  private static final Comparator<Span> EARLIEST =
      Comparator.comparingLong(Span::startUnixNanos).thenComparing(Span::spanId);
}
