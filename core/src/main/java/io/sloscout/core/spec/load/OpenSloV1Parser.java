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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads OpenSLO {@code openslo/v1} documents: one {@link Slo} per objective of each {@code kind:
 * SLO}; the supporting kinds are accepted and yield none.
 */
final class OpenSloV1Parser implements SpecParser {

  static final String API_VERSION = SpecFormat.OPENSLO_V1.apiVersion();

  private static final Set<String> KINDS =
      Set.of(
          "SLO",
          "SLI",
          "Service",
          "DataSource",
          "AlertPolicy",
          "AlertCondition",
          "AlertNotificationTarget");

  @Override
  public boolean accepts(YamlDocument doc) {
    return API_VERSION.equals(doc.root().path("apiVersion").asText(""))
        && KINDS.contains(doc.kind());
  }

  @Override
  public List<Slo> parse(YamlDocument doc, ParseContext ctx) {
    switch (doc.kind()) {
      case "SLO" -> {
        return slos(doc, ctx);
      }
      case "SLI" -> {
        // Checked here, once, so that SLOs referencing it only need to say that it is broken.
        OpenSloSupport.name(doc, "/metadata/name", "SLI name", ctx);
        OpenSloV1Indicator.parse(doc, "/spec", ctx);
        return List.of();
      }
      default -> {
        return List.of();
      }
    }
  }

  /** How an SLO counts its error budget. */
  private enum Method {
    OCCURRENCES,
    TIMESLICES,
    RATIO_TIMESLICES
  }

  /**
   * The SLO's indicator and where it is named in the SLO document.
   *
   * @param pointer {@code /spec/indicator} or {@code /spec/indicatorRef}
   */
  private record Resolved(OpenSloV1Indicator indicator, String pointer) {}

  private List<Slo> slos(YamlDocument doc, ParseContext ctx) {
    String name = OpenSloSupport.name(doc, "/metadata/name", "SLO name", ctx);
    String service = OpenSloSupport.name(doc, "/spec/service", "service", ctx);
    String description = OpenSloSupport.text(doc, "/spec/description");
    Period period = period(doc, ctx);
    Method method = method(doc, ctx);
    JsonNode objectives = doc.at("/spec/objectives");
    boolean composite = false;
    for (JsonNode o : objectives) {
      composite |= o.has("indicator") || o.has("indicatorRef");
    }
    Resolved resolved = indicator(doc, composite, ctx);
    if (doc.at("/spec/alertPolicies").size() > 0) {
      ctx.warning(
          doc,
          "/spec/alertPolicies",
          "alertPolicies are ignored: SLO-Scout generates its own multi-window multi-burn-rate"
              + " alerts (page and ticket) for every SLO");
    }
    if (resolved != null
        && resolved.indicator() instanceof OpenSloV1Indicator.Threshold
        && method != null
        && method != Method.TIMESLICES) {
      ctx.error(
          doc,
          "/spec/budgetingMethod",
          "a thresholdMetric SLI needs budgetingMethod: Timeslices: a threshold judges a value"
              + " at each time slice, it does not count good and bad events"
              + (method == Method.OCCURRENCES ? " as Occurrences does" : "")
              + " (or use a ratioMetric)");
      resolved = null;
    }
    if (!objectives.isArray() || objectives.isEmpty()) {
      ctx.error(
          doc, "/spec/objectives", "missing objectives: give at least one, e.g. - target: 0.999");
      return List.of();
    }
    Map<String, String> labels = OpenSloSupport.labels(doc, ctx);
    List<String> names = objectiveNames(name, objectives);
    List<Slo> out = new ArrayList<>();
    for (int i = 0; i < objectives.size(); i++) {
      String op = "/spec/objectives/" + i;
      JsonNode objective = objectives.get(i);
      if (objective.has("indicator") || objective.has("indicatorRef")) {
        ctx.error(
            doc,
            op + (objective.has("indicator") ? "/indicator" : "/indicatorRef"),
            "composite SLOs (an indicator per objective) are not supported: write one SLO per"
                + " indicator, each with spec.indicator or spec.indicatorRef");
        continue;
      }
      Double target = OpenSloSupport.target(doc, op, true, ctx);
      Sli sli =
          resolved == null || method == null
              ? null
              : sli(doc, op, resolved.indicator(), method, ctx);
      if (name == null || service == null || period == null || target == null || sli == null) {
        continue;
      }
      String targetField = objective.has("target") ? "/target" : "/targetPercent";
      Source source = source(doc, op + targetField, resolved, sli);
      out.add(
          new Slo(
              service,
              names.get(i),
              description,
              sli,
              target,
              period.length(),
              period.calendar(),
              null,
              labels,
              null,
              null,
              source));
    }
    return out;
  }

