package io.sloscout.core.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.journey.Journey;
import io.sloscout.core.journey.LatencyDistribution;
import io.sloscout.core.journey.LatencySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SliRecommenderTest {

  static Journey journey(
      String route,
      long requests,
      long errors,
      Map<String, String> labels,
      double p99Ms,
      long slow) {
    List<Long> buckets = new ArrayList<>();
    for (double b : LatencyDistribution.BUCKETS_SECONDS) {
      buckets.add(b * 1000 >= p99Ms * 1.2 ? requests - slow : 0L);
    }
    buckets.set(buckets.size() - 1, requests - slow);
    return new Journey(
        "web-" + route.replace("/", ""),
        "web POST " + route,
        "web",
        "POST " + route,
        "POST",
        route,
        List.of("web"),
        List.of(),
        requests,
        errors,
        new LatencySummary(p99Ms / 2, p99Ms, p99Ms),
        buckets,
        0,
        3_600_000_000_000L,
        labels,
        List.of(),
        List.of());
  }

  @Test
  void takesTheTierObjectiveWhenTheDataMeetsIt() {
    assertThat(SliRecommender.meet(0.999, 0.9993)).contains(0.999);
    assertThat(SliRecommender.meet(0.999, 0.999)).contains(0.999);
  }

  @Test
  void stepsDownTheLadderWhenTheDataFailsTheTier() {
    assertThat(SliRecommender.meet(0.9995, 0.9994)).contains(0.999);
    assertThat(SliRecommender.meet(0.999, 0.96)).contains(0.95);
    assertThat(SliRecommender.meet(0.999, 0.85)).isEmpty();
  }

  @Test
  void confidenceGrowsWithTheFailuresTheSampleAllows() {
    assertThat(SliRecommender.confidence(5000, 0.999)).isEqualTo(0.5);
    assertThat(SliRecommender.confidence(45_000, 0.999)).isEqualTo(0.9);
    assertThat(SliRecommender.confidence(10, 0.999)).isEqualTo(0.0);
  }

  @Test
  void aTierLabelWinsOverSignals() {
    RecommendationSet set =
        new SliRecommender()
            .recommend(List.of(journey("/about", 10_000, 0, Map.of("tier", "critical"), 80, 0)));
    assertThat(set.recommendations().get(0).tier()).isEqualTo("critical");
    assertThat(set.recommendations().get(0).objective()).isEqualTo(0.9995);
  }

  @Test
  void revenueRoutesScoreHigherThanOthers() {
    TierClassifier tiers = new TierClassifier(io.sloscout.core.policy.TierCatalog.builtIn());
    assertThat(tiers.classify(journey("/checkout", 100, 0, Map.of(), 80, 0)).tier().name())
        .isEqualTo("essential");
    assertThat(tiers.classify(journey("/about", 100, 0, Map.of(), 80, 0)).tier().name())
        .isEqualTo("standard");
    assertThat(tiers.classify(journey("/internal/x", 100, 0, Map.of(), 80, 0)).tier().name())
        .isEqualTo("best_effort");
  }

  @Test
  void aJourneyFailingMoreThanTenPercentGetsNoAvailabilityObjective() {
    RecommendationSet set =
        new SliRecommender().recommend(List.of(journey("/flaky", 100, 20, Map.of(), 80, 0)));
    assertThat(set.recommendations())
        .extracting(Recommendation::type)
        .containsExactly(SliType.LATENCY);
    assertThat(set.skipped()).singleElement().asString().contains("web-flaky availability");
  }

  @Test
  void latencyThresholdIsTheQuantileWithHeadroomSnappedUpToABucket() {
    Recommendation r =
        new SliRecommender()
            .recommend(List.of(journey("/checkout", 1000, 0, Map.of(), 210, 0)))
            .recommendations()
            .get(1);
    assertThat(r.type()).isEqualTo(SliType.LATENCY);
    // 210 ms × 1.2 = 252 ms: the next bucket is 500 ms.
    assertThat(r.thresholdMs()).isEqualTo(500.0);
    assertThat(r.objective()).isEqualTo(0.99);
  }

  @Test
  void latencyObjectiveStepsDownWhenTooManyRequestsAreSlowerThanEveryBucket() {
    Recommendation r =
        new SliRecommender()
            .recommend(List.of(journey("/checkout", 1000, 0, Map.of(), 50, 30)))
            .recommendations()
            .get(1);
    assertThat(r.objective()).isEqualTo(0.95);
    assertThat(r.rationale()).contains("recommending 95%");
  }
}
