package io.sloscout.core.spec.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.Source.Position;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks and conversions that the OpenSLO parsers share. */
final class OpenSloSupport {

  /** The period used when an SLO gives no time window, as Sloth does. */
  static final PromDuration DEFAULT_PERIOD = PromDuration.ofDays(30);

  private static final Pattern WINDOW = Pattern.compile("\\{\\{\\s*\\.window\\s*}}");
  private static final Pattern SHORTHAND = Pattern.compile("(\\d+)([mhdwMQY])");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** Prometheus and the stores that answer PromQL the same way. */
  private static final Set<String> PROMQL_SOURCES =
      Set.of("prometheus", "thanos", "cortex", "mimir", "victoriametrics", "sloth");

  private OpenSloSupport() {}

  /**
   * The text at {@code pointer}, checked to be usable as a label value and file name; null after
   * reporting an error.
   */
  static String name(YamlDocument doc, String pointer, String what, ParseContext ctx) {
    JsonNode node = doc.at(pointer);
    if (node.isMissingNode() || node.isNull() || node.asText("").isBlank()) {
      ctx.error(doc, pointer, "missing " + what);
      return null;
    }
    String text = node.asText();
    if (!node.isValueNode() || !Slo.NAME.matcher(text).matches()) {
      ctx.error(
          doc,
          pointer,
          what
              + " '"
              + (node.isValueNode() ? text : node.toString())
              + "' is not a valid name: it becomes a Prometheus label value and part of file"
              + " names, so use letters, digits, '-', '_' and '.', starting with a letter or"
              + " digit");
      return null;
    }
    return text;
  }

  /** The scalar text at {@code pointer}, trimmed; empty when absent. */
  static String text(YamlDocument doc, String pointer) {
    JsonNode node = doc.at(pointer);
    return node.isValueNode() && !node.isNull() ? node.asText().trim() : "";
  }

  /**
   * The ratio at {@code objective}/target (or /targetPercent when {@code allowPercent}), checked to
   * lie strictly between 0 and 1; null after reporting an error.
   */
  static Double target(YamlDocument doc, String objective, boolean allowPercent, ParseContext ctx) {
    JsonNode obj = doc.at(objective);
    boolean hasTarget = obj.has("target");
    boolean hasPercent = allowPercent && obj.has("targetPercent");
    if (hasTarget && hasPercent) {
      ctx.error(
          doc,
          objective + "/targetPercent",
          "give either target or targetPercent, not both (target: 0.999 is targetPercent: 99.9)");
      return null;
    }
    if (!hasTarget && !hasPercent) {
      ctx.error(
          doc,
          objective + "/target",
          "missing target: the share of good events to reach, e.g. target: 0.999"
              + (allowPercent ? " (or targetPercent: 99.9)" : ""));
      return null;
    }
    String field = hasTarget ? "target" : "targetPercent";
    double scale = hasTarget ? 1 : 100;
    Double value = number(doc, objective + "/" + field, field, ctx);
    if (value == null) {
      return null;
    }
    if (!(value > 0 && value < scale)) {
      ctx.error(
          doc,
          objective + "/" + field,
          field
              + " "
              + format(value)
              + " is out of range: it must be greater than 0 and less than "
              + format(scale)
              + (hasTarget ? " (0.999 means 99.9%)" : ""));
      return null;
    }
    return value / scale;
  }