  /**
   * The SLO name per objective: the SLO's own with one objective, else suffixed with the
   * objective's display name (or its index where that is missing or taken).
   */
  private static List<String> objectiveNames(String name, JsonNode objectives) {
    List<String> names = new ArrayList<>();
    if (objectives.size() == 1) {
      names.add(name);
      return names;
    }
    Set<String> used = new HashSet<>();
    for (int i = 0; i < objectives.size(); i++) {
      String slug = OpenSloSupport.slug(objectives.get(i).path("displayName").asText(""));
      String suffix = slug.isEmpty() || !used.add(slug) ? String.valueOf(i) : slug;
      names.add(name + "-" + suffix);
    }
    return names;
  }

  private static Method method(YamlDocument doc, ParseContext ctx) {
    String text = OpenSloSupport.text(doc, "/spec/budgetingMethod");
    switch (text) {
      case "Occurrences" -> {
        return Method.OCCURRENCES;
      }
      case "Timeslices" -> {
        return Method.TIMESLICES;
      }
      case "RatioTimeslices" -> {
        return Method.RATIO_TIMESLICES;
      }
      case "" -> {
        ctx.warning(
            doc, "/spec/budgetingMethod", "missing budgetingMethod; counting events (Occurrences)");
        return Method.OCCURRENCES;
      }
      default -> {
        ctx.error(
            doc,
            "/spec/budgetingMethod",
            "unknown budgetingMethod '"
                + text
                + "': use Occurrences, Timeslices or RatioTimeslices");
        return null;
      }
    }
  }

  /** The SLO's period and whether it is calendar-aligned. */
  private record Period(PromDuration length, boolean calendar) {}

  private static Period period(YamlDocument doc, ParseContext ctx) {
    JsonNode windows = doc.at("/spec/timeWindow");
    if (windows.isMissingNode() || windows.isNull()) {
      ctx.warning(
          doc,
          "/spec/timeWindow",
          "no timeWindow; using a rolling " + OpenSloSupport.DEFAULT_PERIOD + " period");
      return new Period(OpenSloSupport.DEFAULT_PERIOD, false);
    }
    if (!windows.isArray() || windows.size() != 1) {
      ctx.error(
          doc,
          "/spec/timeWindow",
          "timeWindow must be a list with exactly one item, e.g. - duration: 28d");
      return null;
    }
    String w = "/spec/timeWindow/0";
    String duration = OpenSloSupport.text(doc, w + "/duration");
    if (duration.isEmpty()) {
      ctx.error(doc, w + "/duration", "missing duration, e.g. duration: 28d or 1M");
      return null;
    }
    PromDuration length;
    try {
      length = OpenSloSupport.shorthand(duration);
    } catch (IllegalArgumentException e) {
      ctx.error(doc, w + "/duration", e.getMessage());
      return null;
    }
    JsonNode rolling = doc.at(w + "/isRolling");
    // The spec says isRolling defaults to false when a calendar is given; without either the
    // window can only be rolling.
    boolean calendar =
        rolling.isBoolean() ? !rolling.booleanValue() : doc.at(w + "/calendar").isObject();
    if (calendar) {
      ctx.warning(doc, w, OpenSloSupport.calendarWarning(duration, length));
    } else if (OpenSloSupport.isCalendarUnit(duration)) {
      ctx.warning(
          doc,
          w + "/duration",
          "rolling " + duration + " is taken as " + length + " (months 30d, quarters 90d)");
    }
    return new Period(length, calendar);
  }

