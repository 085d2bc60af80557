package io.sloscout.core.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a {@link CheckReport} as JSON (for machines) or Markdown (for a job summary or PR). */
public final class CheckReportWriter {

  // plain decimals: rounded values such as 100 would otherwise print as 1E+2
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  private CheckReportWriter() {}

  /**
   * The report as a JSON object with {@code passed}, {@code errorRate}, {@code latencyMs{p50, p90,
   * p95, p99, max}}, {@code requests}, {@code assertions[]} and the other measured figures; values
   * that were not measured are {@code null}.
   */
  public static String json(CheckReport report) {
    LoadSummary load = report.load();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("passed", report.passed());
    root.put("target", report.target());
    root.put("method", report.method());
    put(root, "readyAfterSeconds", report.readyAfterSeconds());
    put(root, "targetRps", load.targetRps());
    put(root, "durationSeconds", load.durationSeconds());
    root.put("requests", load.requests());
    root.put("sent", load.sent());
    root.put("responses", load.responses());
    root.put("errors", load.errors());
    put(root, "errorRate", load.errorRate());
    ObjectNode latency = root.putObject("latencyMs");
    put(latency, "p50", load.latencyMs().p50());
    put(latency, "p90", load.latencyMs().p90());
    put(latency, "p95", load.latencyMs().p95());
    put(latency, "p99", load.latencyMs().p99());
    put(latency, "max", load.latencyMs().max());
    put(root, "achievedRps", load.achievedRps());
    put(root, "maxSendLagMs", load.maxSendLagMs());
    ObjectNode kinds = root.putObject("errorsByKind");
    load.errorsByKind().forEach(kinds::put);
    ObjectNode statuses = root.putObject("statusCounts");
    load.statusCounts().forEach((status, count) -> statuses.put(String.valueOf(status), count));
    ArrayNode assertions = root.putArray("assertions");
    for (AssertionResult r : report.assertions()) {
      ObjectNode a = assertions.addObject();
      a.put("expression", r.assertion().expression());
      a.put("metric", r.assertion().metric().label());
      a.put("comparison", r.assertion().comparison().symbol());
      put(a, "limit", r.assertion().limit());
      put(a, "actual", r.actual());
      a.put("passed", r.passed());
    }
    report
        .slo()
        .ifPresent(
            slo -> {
              ObjectNode n = root.putObject("slo");
              n.put("decision", slo.decision());
              n.put("passed", slo.passed());
              slo.reasons().forEach(n.putArray("reasons")::add);
            });
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serialises", e);
    }
  }

  /** The report as Markdown: verdict, assertions table, counts, latency, errors by kind. */
  public static String markdown(CheckReport report) {
    LoadSummary load = report.load();
    StringBuilder md = new StringBuilder();
    md.append("## SLO check: ").append(report.passed() ? "passed" : "FAILED").append("\n\n");
    md.append("`")
        .append(report.method())
        .append(' ')
        .append(report.target())
        .append("` at ")
        .append(number(load.targetRps(), 1))
        .append(" rps for ")
        .append(number(load.durationSeconds(), 1))
        .append(" s, ready after ")
        .append(number(report.readyAfterSeconds(), 1))
        .append(" s.\n\n");
    if (!report.assertions().isEmpty()) {
      md.append("| assertion | measured | result |\n|---|---:|---|\n");
      for (AssertionResult r : report.assertions()) {
        md.append("| `")
            .append(r.assertion().expression())
            .append("` | ")
            .append(measured(r.assertion().metric(), r.actual()))
            .append(" | ")
            .append(r.passed() ? "pass" : "**FAIL**")
            .append(" |\n");
      }
      md.append('\n');
    }
    md.append(
        "| requests | sent | responses | errors | error rate | achieved rps | max send lag |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
    md.append("| ")
        .append(load.requests())
        .append(" | ")
        .append(load.sent())
        .append(" | ")
        .append(load.responses())
        .append(" | ")
        .append(load.errors())
        .append(" | ")
        .append(percent(load.errorRate()))
        .append(" | ")
        .append(number(load.achievedRps(), 1))
        .append(" | ")
        .append(number(load.maxSendLagMs(), 1))
        .append(" ms |\n\n");
    LatencySummary l = load.latencyMs();
    md.append("Latency in ms, from each request's intended send time:\n\n");
    md.append("| p50 | p90 | p95 | p99 | max |\n|---:|---:|---:|---:|---:|\n");
    md.append("| ")
        .append(number(l.p50(), 1))
        .append(" | ")
        .append(number(l.p90(), 1))
        .append(" | ")
        .append(number(l.p95(), 1))
        .append(" | ")
        .append(number(l.p99(), 1))
        .append(" | ")
        .append(number(l.max(), 1))
        .append(" |\n\n");
    md.append("Status codes: ").append(counts(load.statusCounts())).append("  \n");
    md.append("Errors by kind: ").append(counts(load.errorsByKind())).append('\n');
    report
        .slo()
        .ifPresent(
            slo -> {
              md.append("\nSLOs on Prometheus after the run: **")
                  .append(slo.decision())
                  .append("**\n\n");
              slo.reasons().forEach(r -> md.append("- ").append(r).append('\n'));
            });
    return md.toString();
  }

  private static String counts(Map<?, Long> counts) {
    if (counts.isEmpty()) {
      return "none";
    }
    return counts.entrySet().stream()
        .map(e -> "`" + e.getKey() + "` " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String measured(CheckMetric metric, double value) {
    return switch (metric.unit()) {
      case RATIO -> percent(value);
      case MILLISECONDS -> number(value, 1) + " ms";
      case PER_SECOND -> number(value, 1) + " rps";
    };
  }

  private static String percent(double ratio) {
    return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", ratio * 100);
  }

  private static String number(double value, int decimals) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  // rounded so that reports do not carry floating-point noise such as 0.30000000000000004
  private static void put(ObjectNode node, String field, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      node.putNull(field);
    } else {
      node.put(
          field, BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros());
    }
  }
}
