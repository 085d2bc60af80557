package io.sloscout.core.spec.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.sloscout.core.spec.AlertSpec;
import io.sloscout.core.spec.Alerting;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.Source;
import io.sloscout.core.spec.Source.Position;
import io.sloscout.core.spec.SpecFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Sloth specs: the {@code prometheus/v1} file format (snake_case) and the {@code
 * sloth.slok.dev/v1 PrometheusServiceLevel} resource (camelCase). SLO ids are {@code <service>-<slo
 * name>}, as in Sloth.
 */
final class SlothSpecParser implements SpecParser {

  /**
   * Sloth specs carry no period: Sloth takes it from {@code --default-slo-period}, 30d unless set.
   */
  static final PromDuration PERIOD = PromDuration.ofDays(30);

  static final String PLUGIN_UNSUPPORTED =
      "SLI plugins are not supported: write the SLI as events (error and total queries) or raw"
          + " (an error ratio query)";

  private static final SchemaValidator FILE_SCHEMA =
      SchemaValidator.load("sloth.prometheus-v1.schema.json");
  private static final SchemaValidator K8S_SCHEMA =
      SchemaValidator.load("sloth.k8s-v1.schema.json");

  /** Field names of one shape. */
  private record Keys(
      SpecFormat format,
      String spec,
      String sloPlugins,
      String errorQuery,
      String totalQuery,
      String errorRatioQuery,
      String pageAlert,
      String ticketAlert) {}

  private static final Keys FILE =
      new Keys(
          SpecFormat.SLOTH_V1,
          "",
          "slo_plugins",
          "error_query",
          "total_query",
          "error_ratio_query",
          "page_alert",
          "ticket_alert");
  private static final Keys K8S =
      new Keys(
          SpecFormat.SLOTH_K8S_V1,
          "/spec",
          "sloPlugins",
          "errorQuery",
          "totalQuery",
          "errorRatioQuery",
          "pageAlert",
          "ticketAlert");

  @Override
  public boolean accepts(YamlDocument doc) {
    String v = doc.apiVersion();
    return v.equals(SpecFormat.SLOTH_V1.apiVersion())
        || v.equals(SpecFormat.SLOTH_K8S_V1.apiVersion());
  }

  @Override
  public List<Slo> parse(YamlDocument doc, ParseContext ctx) {
    boolean k8s = doc.apiVersion().equals(SpecFormat.SLOTH_K8S_V1.apiVersion());
    Keys keys = k8s ? K8S : FILE;
    if (!(k8s ? K8S_SCHEMA : FILE_SCHEMA).validate(doc, ctx)) {
      return List.of();
    }
    JsonNode spec = doc.at(keys.spec());
    if (spec.has(keys.sloPlugins())) {
      ctx.warning(doc, keys.spec() + "/" + keys.sloPlugins(), "Sloth SLO plugins are ignored");
    }
    String service = spec.path("service").asText();
    Map<String, String> specLabels = SchemaFields.strings(spec.path("labels"));
    Position docPos = doc.positionOf("");
    Map<String, Integer> names = new HashMap<>();
    List<Slo> slos = new ArrayList<>();
    JsonNode list = spec.path("slos");
    for (int i = 0; i < list.size(); i++) {
      String at = keys.spec() + "/slos/" + i;
      JsonNode s = list.get(i);
      String name = s.path("name").asText();
      Integer first = names.putIfAbsent(name, i);
      if (first != null) {
        ctx.error(
            doc, at + "/name", "SLO '" + name + "' is already defined at slos[" + first + "]");
        continue;
      }
      if (s.has("plugins")) {
        ctx.warning(doc, at + "/plugins", "Sloth SLO plugins are ignored");
      }
      Map<String, Position> fields = new HashMap<>();
      Sli sli = sli(doc, ctx, at + "/sli", keys, fields);
      if (sli == null) {
        continue;
      }
      fields.put("objective", SchemaFields.position(doc, at + "/objective"));
      fields.put("period", SchemaFields.position(doc, at));
      fields.put("name", SchemaFields.position(doc, at + "/name"));
      fields.put("sli", SchemaFields.position(doc, at + "/sli"));
      if (s.has("alerting")) {
        fields.put("alerting", SchemaFields.position(doc, at + "/alerting"));
      }
      Map<String, String> labels = new LinkedHashMap<>(specLabels);
      labels.putAll(SchemaFields.strings(s.path("labels")));
      slos.add(
          new Slo(
              service,
              name,
              s.path("description").asText(""),
              sli,
              // Decimal arithmetic keeps 99.9 → 0.999 exact (99.9 / 100 is 0.9990000000000001).
              s.path("objective").decimalValue().movePointLeft(2).doubleValue(),
              PERIOD,
              false,
              null,
              labels,
              alerting(s.path("alerting"), keys),
              null,
              new Source(doc.file(), docPos.line(), docPos.column(), keys.format(), fields)));
    }
    return slos;
  }

  private static Sli sli(
      YamlDocument doc, ParseContext ctx, String at, Keys keys, Map<String, Position> fields) {
    JsonNode sli = doc.at(at);
    int kinds =
        (sli.has("events") ? 1 : 0) + (sli.has("raw") ? 1 : 0) + (sli.has("plugin") ? 1 : 0);
    if (kinds == 0) {
      ctx.error(doc, at, "missing SLI type: give events or raw");
      return null;
    }
    if (kinds > 1) {
      ctx.error(doc, at, "give exactly one SLI type: events, raw or plugin");
      return null;
    }
    if (sli.has("plugin")) {
      ctx.error(doc, at + "/plugin", PLUGIN_UNSUPPORTED);
      return null;
    }
    if (sli.has("raw")) {
      String q = at + "/raw/" + keys.errorRatioQuery();
      fields.put("sli.errorRatioQuery", SchemaFields.position(doc, q));
      String ratio = query(doc, ctx, q);
      return ratio == null ? null : new Sli.Raw(ratio);
    }
    String e = at + "/events/" + keys.errorQuery();
    String t = at + "/events/" + keys.totalQuery();
    fields.put("sli.errorQuery", SchemaFields.position(doc, e));
    fields.put("sli.totalQuery", SchemaFields.position(doc, t));
    String error = query(doc, ctx, e);
    String total = query(doc, ctx, t);
    if (error == null || total == null) {
      return null;
    }
    if (error.equals(total)) {
      ctx.error(doc, t, "error and total queries are the same: the error ratio would always be 1");
      return null;
    }
    return new Sli.Events(error, total);
  }

  private static String query(YamlDocument doc, ParseContext ctx, String pointer) {
    String q = doc.at(pointer).asText();
    if (q.isBlank()) {
      ctx.error(doc, pointer, "must not be empty");
      return null;
    }
    if (!SchemaFields.hasWindow(q)) {
      ctx.error(doc, pointer, SchemaFields.NO_WINDOW);
      return null;
    }
    return SchemaFields.canonicalWindow(q.strip());
  }

  private static Alerting alerting(JsonNode a, Keys keys) {
    return new Alerting(
        a.has("name") ? a.path("name").asText() : null,
        SchemaFields.strings(a.path("labels")),
        SchemaFields.strings(a.path("annotations")),
        alert(a.path(keys.pageAlert())),
        alert(a.path(keys.ticketAlert())),
        List.of());
  }

  private static AlertSpec alert(JsonNode a) {
    return new AlertSpec(
        !a.path("disable").asBoolean(false),
        SchemaFields.strings(a.path("labels")),
        SchemaFields.strings(a.path("annotations")));
  }
}