  /** The SLO's indicator, inline or referenced; null after reporting errors. */
  private static Resolved indicator(YamlDocument doc, boolean composite, ParseContext ctx) {
    JsonNode spec = doc.at("/spec");
    boolean inline = spec.has("indicator");
    boolean ref = spec.has("indicatorRef");
    if (inline && ref) {
      ctx.error(doc, "/spec/indicatorRef", "give either indicator or indicatorRef, not both");
      return null;
    }
    if (inline) {
      JsonNode ind = spec.get("indicator");
      // The spec nests the SLI under indicator.spec; some files in the wild leave out the level.
      String sp = ind.has("spec") ? "/spec/indicator/spec" : "/spec/indicator";
      OpenSloV1Indicator parsed = OpenSloV1Indicator.parse(doc, sp, ctx);
      return parsed == null ? null : new Resolved(parsed, "/spec/indicator");
    }
    if (ref) {
      String name = OpenSloSupport.text(doc, "/spec/indicatorRef");
      if (name.isEmpty()) {
        ctx.error(doc, "/spec/indicatorRef", "indicatorRef must name an SLI");
        return null;
      }
      var sli = ctx.find(API_VERSION, "SLI", name);
      if (sli.isEmpty()) {
        ctx.error(
            doc,
            "/spec/indicatorRef",
            "indicatorRef '"
                + name
                + "' names no SLI: no loaded document has apiVersion openslo/v1, kind SLI and"
                + " metadata.name '"
                + name
                + "' (pass the file that defines it too)");
        return null;
      }
      // The SLI's own findings are reported when its document is parsed; here only whether it
      // is usable matters.
      ParseContext quiet = new ParseContext(ctx.documents());
      OpenSloV1Indicator parsed = OpenSloV1Indicator.parse(sli.get(), "/spec", quiet);
      if (parsed == null) {
        YamlDocument d = sli.get();
        Position p = d.positionOf("");
        ctx.error(
            doc,
            "/spec/indicatorRef",
            "the SLI '" + name + "' has errors (see " + d.file() + ":" + p.line() + ")");
        return null;
      }
      return new Resolved(parsed, "/spec/indicatorRef");
    }
    if (!composite) {
      ctx.error(
          doc,
          "/spec/indicator",
          "missing indicator: give spec.indicator (an inline SLI with metadata and spec) or"
              + " spec.indicatorRef (the name of a kind: SLI document)");
    }
    return null;
  }

  /** The objective's SLI under the SLO's budgeting method; null after reporting errors. */
  private static Sli sli(
      YamlDocument doc,
      String objective,
      OpenSloV1Indicator indicator,
      Method method,
      ParseContext ctx) {
    if (method == Method.OCCURRENCES) {
      OpenSloV1Indicator.Ratio r = (OpenSloV1Indicator.Ratio) indicator;
      return switch (r.kind()) {
        case GOOD ->
            new Sli.Raw("1 - ((" + r.numerator().text() + ") / (" + r.total().text() + "))");
        case BAD -> new Sli.Events(r.numerator().text(), r.total().text());
        case RAW_SUCCESS -> new Sli.Raw("1 - (" + r.numerator().text() + ")");
        case RAW_FAILURE -> new Sli.Raw(r.numerator().text());
      };
    }
    PromDuration slice = sliceWindow(doc, objective, ctx);
    if (method == Method.RATIO_TIMESLICES) {
      // Each slice's error ratio, averaged over the window: slices weigh the same whatever
      // their traffic.
      String err = ((OpenSloV1Indicator.Ratio) indicator).errorExpression();
      return slice == null ? null : new Sli.Raw(subquery(err, slice));
    }
    // Timeslices: a slice is bad (1) when it misses its goal, good (0) otherwise; the average
    // over the window is then the share of bad slices, which is the error ratio this method
    // budgets.
    String bad;
    if (indicator instanceof OpenSloV1Indicator.Ratio r) {
      Double sliceTarget = sliceTarget(doc, objective, ctx);
      if (sliceTarget == null) {
        return null;
      }
      bad = "(" + r.successExpression() + ") < bool " + OpenSloSupport.format(sliceTarget);
    } else {
      OpenSloV1Indicator.Threshold t = (OpenSloV1Indicator.Threshold) indicator;
      String missed = missedComparison(doc, objective, ctx);
      Double value = null;
      if (doc.at(objective).has("value")) {
        value = OpenSloSupport.number(doc, objective + "/value", "value", ctx);
      } else {
        ctx.error(
            doc,
            objective + "/value",
            "missing value: the threshold the thresholdMetric is compared with (op: lte, value:"
                + " 0.3)");
      }
      if (missed == null || value == null) {
        return null;
      }
      bad = "(" + t.query().text() + ") " + missed + " bool " + OpenSloSupport.format(value);
    }
    return slice == null ? null : new Sli.Raw(subquery(bad, slice));
  }

  /** {@code avg_over_time((expr)[{{.window}}:slice])} with the slice as the queries' range. */
  private static String subquery(String expression, PromDuration slice) {
    return "avg_over_time(("
        + OpenSloSupport.withWindow(expression, slice)
        + ")["
        + Sli.WINDOW
        + ":"
        + slice
        + "])";
  }

