package io.sloscout.core.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.generation.ArtifactGenerator;
import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.journey.DiscoveryConfig;
import io.sloscout.core.journey.DiscoveryResult;
import io.sloscout.core.journey.Journey;
import io.sloscout.core.journey.JourneyDiscovery;
import io.sloscout.core.journey.LatencyDistribution;
import io.sloscout.core.journey.ShopWorkload;
import io.sloscout.core.spec.SpecSet;
import io.sloscout.core.spec.load.SpecLoader;
import io.sloscout.core.telemetry.LogRecord;
import io.sloscout.core.telemetry.OtlpJsonReader;
import io.sloscout.core.telemetry.Span;
import io.sloscout.core.testing.Golden;
import io.sloscout.core.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShopAnalysisTest {

  static DiscoveryResult discover(ShopWorkload w) {
    JourneyDiscovery discovery = new JourneyDiscovery(DiscoveryConfig.standard());
    OtlpJsonReader.Listener listener =
        new OtlpJsonReader.Listener() {
          @Override
          public void span(Span span) {
            discovery.span(span);
          }

          @Override
          public void log(LogRecord record) {
            discovery.log(record);
          }
        };
    OtlpJsonReader reader = new OtlpJsonReader();
    reader.read("logs.jsonl", w.logs(), listener);
    reader.read("traces.jsonl", w.traces(), listener);
    return discovery.finish();
  }

  @Test
  void findsExactlyTheUserJourneysWithTheirServices() {
    ShopWorkload w = ShopWorkload.generate(7, 1500);
    DiscoveryResult result = discover(w);

    Map<String, Journey> found =
        result.journeys().stream()
            .collect(Collectors.toMap(j -> j.entryService() + " " + j.entryOperation(), j -> j));
    assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(w.truth().keySet());
    w.truth()
        .forEach(
            (key, truth) -> {
              Journey j = found.get(key);
              assertThat(j.services()).as(key).containsExactlyElementsOf(truth.services());
              assertThat(j.requests()).as(key).isEqualTo(truth.requests());
              assertThat(j.errors()).as(key).isEqualTo(truth.errors());
            });
    assertThat(result.stats().probeTraces()).isPositive();
    assertThat(result.stats().jobTraces()).isPositive();
    Journey checkout = found.get("frontend POST /checkout");
    assertThat(checkout.edges())
        .extracting(e -> e.caller() + "->" + e.callee())
        .containsExactly("checkout->cart", "checkout->payment", "frontend->checkout");
    assertThat(checkout.errorTemplates()).isNotEmpty();
  }

  @Test
  void recommendsOnlyObjectivesTheObservedDataMeets() {
    DiscoveryResult result = discover(ShopWorkload.generate(11, 1500));
    RecommendationSet set = new SliRecommender().recommend(result.journeys());
    Map<String, Journey> byId =
        result.journeys().stream().collect(Collectors.toMap(Journey::id, j -> j));

    assertThat(set.recommendations()).hasSize(2 * result.journeys().size());
    for (Recommendation r : set.recommendations()) {
      Journey j = byId.get(r.journeyId());
      if (r.type() == SliType.AVAILABILITY) {
        assertThat(r.objective()).as(r.journeyId()).isLessThanOrEqualTo(j.goodRatio());
      } else {
        int bucket = LatencyDistribution.BUCKETS_SECONDS.indexOf(r.thresholdMs() / 1000);
        assertThat(bucket).as("threshold %s is a bucket", r.thresholdMs()).isNotNegative();
        double share = (double) j.atOrUnderBucket().get(bucket) / j.requests();
        assertThat(r.objective()).as(r.journeyId()).isLessThanOrEqualTo(share);
        assertThat(r.thresholdMs()).isGreaterThanOrEqualTo(j.latencyMs().p95());
      }
      assertThat(r.confidence()).isBetween(0.0, 1.0);
      assertThat(r.rationale()).isNotBlank();
    }
    Recommendation login =
        set.recommendations().stream()
            .filter(
                r -> r.journeyId().equals("auth-post-login") && r.type() == SliType.AVAILABILITY)
            .findFirst()
            .orElseThrow();
    assertThat(login.tier()).isEqualTo("critical");
    assertThat(login.objective()).isEqualTo(0.9995);
    Recommendation checkout =
        set.recommendations().stream()
            .filter(
                r ->
                    r.journeyId().equals("frontend-post-checkout")
                        && r.type() == SliType.AVAILABILITY)
            .findFirst()
            .orElseThrow();
    // Checkout fails about 4% of the time: the essential 99.9% is out of reach, 95% is met.
    assertThat(checkout.tier()).isEqualTo("essential");
    assertThat(checkout.objective()).isEqualTo(0.95);
    assertThat(checkout.rationale()).contains("is NOT met");
    assertThat(checkout.evidence())
        .extracting(e -> e.template())
        .anyMatch(t -> t.contains("declined"));
  }

  @Test
  void writesSloFilesThatLoadAndGenerate(@TempDir Path dir) throws Exception {
    DiscoveryResult result = discover(ShopWorkload.generate(3, 600));
    RecommendationSet set = new SliRecommender().recommend(result.journeys());
    SortedMap<String, String> files = AnalysisFiles.render(result.journeys(), set);
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    SpecSet specs = new SpecLoader().load(List.of(dir.resolve("slos")));
    assertThat(specs.errors()).isEmpty();
    assertThat(specs.slos()).hasSize(set.recommendations().size());
    SortedMap<String, String> artifacts =
        new ArtifactGenerator(GenerationOptions.defaults()).generate(specs.slos());
    assertThat(artifacts.keySet()).anyMatch(k -> k.endsWith("frontend.rules.yaml"));
    // The rules from recommended SLOs pass promtool like hand-written ones. (Their promtool unit
    // tests are the generator's to prove; simulating 30 days for a dozen SLOs takes minutes.)
    Map<String, String> rules = new java.util.TreeMap<>();
    artifacts.forEach(
        (k, v) -> {
          if (k.startsWith("prometheus/") && k.endsWith(".rules.yaml")) {
            rules.put(k.substring("prometheus/".length()), v);
          }
        });
    assertThat(rules).isNotEmpty();
    Promtool.Result check = Promtool.checkRules(rules);
    assertThat(check.ok()).as(check.output()).isTrue();
  }

  @Test
  void noPiiCanaryReachesAnyOutput() {
    DiscoveryResult result = discover(ShopWorkload.generate(5, 800));
    SortedMap<String, String> files =
        AnalysisFiles.render(result.journeys(), new SliRecommender().recommend(result.journeys()));
    assertThat(files).isNotEmpty();
    files.forEach(
        (name, text) ->
            assertThat(text)
                .as(name)
                .doesNotContain(ShopWorkload.CANARY_EMAIL)
                .doesNotContain(ShopWorkload.CANARY_CARD)
                .doesNotContain("canary.pii"));
  }

  @Test
  void smallWorkloadMatchesGoldenFiles() {
    DiscoveryResult result = discover(ShopWorkload.generate(1, 120));
    SortedMap<String, String> files =
        AnalysisFiles.render(result.journeys(), new SliRecommender().recommend(result.journeys()));
    Golden.assertMatches("journey/shop-small.journeys.json", files.get(AnalysisFiles.JOURNEYS));
    Golden.assertMatches(
        "recommendation/shop-small.recommendations.json", files.get(AnalysisFiles.RECOMMENDATIONS));
    Golden.assertMatches(
        "recommendation/shop-small.frontend-post-checkout.yaml",
        files.get("slos/frontend-post-checkout.yaml"));
  }
}