  /** The number at {@code pointer} (quoted numbers too); null after reporting an error. */
  static Double number(YamlDocument doc, String pointer, String what, ParseContext ctx) {
    JsonNode node = doc.at(pointer);
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      try {
        double d = Double.parseDouble(node.asText().trim());
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    ctx.error(
        doc,
        pointer,
        what
            + " must be a number, found "
            + (node.isValueNode() ? "'" + node.asText() + "'" : node));
    return null;
  }

  /**
   * Parses OpenSLO's duration shorthand ({@code 28d}, {@code 1M}); months, quarters and years are
   * taken as 30, 90 and 365 days because Prometheus ranges have a fixed length.
   *
   * @throws IllegalArgumentException when {@code text} is not a positive shorthand duration
   */
  static PromDuration shorthand(String text) {
    Matcher m = SHORTHAND.matcher(text == null ? "" : text.trim());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not an OpenSLO duration: write a positive whole number followed by m, h,"
              + " d, w, M (month), Q (quarter) or Y (year), e.g. 28d or 1M");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> PromDuration.ofMinutes(n);
      case "h" -> PromDuration.ofHours(n);
      case "d" -> PromDuration.ofDays(n);
      case "w" -> PromDuration.ofDays(7 * n);
      case "M" -> PromDuration.ofDays(30 * n);
      case "Q" -> PromDuration.ofDays(90 * n);
      case "Y" -> PromDuration.ofDays(365 * n);
      default -> throw new IllegalStateException(m.group(2));
    };
  }

  /** True when the shorthand uses a calendar unit whose length varies (month, quarter, year). */
  static boolean isCalendarUnit(String text) {
    String t = text.trim();
    return t.endsWith("M") || t.endsWith("Q") || t.endsWith("Y");
  }

  /** The warning for calendar-aligned periods, which Prometheus rules can only approximate. */
  static String calendarWarning(String written, PromDuration period) {
    return "calendar-aligned period "
        + written
        + " is evaluated in Prometheus as a rolling "
        + period
        + " window: the error budget does not reset at the start of each calendar period";
  }

  /** True when a metric source type names a store that answers PromQL. */
  static boolean isPromql(String type) {
    return PROMQL_SOURCES.contains(type.toLowerCase(Locale.ROOT));
  }

  /** The query with every spelling of the window placeholder written as {@link Sli#WINDOW}. */
  static String normalizeWindow(String query) {
    return WINDOW.matcher(query.trim()).replaceAll(Matcher.quoteReplacement(Sli.WINDOW));
  }

  /** The query with the window placeholder replaced by a fixed range. */
  static String withWindow(String query, PromDuration window) {
    return query.replace(Sli.WINDOW, window.toString());
  }

  /** The error for a ratio query that does not use the window placeholder. */
  static String missingWindowMessage() {
    return "query has no "
        + Sli.WINDOW
        + " placeholder: OpenSLO queries are templates, as with Sloth, and SLO-Scout evaluates"
        + " them once per burn-rate window (5m, 1h, 6h, …, the whole period) by putting that"
        + " window in the placeholder, e.g. rate(http_requests_total[{{.window}}]); without it"
        + " every window computes the same value";
  }

  /** {@code 0.99} rather than {@code 0.9900000}: numbers as written in PromQL. */
  static String format(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** A display name as a name part: lower case, runs of other characters as one '-'. */
  static String slug(String displayName) {
    return displayName
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
  }

  /** Where the node at {@code pointer} sits, with the dotted path of the field. */
  static Position position(YamlDocument doc, String pointer) {
    Position p = doc.positionOf(pointer);
    return new Position(p.line(), p.column(), doc.fieldPath(pointer));
  }

  /**
   * {@code metadata.labels} that can be Prometheus labels on the SLO's rules; list values are
   * joined with commas, and labels that cannot be Prometheus labels are skipped with a warning.
   */
  static Map<String, String> labels(YamlDocument doc, ParseContext ctx) {
    Map<String, String> out = new TreeMap<>();
    JsonNode labels = doc.at("/metadata/labels");
    if (!labels.isObject()) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : labels.properties()) {
      String key = e.getKey();
      String pointer = "/metadata/labels/" + YamlDocument.escape(key);
      if (!LABEL_NAME.matcher(key).matches() || key.startsWith("__") || key.startsWith("sloth_")) {
        ctx.warning(
            doc,
            pointer,
            "label '"
                + key
                + "' is not added to the generated rules: Prometheus label names are letters,"
                + " digits and '_', and names starting with '__' or 'sloth_' are reserved");
        continue;
      }
      JsonNode v = e.getValue();
      if (v.isValueNode() && !v.isNull()) {
        out.put(key, v.asText());
      } else if (v.isArray()) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode item : v) {
          sb.append(sb.length() == 0 ? "" : ",").append(item.asText());
        }
        out.put(key, sb.toString());
      } else {
        ctx.warning(doc, pointer, "label '" + key + "' is not a string or a list of strings");
      }
    }
    return out;
  }
}