  /** The comparison that holds when a slice misses the objective's {@code op}. */
  private static String missedComparison(YamlDocument doc, String objective, ParseContext ctx) {
    String op = OpenSloSupport.text(doc, objective + "/op");
    String missed =
        switch (op) {
          case "lt" -> ">=";
          case "lte" -> ">";
          case "gt" -> "<=";
          case "gte" -> "<";
          default -> null;
        };
    if (missed == null) {
      ctx.error(
          doc,
          objective + "/op",
          (op.isEmpty() ? "missing op" : "unknown op '" + op + "'")
              + ": a thresholdMetric objective compares each slice's value with lt, lte, gt or"
              + " gte");
    }
    return missed;
  }

  private static PromDuration sliceWindow(YamlDocument doc, String objective, ParseContext ctx) {
    String pointer = objective + "/timeSliceWindow";
    JsonNode node = doc.at(pointer);
    if (node.isMissingNode() || node.isNull()) {
      ctx.error(
          doc,
          pointer,
          "missing timeSliceWindow: Timeslices and RatioTimeslices need the length of one"
              + " slice, e.g. timeSliceWindow: 1m");
      return null;
    }
    if (node.isIntegralNumber()) {
      // A bare number is minutes, as the spec says.
      if (node.longValue() <= 0) {
        ctx.error(doc, pointer, "timeSliceWindow must be positive, e.g. 1 (minute) or 5m");
        return null;
      }
      return PromDuration.ofMinutes(node.longValue());
    }
    try {
      return OpenSloSupport.shorthand(node.asText());
    } catch (IllegalArgumentException e) {
      ctx.error(doc, pointer, e.getMessage());
      return null;
    }
  }

  private static Double sliceTarget(YamlDocument doc, String objective, ParseContext ctx) {
    String pointer = objective + "/timeSliceTarget";
    if (!doc.at(objective).has("timeSliceTarget")) {
      ctx.error(
          doc,
          pointer,
          "missing timeSliceTarget: with Timeslices a slice is good when its ratio reaches"
              + " this share, e.g. timeSliceTarget: 0.95");
      return null;
    }
    Double v = OpenSloSupport.number(doc, pointer, "timeSliceTarget", ctx);
    if (v != null && !(v > 0 && v <= 1)) {
      ctx.error(
          doc,
          pointer,
          "timeSliceTarget "
              + OpenSloSupport.format(v)
              + " is out of range: it must be greater than 0 and at most 1");
      return null;
    }
    return v;
  }

  private static Source source(YamlDocument doc, String targetPointer, Resolved resolved, Sli sli) {
    Map<String, Position> fields = new HashMap<>();
    fields.put("name", OpenSloSupport.position(doc, "/metadata/name"));
    fields.put("objective", OpenSloSupport.position(doc, targetPointer));
    fields.put("period", OpenSloSupport.position(doc, "/spec/timeWindow/0/duration"));
    fields.put("sli", OpenSloSupport.position(doc, resolved.pointer()));
    if (doc.root().path("spec").has("alertPolicies")) {
      fields.put("alerting", OpenSloSupport.position(doc, "/spec/alertPolicies"));
    }
    OpenSloV1Indicator ind = resolved.indicator();
    // Source positions name lines of the SLO's file; an SLI from another file is pointed at
    // through the indicatorRef line.
    boolean sameFile = ind.doc().file().equals(doc.file());
    Position numerator;
    Position total = null;
    if (ind instanceof OpenSloV1Indicator.Ratio r) {
      numerator = sameFile ? OpenSloSupport.position(r.doc(), r.numerator().pointer()) : null;
      if (r.total() != null && sameFile) {
        total = OpenSloSupport.position(r.doc(), r.total().pointer());
      }
    } else {
      numerator =
          sameFile
              ? OpenSloSupport.position(
                  ind.doc(), ((OpenSloV1Indicator.Threshold) ind).query().pointer())
              : null;
      String value = targetPointer.substring(0, targetPointer.lastIndexOf('/')) + "/value";
      fields.put("sli.threshold", OpenSloSupport.position(doc, value));
    }
    if (!sameFile) {
      numerator = OpenSloSupport.position(doc, resolved.pointer());
      total = ind instanceof OpenSloV1Indicator.Ratio r && r.total() != null ? numerator : null;
    }
    if (sli instanceof Sli.Events) {
      fields.put("sli.errorQuery", numerator);
      fields.put("sli.totalQuery", total);
    } else {
      fields.put("sli.errorRatioQuery", numerator);
      if (total != null) {
        fields.put("sli.totalQuery", total);
      }
    }
    Position at = doc.positionOf("");
    return new Source(doc.file(), at.line(), at.column(), SpecFormat.OPENSLO_V1, fields);
  }
}
