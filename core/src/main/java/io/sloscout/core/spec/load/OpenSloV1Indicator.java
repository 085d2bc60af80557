package io.sloscout.core.spec.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.sloscout.core.spec.Sli;

/**
 * An {@code openslo/v1} SLI as read from its document, before an SLO's budgeting method turns it
 * into an {@link io.sloscout.core.spec.Sli}.
 */
sealed interface OpenSloV1Indicator {

  /** The document the indicator was written in. */
  YamlDocument doc();

  /** Which queries a ratio metric gives. */
  enum RatioKind {
    /** {@code good} and {@code total}. */
    GOOD,
    /** {@code bad} and {@code total}. */
    BAD,
    /** {@code raw} with {@code rawType: success}: a precomputed share of good events. */
    RAW_SUCCESS,
    /** {@code raw} with {@code rawType: failure}: a precomputed share of bad events. */
    RAW_FAILURE
  }

  /**
   * A PromQL query and where it was written.
   *
   * @param text the query, window placeholder normalised to {@code {{.window}}}
   * @param pointer JSON pointer of the query text in {@link #doc()}
   */
  record Query(String text, String pointer) {}

  /** A {@code ratioMetric}; {@code total} is null for raw ratios. */
  record Ratio(YamlDocument doc, RatioKind kind, Query numerator, Query total)
      implements OpenSloV1Indicator {

    /** The share of good events, with the window placeholder as given. */
    String successExpression() {
      return switch (kind) {
        case GOOD -> "(" + numerator.text() + ") / (" + total.text() + ")";
        case BAD -> "1 - (" + numerator.text() + ") / (" + total.text() + ")";
        case RAW_SUCCESS -> numerator.text();
        case RAW_FAILURE -> "1 - (" + numerator.text() + ")";
      };
    }

    /** The share of bad events, with the window placeholder as given. */
    String errorExpression() {
      return switch (kind) {
        case GOOD -> "1 - (" + numerator.text() + ") / (" + total.text() + ")";
        case BAD -> "(" + numerator.text() + ") / (" + total.text() + ")";
        case RAW_SUCCESS -> "1 - (" + numerator.text() + ")";
        case RAW_FAILURE -> numerator.text();
      };
    }
  }

  /** A {@code thresholdMetric}: one value per instant, compared with an objective's value. */
  record Threshold(YamlDocument doc, Query query) implements OpenSloV1Indicator {}

  /**
   * Reads the SLI spec at {@code spec} ({@code /spec} of a {@code kind: SLI}, or the inline {@code
   * indicator}'s spec); null after reporting errors to {@code ctx}.
   */
  static OpenSloV1Indicator parse(YamlDocument doc, String spec, ParseContext ctx) {
    JsonNode node = doc.at(spec);
    boolean ratio = node.has("ratioMetric");
    boolean threshold = node.has("thresholdMetric");
    if (ratio && threshold) {
      ctx.error(
          doc, spec + "/thresholdMetric", "give either ratioMetric or thresholdMetric, not both");
      return null;
    }
    if (!ratio && !threshold) {
      ctx.error(
          doc,
          spec + "/ratioMetric",
          "the SLI needs a ratioMetric (good or bad events over total) or a thresholdMetric");
      return null;
    }
    if (threshold) {
      Query q = query(doc, spec + "/thresholdMetric", false, ctx);
      return q == null ? null : new Threshold(doc, q);
    }
    String rm = spec + "/ratioMetric";
    JsonNode metric = doc.at(rm);
    boolean good = metric.has("good");
    boolean bad = metric.has("bad");
    boolean total = metric.has("total");
    if (metric.has("raw")) {
      if (good || bad || total) {
        ctx.error(doc, rm + "/raw", "raw cannot be combined with good, bad or total");
        return null;
      }
      String rawType = OpenSloSupport.text(doc, rm + "/rawType");
      RatioKind kind =
          switch (rawType) {
            case "success" -> RatioKind.RAW_SUCCESS;
            case "failure" -> RatioKind.RAW_FAILURE;
            default -> null;
          };
      if (kind == null) {
        ctx.error(
            doc,
            rm + "/rawType",
            (rawType.isEmpty() ? "missing rawType" : "unknown rawType '" + rawType + "'")
                + ": a raw ratio needs rawType success (good/total) or failure (bad/total)");
      }
      Query q = query(doc, rm + "/raw", true, ctx);
      return kind == null || q == null ? null : new Ratio(doc, kind, q, null);
    }
    if (good && bad) {
      ctx.error(doc, rm + "/bad", "give either good or bad over total, not both");
      return null;
    }
    if (!good && !bad) {
      ctx.error(
          doc,
          rm + "/good",
          "the ratioMetric needs good (or bad) and total queries, or a raw ratio with rawType");
      return null;
    }
    if (!total) {
      ctx.error(doc, rm + "/total", "missing total: the ratio's denominator query");
      return null;
    }
    Query numerator = query(doc, rm + (good ? "/good" : "/bad"), true, ctx);
    Query denominator = query(doc, rm + "/total", true, ctx);
    if (numerator == null || denominator == null) {
      return null;
    }
    return new Ratio(doc, good ? RatioKind.GOOD : RatioKind.BAD, numerator, denominator);
  }

  /** The PromQL query of the metric at {@code metric}; null after reporting errors. */
  private static Query query(
      YamlDocument doc, String metric, boolean requireWindow, ParseContext ctx) {
    String ms = metric + "/metricSource";
    JsonNode source = doc.at(ms);
    if (!source.isObject()) {
      ctx.error(
          doc,
          ms,
          "missing metricSource: give type: Prometheus and spec.query with the PromQL query");
      return null;
    }
    String type = OpenSloSupport.text(doc, ms + "/type");
    String ref = OpenSloSupport.text(doc, ms + "/metricSourceRef");
    if (type.isEmpty() && !ref.isEmpty()) {
      // The type may live on the referenced DataSource instead of the metric source.
      type =
          ctx.find(OpenSloV1Parser.API_VERSION, "DataSource", ref)
              .map(ds -> ds.root().path("spec").path("type").asText(""))
              .orElse("");
      if (type.isEmpty()) {
        ctx.warning(
            doc,
            ms + "/metricSourceRef",
            "metricSourceRef '"
                + ref
                + "' names no loaded DataSource with a type; the query is taken as PromQL");
      }
    }
    if (!type.isEmpty() && !OpenSloSupport.isPromql(type)) {
      ctx.error(
          doc,
          type.equals(OpenSloSupport.text(doc, ms + "/type")) ? ms + "/type" : ms,
          "metric source type '"
              + type
              + "' is not supported: SLO-Scout generates Prometheus rules, so the source must"
              + " answer PromQL (type Prometheus)");
      return null;
    }
    String pointer = null;
    for (String key : new String[] {"query", "promql"}) {
      JsonNode q = source.path("spec").path(key);
      if (q.isTextual()) {
        pointer = ms + "/spec/" + key;
        break;
      }
    }
    if (pointer == null) {
      ctx.error(doc, ms + "/spec/query", "missing PromQL query: give spec.query (or spec.promql)");
      return null;
    }
    String text = OpenSloSupport.normalizeWindow(doc.at(pointer).asText());
    if (text.isEmpty()) {
      ctx.error(doc, pointer, "the query is empty");
      return null;
    }
    if (requireWindow && !text.contains(Sli.WINDOW)) {
      ctx.error(doc, pointer, OpenSloSupport.missingWindowMessage());
      return null;
    }
    return new Query(text, pointer);
  }
}
