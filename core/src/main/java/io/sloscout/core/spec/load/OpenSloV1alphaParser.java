package io.sloscout.core.spec.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.Source;
import io.sloscout.core.spec.Source.Position;
import io.sloscout.core.spec.SpecFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads OpenSLO {@code openslo/v1alpha} documents: one {@link Slo} per objective of each {@code
 * kind: SLO}, named {@code <metadata.name>-<index>} as Sloth names them, so ids stay the same when
 * moving between the two tools.
 */
final class OpenSloV1alphaParser implements SpecParser {

  static final String API_VERSION = SpecFormat.OPENSLO_V1ALPHA.apiVersion();

  @Override
  public boolean accepts(YamlDocument doc) {
    return API_VERSION.equals(doc.root().path("apiVersion").asText(""))
        && (doc.kind().equals("SLO") || doc.kind().equals("Service"));
  }

  @Override
  public List<Slo> parse(YamlDocument doc, ParseContext ctx) {
    return doc.kind().equals("SLO") ? slos(doc, ctx) : List.of();
  }

  private List<Slo> slos(YamlDocument doc, ParseContext ctx) {
    String name = OpenSloSupport.name(doc, "/metadata/name", "SLO name", ctx);
    String service = OpenSloSupport.name(doc, "/spec/service", "service", ctx);
    String description = OpenSloSupport.text(doc, "/spec/description");
    Period period = period(doc, ctx);
    boolean methodOk = method(doc, ctx);
    if (doc.at("/spec/indicator/thresholdMetric").isObject()) {
      ctx.error(
          doc,
          "/spec/indicator/thresholdMetric",
          "thresholdMetric is not supported for openslo/v1alpha: give ratioMetrics in each"
              + " objective (or use openslo/v1 with budgetingMethod: Timeslices)");
      methodOk = false;
    }
    JsonNode objectives = doc.at("/spec/objectives");
    if (!objectives.isArray() || objectives.isEmpty()) {
      ctx.error(
          doc,
          "/spec/objectives",
          "missing objectives: give at least one, with ratioMetrics and target");
      return List.of();
    }
    Map<String, String> labels = OpenSloSupport.labels(doc, ctx);
    List<Slo> out = new ArrayList<>();
    for (int i = 0; i < objectives.size(); i++) {
      String op = "/spec/objectives/" + i;
      Double target = OpenSloSupport.target(doc, op, false, ctx);
      Ratio ratio = ratio(doc, op, ctx);
      if (name == null
          || service == null
          || period == null
          || !methodOk
          || target == null
          || ratio == null) {
        continue;
      }
      Sli sli =
          ratio.good()
              ? new Sli.Raw("1 - ((" + ratio.numerator() + ") / (" + ratio.total() + "))")
              : new Sli.Events(ratio.numerator(), ratio.total());
      out.add(
          new Slo(
              service,
              name + "-" + i,
              description,
              sli,
              target,
              period.length(),
              period.calendar(),
              null,
              labels,
              null,
              null,
              source(doc, op, ratio)));
    }
    return out;
  }

  /** True when the budgeting method can be honoured; reports the problem otherwise. */
  private static boolean method(YamlDocument doc, ParseContext ctx) {
    String method = OpenSloSupport.text(doc, "/spec/budgetingMethod");
    if (method.isEmpty() || method.equals("Occurrences")) {
      return true;
    }
    if (method.equals("Timeslices")) {
      ctx.error(
          doc,
          "/spec/budgetingMethod",
          "budgetingMethod Timeslices is not supported for openslo/v1alpha: it has no time slice"
              + " window to evaluate slices with; use Occurrences, or openslo/v1 with"
              + " timeSliceWindow");
    } else {
      ctx.error(
          doc,
          "/spec/budgetingMethod",
          "unknown budgetingMethod '" + method + "': use Occurrences");
    }
    return false;
  }

  /** The SLO's period and whether it is calendar-aligned. */
  private record Period(PromDuration length, boolean calendar) {}

