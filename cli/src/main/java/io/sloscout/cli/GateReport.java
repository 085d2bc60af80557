package io.sloscout.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sloscout.core.gate.GateDecision;
import io.sloscout.core.gate.GateOutcome;
import io.sloscout.core.gate.SloVerdict;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A gate decision as JSON (the contract's shape) or as Markdown for a pull request or job summary.
 */
final class GateReport {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GateReport() {}

  /**
   * {@code {decision, reasons[], burnRates{window: value}, errorBudgetRemaining, time, policy,
   * slos[]}}; numbers rounded to 4 decimals so output is stable.
   */
  static ObjectNode json(GateDecision d) {
    ObjectNode root = JSON.createObjectNode();
    root.put("decision", d.decision().label());
    d.reasons().forEach(root.putArray("reasons")::add);
    putRates(root.putObject("burnRates"), d.burnRates());
    putRatio(root, "errorBudgetRemaining", d.errorBudgetRemaining());
    root.put("time", d.time().toString());
    root.put("policy", d.policy());
    var slos = root.putArray("slos");
    for (SloVerdict v : d.slos()) {
      ObjectNode n = slos.addObject();
      n.put("id", v.slo().id());
      n.put("service", v.slo().service());
      n.put("name", v.slo().name());
      if (v.slo().tier() != null) {
        n.put("tier", v.slo().tier());
      }
      n.put("objective", v.slo().objective());
      n.put("period", v.slo().period().toString());
      n.put("decision", v.outcome().label());
      n.put("blocking", v.blocking());
      v.reasons().forEach(n.putArray("reasons")::add);
      putRates(n.putObject("burnRates"), v.burnRates());
      putRatio(n, "errorBudgetRemaining", v.errorBudgetRemaining());
      if (v.events().isPresent()) {
        n.put("events", Math.round(v.events().getAsDouble()));
      } else {
        n.putNull("events");
      }
      n.put("trafficWindow", v.trafficWindow().toString());
      n.put("file", v.slo().source().file().toString());
    }
    return root;
  }

  static String jsonText(GateDecision d) {
    try {
      return JSON.writeValueAsString(json(d));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Markdown summary: the decision, a table of SLOs, then every reason. */
  static String markdown(GateDecision d) {
    StringBuilder sb = new StringBuilder();
    sb.append("## SLO release gate: ")
        .append(icon(d.decision()))
        .append(" **")
        .append(d.decision().label())
        .append("**\n\n");
    sb.append("Evaluated at `")
        .append(d.time())
        .append("` under policy `")
        .append(d.policy())
        .append("`.\n\n");
    sb.append("| SLO | verdict | blocks | budget remaining | highest burn rate | events |\n");
    sb.append("|---|---|---|---:|---:|---:|\n");
    for (SloVerdict v : d.slos()) {
      sb.append("| `")
          .append(v.slo().id())
          .append("` | ")
          .append(icon(v.outcome()))
          .append(' ')
          .append(v.outcome().label())
          .append(" | ")
          .append(v.blocking() ? "yes" : "no")
          .append(" | ")
          .append(
              v.errorBudgetRemaining().isPresent()
                  ? round(v.errorBudgetRemaining().getAsDouble() * 100, 1) + "%"
                  : "n/a")
          .append(" | ")
          .append(highest(v))
          .append(" | ")
          .append(
              v.events().isPresent()
                  ? Math.round(v.events().getAsDouble()) + " / " + v.trafficWindow()
                  : "n/a")
          .append(" |\n");
    }
    sb.append("\n### Reasons\n\n");
    for (String r : d.reasons()) {
      sb.append("- ").append(r).append('\n');
    }
    return sb.toString();
  }

  private static String highest(SloVerdict v) {
    String window = null;
    BigDecimal max = null;
    // Rounded first, so equal rates name the shortest window rather than float noise's pick.
    for (Map.Entry<String, Double> e : v.burnRates().entrySet()) {
      BigDecimal rate = BigDecimal.valueOf(e.getValue()).setScale(1, RoundingMode.HALF_UP);
      if (!e.getKey().equals(v.slo().period().toString())
          && (max == null || rate.compareTo(max) > 0)) {
        max = rate;
        window = e.getKey();
      }
    }
    return window == null ? "n/a" : max.toPlainString() + "× over " + window;
  }

  private static String icon(GateOutcome o) {
    return switch (o) {
      case PROMOTE -> "✅";
      case INCONCLUSIVE -> "⚠️";
      case ROLLBACK -> "❌";
    };
  }

  private static void putRates(ObjectNode n, Map<String, Double> rates) {
    rates.forEach((w, v) -> n.put(w, round(v, 4)));
  }

  private static void putRatio(ObjectNode n, String field, OptionalDouble v) {
    if (v.isPresent()) {
      n.put(field, round(v.getAsDouble(), 4));
    } else {
      n.putNull(field);
    }
  }

  private static BigDecimal round(double v, int scale) {
    BigDecimal d = BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }
}
