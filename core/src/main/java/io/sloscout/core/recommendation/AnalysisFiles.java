package io.sloscout.core.recommendation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sloscout.core.journey.ErrorTemplate;
import io.sloscout.core.journey.Journey;
import io.sloscout.core.journey.LatencyDistribution;
import io.sloscout.core.spec.Slo;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders an analysis as files: {@code journeys.json}, {@code recommendations.json} and one {@code
 * slos/<journey id>.yaml} per journey in the native {@code slo-scout.io/v1} format. The output is
 * deterministic: the same journeys give the same bytes.
 */
public final class AnalysisFiles {

  /** The journeys file. */
  public static final String JOURNEYS = "journeys.json";

  /** The recommendations file. */
  public static final String RECOMMENDATIONS = "recommendations.json";

  /** The folder of SLO files. */
  public static final String SLOS = "slos/";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AnalysisFiles() {}

  /** All files, keyed by path relative to the output folder. */
  public static SortedMap<String, String> render(List<Journey> journeys, RecommendationSet set) {
    SortedMap<String, String> files = new TreeMap<>();
    files.put(JOURNEYS, journeysJson(journeys));
    files.put(RECOMMENDATIONS, recommendationsJson(set.recommendations()));
    Map<String, List<Recommendation>> byJourney =
        set.recommendations().stream()
            .collect(
                Collectors.groupingBy(
                    Recommendation::journeyId, TreeMap::new, Collectors.toList()));
    for (Journey j : journeys) {
      List<Recommendation> recs = byJourney.getOrDefault(j.id(), List.of());
      if (!recs.isEmpty()) {
        files.put(SLOS + j.id() + ".yaml", sloYaml(j, recs));
      }
    }
    return files;
  }

  /** {@code journeys.json}: the contract's fields, nothing else. */
  public static String journeysJson(List<Journey> journeys) {
    ArrayNode array = NODES.arrayNode();
    for (Journey j : journeys) {
      ObjectNode o = array.addObject();
      o.put("id", j.id());
      o.put("name", j.name());
      o.put("entryService", j.entryService());
      o.put("entryOperation", j.entryOperation());
      ArrayNode services = o.putArray("services");
      j.services().forEach(services::add);
      o.put("requests", j.requests());
      o.put("errorRatio", decimal(j.errorRatio(), 6));
      ObjectNode latency = o.putObject("latencyMs");
      latency.put("p50", decimal(j.latencyMs().p50(), 1));
      latency.put("p95", decimal(j.latencyMs().p95(), 1));
      latency.put("p99", decimal(j.latencyMs().p99(), 1));
    }
    return pretty(array);
  }

  /** {@code recommendations.json}: the contract's fields, nothing else. */
  public static String recommendationsJson(List<Recommendation> recommendations) {
    ArrayNode array = NODES.arrayNode();
    for (Recommendation r : recommendations) {
      ObjectNode o = array.addObject();
      o.put("journey", r.journeyId());
      ObjectNode sli = o.putObject("sli");
      sli.put("type", r.type().jsonName());
      sli.put("description", r.description());
      sli.put("metric", r.metric());
      sli.put("totalMatchers", r.totalMatchers());
      if (r.badMatchers() != null) {
        sli.put("badMatchers", r.badMatchers());
      }
      sli.put("tier", r.tier());
      sli.put("observedGoodRatio", decimal(r.observedGoodRatio(), 6));
      o.put("objective", decimal(r.objective(), 6));
      if (r.thresholdMs() != null) {
        o.put("thresholdMs", decimal(r.thresholdMs(), 3));
      }
      o.put("window", r.window());
      o.put("confidence", decimal(r.confidence(), 2));
      o.put("rationale", r.rationale());
      ArrayNode evidence = o.putArray("evidence");
      for (ErrorTemplate t : r.evidence()) {
        ObjectNode e = evidence.addObject();
        e.put("templateId", t.templateId());
        e.put("template", t.template());
        e.put("source", t.source());
        e.put("count", t.count());
      }
    }
    return pretty(array);
  }