  private static Period period(YamlDocument doc, ParseContext ctx) {
    JsonNode windows = doc.at("/spec/timeWindows");
    if (windows.isMissingNode() || windows.isNull()) {
      ctx.warning(
          doc,
          "/spec/timeWindows",
          "no timeWindows; using a rolling " + OpenSloSupport.DEFAULT_PERIOD + " period");
      return new Period(OpenSloSupport.DEFAULT_PERIOD, false);
    }
    if (!windows.isArray() || windows.size() != 1) {
      ctx.error(
          doc,
          "/spec/timeWindows",
          "timeWindows must be a list with exactly one item, e.g. - count: 30, unit: Day");
      return null;
    }
    String w = "/spec/timeWindows/0";
    String unit = OpenSloSupport.text(doc, w + "/unit");
    long seconds =
        switch (unit.toLowerCase(Locale.ROOT)) {
          case "second" -> 1;
          case "minute" -> 60;
          case "hour" -> 3600;
          case "day" -> 86_400;
          case "week" -> 7 * 86_400;
          // Prometheus ranges have a fixed length, so calendar units get their usual one.
          case "month" -> 30 * 86_400;
          case "quarter" -> 90 * 86_400;
          case "year" -> 365 * 86_400;
          default -> 0;
        };
    boolean ok = true;
    if (seconds == 0) {
      ctx.error(
          doc,
          w + "/unit",
          (unit.isEmpty() ? "missing unit" : "unknown unit '" + unit + "'")
              + ": use Second, Minute, Hour, Day, Week, Month (30 days), Quarter (90 days) or"
              + " Year (365 days)");
      ok = false;
    }
    JsonNode count = doc.at(w + "/count");
    if (!count.canConvertToExactIntegral() || !count.isNumber() || count.longValue() <= 0) {
      ctx.error(
          doc,
          w + "/count",
          (count.isMissingNode() ? "missing count" : "count must be a positive whole number")
              + ": the number of units in the window, e.g. count: 30 with unit: Day");
      ok = false;
    }
    if (!ok) {
      return null;
    }
    PromDuration length = PromDuration.ofSeconds(seconds * count.longValue());
    JsonNode rolling = doc.at(w + "/isRolling");
    boolean calendar =
        rolling.isBoolean() ? !rolling.booleanValue() : doc.at(w + "/calendar").isObject();
    if (calendar) {
      ctx.warning(doc, w, OpenSloSupport.calendarWarning(count.longValue() + " " + unit, length));
    }
    return new Period(length, calendar);
  }

  /**
   * An objective's ratio: queries with the window placeholder, and where they were written.
   *
   * @param at pointer of the ratioMetrics
   * @param good true for good/total, false for bad/total
   */
  private record Ratio(
      String at,
      boolean good,
      String numerator,
      String total,
      String numeratorAt,
      String totalAt) {}

  private static Ratio ratio(YamlDocument doc, String objective, ParseContext ctx) {
    JsonNode o = doc.at(objective);
    // The v1alpha README spells the field both ratioMetrics and ratioMetric.
    String rm = objective + (o.has("ratioMetric") ? "/ratioMetric" : "/ratioMetrics");
    JsonNode metrics = doc.at(rm);
    if (!metrics.isObject()) {
      ctx.error(
          doc,
          objective + "/ratioMetrics",
          "missing ratioMetrics: give good (or bad) and total queries");
      return null;
    }
    boolean good = metrics.has("good");
    if (good && metrics.has("bad")) {
      ctx.error(doc, rm + "/bad", "give either good or bad over total, not both");
      return null;
    }
    if (!good && !metrics.has("bad")) {
      ctx.error(doc, rm + "/good", "ratioMetrics needs good (or bad) and total queries");
      return null;
    }
    if (!metrics.has("total")) {
      ctx.error(doc, rm + "/total", "missing total: the ratio's denominator query");
      return null;
    }
    String numeratorAt = rm + (good ? "/good" : "/bad");
    String numerator = query(doc, numeratorAt, ctx);
    String total = query(doc, rm + "/total", ctx);
    if (numerator == null || total == null) {
      return null;
    }
    return new Ratio(rm, good, numerator, total, numeratorAt + "/query", rm + "/total/query");
  }

  /** The PromQL query of {@code {source, queryType, query}} at {@code metric}; null on error. */
  private static String query(YamlDocument doc, String metric, ParseContext ctx) {
    String source = OpenSloSupport.text(doc, metric + "/source");
    if (!OpenSloSupport.isPromql(source)) {
      ctx.error(
          doc,
          metric + "/source",
          (source.isEmpty() ? "missing source" : "source '" + source + "' is not supported")
              + ": SLO-Scout generates Prometheus rules, so give source: prometheus");
      return null;
    }
    String type = OpenSloSupport.text(doc, metric + "/queryType");
    if (!type.isEmpty() && !type.equalsIgnoreCase("promql")) {
      ctx.error(
          doc,
          metric + "/queryType",
          "queryType '" + type + "' is not supported: give queryType: promql");
      return null;
    }
    String pointer = metric + "/query";
    String text = OpenSloSupport.normalizeWindow(OpenSloSupport.text(doc, pointer));
    if (text.isEmpty()) {
      ctx.error(doc, pointer, "missing query: the PromQL query");
      return null;
    }
    if (!text.contains(Sli.WINDOW)) {
      ctx.error(doc, pointer, OpenSloSupport.missingWindowMessage());
      return null;
    }
    return text;
  }

  private static Source source(YamlDocument doc, String objective, Ratio ratio) {
    Map<String, Position> fields = new HashMap<>();
    fields.put("name", OpenSloSupport.position(doc, "/metadata/name"));
    fields.put("objective", OpenSloSupport.position(doc, objective + "/target"));
    fields.put("period", OpenSloSupport.position(doc, "/spec/timeWindows/0"));
    fields.put("sli", OpenSloSupport.position(doc, ratio.at()));
    fields.put(
        ratio.good() ? "sli.errorRatioQuery" : "sli.errorQuery",
        OpenSloSupport.position(doc, ratio.numeratorAt()));
    fields.put("sli.totalQuery", OpenSloSupport.position(doc, ratio.totalAt()));
    Position at = doc.positionOf("");
    return new Source(doc.file(), at.line(), at.column(), SpecFormat.OPENSLO_V1ALPHA, fields);
  }
}
