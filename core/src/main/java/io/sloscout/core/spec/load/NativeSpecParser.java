package io.sloscout.core.spec.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.sloscout.core.burnrate.AlertSeverity;
import io.sloscout.core.burnrate.BurnRateWindow;
import io.sloscout.core.spec.AlertSpec;
import io.sloscout.core.spec.Alerting;
import io.sloscout.core.spec.ErrorBudgetPolicy;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.Source;
import io.sloscout.core.spec.Source.Position;
import io.sloscout.core.spec.SpecFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Parses SLO-Scout's native {@code slo-scout.io/v1 ServiceLevelObjective}: schema first ({@code
 * slo-scout.v1.schema.json}), then the rules a schema cannot say; one SLO per objective.
 */
final class NativeSpecParser implements SpecParser {

  /** The schema's file name under {@code io/sloscout/core/spec/}. */
  static final String SCHEMA_NAME = "slo-scout.v1.schema.json";

  /** The Prometheus client libraries' default histogram buckets, in seconds. */
  static final List<Double> DEFAULT_BUCKETS =
      List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);

  /** The label that carries a burn rate's notification channels to Alertmanager routes. */
  static final String CHANNELS_LABEL = "notification_channels";

  private static final SchemaValidator SCHEMA = SchemaValidator.load(SCHEMA_NAME);

  @Override
  public boolean accepts(YamlDocument doc) {
    return SpecFormat.NATIVE_V1.apiVersion().equals(doc.apiVersion());
  }

  @Override
  public List<Slo> parse(YamlDocument doc, ParseContext ctx) {
    if (!SCHEMA.validate(doc, ctx)) {
      return List.of();
    }
    JsonNode spec = doc.at("/spec");
    Map<String, Position> fields = new HashMap<>();
    Sli sli = indicator(doc, ctx, fields);
    Alerting alerting = alerting(doc, ctx);
    if (spec.has("alerting")) {
      fields.put("alerting", SchemaFields.position(doc, "/spec/alerting"));
    }
    String tier = null;
    if (spec.has("tier")) {
      tier = spec.path("tier").asText().replace('-', '_');
      fields.put("tier", SchemaFields.position(doc, "/spec/tier"));
    }
    ErrorBudgetPolicy policy = policy(spec.path("errorBudgetPolicy"));
    String baseName = doc.at("/metadata/name").asText();
    Map<String, String> labels = SchemaFields.strings(doc.at("/metadata/labels"));
    Position docPos = doc.positionOf("");

    JsonNode objectives = spec.path("objectives");
    Map<String, Integer> names = new HashMap<>();
    List<Slo> slos = new ArrayList<>();
    for (int i = 0; i < objectives.size(); i++) {
      String at = "/spec/objectives/" + i;
      JsonNode o = objectives.get(i);
      String name = baseName;
      String namePointer = "/metadata/name";
      if (objectives.size() > 1) {
        boolean named = o.has("name");
        name = baseName + "-" + (named ? o.path("name").asText() : o.path("window").asText());
        namePointer = named ? at + "/name" : at + "/window";
      }
      Integer first = names.putIfAbsent(name, i);
      if (first != null) {
        ctx.error(
            doc,
            at,
            "objectives["
                + first
                + "] and objectives["
                + i
                + "] both make the SLO '"
                + name
                + "'; give each objective a distinct name");
        continue;
      }
      PromDuration period = SchemaFields.duration(doc, ctx, at + "/window");
      if (sli == null || period == null || alerting == null) {
        continue;
      }
      Map<String, Position> own = new HashMap<>(fields);
      own.put("objective", SchemaFields.position(doc, at + "/target"));
      own.put("period", SchemaFields.position(doc, at + "/window"));
      own.put("name", SchemaFields.position(doc, namePointer));
      slos.add(
          new Slo(
              spec.path("service").asText(),
              name,
              spec.path("description").asText(""),
              sli,
              o.path("target").asDouble(),
              period,
              o.path("calendar").asBoolean(false),
              tier,
              labels,
              alerting,
              policy,
              new Source(doc.file(), docPos.line(), docPos.column(), SpecFormat.NATIVE_V1, own)));
    }
    return slos;
  }

  /** The SLI, or null after reporting why none can be built. */
  private static Sli indicator(YamlDocument doc, ParseContext ctx, Map<String, Position> fields) {
    fields.put("sli", SchemaFields.position(doc, "/spec/indicator"));
    JsonNode indicator = doc.at("/spec/indicator");
    String type = indicator.path("type").asText();
    String unused = type.equals("ratio") ? "latency" : "ratio";
    if (indicator.has(unused)) {
      ctx.warning(
          doc,
          "/spec/indicator/" + unused,
          "ignored: the indicator's type is " + type + ", so only '" + type + "' is read");
    }
    return type.equals("ratio") ? ratio(doc, ctx, fields) : latency(doc, ctx, fields);
  }

  private static Sli ratio(YamlDocument doc, ParseContext ctx, Map<String, Position> fields) {
    String at = "/spec/indicator/ratio";
    JsonNode ratio = doc.at(at);
    boolean good = ratio.has("good");
    boolean bad = ratio.has("bad");
    if (good && bad) {
      ctx.error(doc, at + "/good", "give either good or bad, not both (plus total)");
      return null;
    }
    if (!good && !bad) {
      ctx.error(doc, at + "/bad", "missing 'bad' or 'good': give exactly one of them, plus total");
      return null;
    }
    String eventsPointer = at + (good ? "/good" : "/bad");
    String events = query(doc, ctx, eventsPointer);
    String total = query(doc, ctx, at + "/total");
    if (events == null || total == null) {
      return null;
    }
    fields.put("sli.totalQuery", SchemaFields.position(doc, at + "/total"));
    if (good) {
      fields.put("sli.errorRatioQuery", SchemaFields.position(doc, eventsPointer));
      return new Sli.Raw("1 - ((" + events + ") / (" + total + "))");
    }
    fields.put("sli.errorQuery", SchemaFields.position(doc, eventsPointer));
    return new Sli.Events(events, total);
  }

  /** The PromQL of a {@code {query}} or {@code {metric, matchers}} node, or null on error. */
  private static String query(YamlDocument doc, ParseContext ctx, String at) {
    JsonNode node = doc.at(at);
    boolean hasQuery = node.has("query");
    boolean hasMetric = node.has("metric");
    if (hasQuery && hasMetric) {
      ctx.error(doc, at + "/metric", "give either query or metric, not both");
      return null;
    }
    if (!hasQuery && !hasMetric) {
      ctx.error(doc, at + "/query", "missing 'query' or 'metric': give exactly one of them");
      return null;
    }
    if (hasQuery) {
      if (node.has("matchers")) {
        ctx.error(doc, at + "/matchers", "matchers go with metric, not with query");
        return null;
      }
      String q = node.path("query").asText();
      if (!SchemaFields.hasWindow(q)) {
        ctx.error(doc, at + "/query", SchemaFields.NO_WINDOW);
        return null;
      }
      return SchemaFields.canonicalWindow(q.strip());
    }
    String matchers = node.path("matchers").asText("").strip();
    return "sum(rate("
        + node.path("metric").asText()
        + (matchers.isEmpty() ? "" : "{" + matchers + "}")
        + "["
        + Sli.WINDOW
        + "]))";
  }

  private static Sli latency(YamlDocument doc, ParseContext ctx, Map<String, Position> fields) {
    String at = "/spec/indicator/latency";
    JsonNode latency = doc.at(at);
    String metric = latency.path("metric").asText();
    if (metric.endsWith("_bucket")) {
      ctx.warning(
          doc,
          at + "/metric",
          "metric names the histogram's base name; read '"
              + metric
              + "' as '"
              + metric.substring(0, metric.length() - "_bucket".length())
              + "'");
      metric = metric.substring(0, metric.length() - "_bucket".length());
    }
    List<Double> buckets = new ArrayList<>();
    if (latency.has("buckets")) {
      latency.path("buckets").forEach(b -> buckets.add(b.asDouble()));
    } else {
      buckets.addAll(DEFAULT_BUCKETS);
    }
    buckets.sort(Double::compare);
    JsonNode t = latency.path("threshold");
    double threshold = seconds(t);
    fields.put("sli.threshold", SchemaFields.position(doc, at + "/threshold"));
    if (buckets.stream().noneMatch(b -> Math.abs(b - threshold) <= 1e-9 * Math.max(1, b))) {
      ctx.error(
          doc,
          at + "/threshold",
          "threshold "
              + (t.isNumber() ? number(threshold) + "s" : t.asText())
              + " is not a bucket of "
              + metric
              + " (buckets: "
              + buckets.stream().map(NativeSpecParser::number).collect(Collectors.joining(", "))
              + "): the SLI counts requests under an le bound, so the threshold must be one"
              + (latency.has("buckets") ? "" : " (default Prometheus client buckets)"));
      return null;
    }
    return new Sli.Latency(metric, latency.path("matchers").asText(""), threshold, buckets);
  }

  /** A latency in seconds from {@code 300ms}, {@code 0.3s} or {@code 0.3}. */
  private static double seconds(JsonNode t) {
    if (t.isNumber()) {
      return t.asDouble();
    }
    String s = t.asText();
    return s.endsWith("ms")
        ? new BigDecimal(s.substring(0, s.length() - 2)).movePointLeft(3).doubleValue()
        : new BigDecimal(s.substring(0, s.length() - 1)).doubleValue();
  }

  private static String number(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** The alerting, or null after reporting an unusable burn rate. */
  private static Alerting alerting(YamlDocument doc, ParseContext ctx) {
    JsonNode a = doc.at("/spec/alerting");
    boolean enabled = a.path("enabled").asBoolean(true);
    List<BurnRateWindow> windows = new ArrayList<>();
    Map<AlertSeverity, TreeSet<String>> channels = new LinkedHashMap<>();
    boolean ok = true;
    JsonNode burnRates = a.path("burnRates");
    for (int i = 0; i < burnRates.size(); i++) {
      String at = "/spec/alerting/burnRates/" + i;
      BurnRateWindow w = burnRate(doc, ctx, at);
      if (w == null) {
        ok = false;
        continue;
      }
      windows.add(w);
      burnRates
          .get(i)
          .path("notificationChannels")
          .forEach(
              c -> channels.computeIfAbsent(w.severity(), s -> new TreeSet<>()).add(c.asText()));
    }
    if (!ok) {
      return null;
    }
    return new Alerting(
        a.has("name") ? a.path("name").asText() : null,
        SchemaFields.strings(a.path("labels")),
        SchemaFields.strings(a.path("annotations")),
        alert(a.path("page"), enabled, channels.get(AlertSeverity.PAGE)),
        alert(a.path("ticket"), enabled, channels.get(AlertSeverity.TICKET)),
        windows);
  }

  private static AlertSpec alert(JsonNode node, boolean enabled, TreeSet<String> channels) {
    Map<String, String> labels = new LinkedHashMap<>(SchemaFields.strings(node.path("labels")));
    if (channels != null) {
      labels.putIfAbsent(CHANNELS_LABEL, String.join(",", channels));
    }
    return new AlertSpec(
        enabled && node.path("enabled").asBoolean(true),
        labels,
        SchemaFields.strings(node.path("annotations")));
  }

  private static BurnRateWindow burnRate(YamlDocument doc, ParseContext ctx, String at) {
    JsonNode b = doc.at(at);
    PromDuration shortW = SchemaFields.duration(doc, ctx, at + "/shortWindow");
    PromDuration longW = SchemaFields.duration(doc, ctx, at + "/longWindow");
    PromDuration forW = b.has("for") ? SchemaFields.duration(doc, ctx, at + "/for") : null;
    if (shortW == null || longW == null || (b.has("for") && forW == null)) {
      return null;
    }
    if (shortW.equals(longW)) {
      ctx.error(
          doc,
          at + "/shortWindow",
          "shortWindow and longWindow are both " + shortW + "; the short window must be shorter");
      return null;
    }
    if (shortW.compareTo(longW) > 0) {
      // The seed's own examples write the pair reversed; the intent is unambiguous.
      ctx.warning(
          doc,
          at + "/shortWindow",
          "shortWindow "
              + shortW
              + " is longer than longWindow "
              + longW
              + "; read them swapped (short "
              + longW
              + ", long "
              + shortW
              + ")");
      PromDuration t = shortW;
      shortW = longW;
      longW = t;
    }
    AlertSeverity severity =
        switch (b.path("severity").asText()) {
          case "critical", "page" -> AlertSeverity.PAGE;
          default -> AlertSeverity.TICKET;
        };
    return new BurnRateWindow(severity, shortW, longW, b.path("burnRate").asDouble(), forW);
  }

  /** The policy as written; {@code enabled: false} means deliberately none, absent the default. */
  private static ErrorBudgetPolicy policy(JsonNode p) {
    if (p.isMissingNode()) {
      return null;
    }
    List<ErrorBudgetPolicy.Action> actions = new ArrayList<>();
    if (p.path("enabled").asBoolean(true)) {
      p.path("actions")
          .forEach(
              a ->
                  actions.add(
                      new ErrorBudgetPolicy.Action(
                          a.path("threshold").asDouble(),
                          a.path("action").asText(),
                          a.path("description").asText(""))));
    }
    return new ErrorBudgetPolicy(actions);
  }
}