  /**
   * The journey's SLOs as native YAML documents, one per recommendation; {@code slo-scout generate}
   * reads them.
   */
  public static String sloYaml(Journey j, List<Recommendation> recs) {
    StringBuilder y = new StringBuilder();
    String service = sloName(j.entryService());
    String base =
        sloName(j.id().startsWith(service + "-") ? j.id().substring(service.length() + 1) : j.id());
    boolean first = true;
    for (Recommendation r : recs) {
      if (!first) {
        y.append("---\n");
      }
      first = false;
      y.append("# Recommended by slo-scout analyze for journey ")
          .append(j.id())
          .append(" (")
          .append(j.name().replace('\n', ' '))
          .append(").\n");
      y.append("apiVersion: slo-scout.io/v1\n");
      y.append("kind: ServiceLevelObjective\n");
      y.append("metadata:\n");
      y.append("  name: ").append(base).append('-').append(r.type().jsonName()).append('\n');
      y.append("  labels:\n");
      y.append("    journey: ").append(quote(j.id())).append('\n');
      y.append("  annotations:\n");
      y.append("    slo-scout.io/generated-by: analyze\n");
      y.append("    slo-scout.io/confidence: ").append(quote(plain(r.confidence()))).append('\n');
      y.append("    slo-scout.io/observed-good-ratio: ")
          .append(quote(plain(decimal(r.observedGoodRatio(), 6))))
          .append('\n');
      y.append("    slo-scout.io/rationale: ").append(quote(r.rationale())).append('\n');
      y.append("spec:\n");
      y.append("  service: ").append(quote(service)).append('\n');
      y.append("  description: ").append(quote(r.description())).append('\n');
      y.append("  tier: ").append(r.tier()).append('\n');
      y.append("  indicator:\n");
      if (r.type() == SliType.AVAILABILITY) {
        y.append("    type: ratio\n");
        y.append("    ratio:\n");
        y.append("      bad:\n");
        y.append("        metric: ").append(r.metric()).append('\n');
        y.append("        matchers: ").append(quote(r.badMatchers())).append('\n');
        y.append("      total:\n");
        y.append("        metric: ").append(r.metric()).append('\n');
        y.append("        matchers: ").append(quote(r.totalMatchers())).append('\n');
      } else {
        y.append("    type: latency\n");
        y.append("    latency:\n");
        y.append("      metric: ").append(r.metric()).append('\n');
        y.append("      matchers: ").append(quote(r.totalMatchers())).append('\n');
        y.append("      threshold: ").append(plain(r.thresholdMs() / 1000)).append('\n');
        y.append("      buckets: [")
            .append(
                LatencyDistribution.BUCKETS_SECONDS.stream()
                    .map(AnalysisFiles::plain)
                    .collect(Collectors.joining(", ")))
            .append("]\n");
      }
      y.append("  objectives:\n");
      y.append("    - target: ").append(plain(r.objective())).append('\n');
      y.append("      window: ").append(r.window()).append('\n');
    }
    return y.toString();
  }

  /** A name valid for {@link Slo#NAME}: other characters become dashes. */
  static String sloName(String text) {
    String s = text.replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
    return s.isEmpty() ? "journey" : s;
  }

  private static String quote(String s) {
    try {
      // A JSON string is a valid YAML double-quoted scalar.
      return MAPPER.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string always serialises", e);
    }
  }

  private static String plain(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private static double decimal(double value, int scale) {
    return BigDecimal.valueOf(value).setScale(scale, java.math.RoundingMode.HALF_UP).doubleValue();
  }

  private static String pretty(ArrayNode array) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    printer = printer.withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return MAPPER.writer(printer).writeValueAsString(array) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree always serialises", e);
    }
  }
}
