package io.sloscout.backend.recommendation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.sloscout.backend.config.BackendConfig;
import io.sloscout.backend.journey.JourneyModel;
import io.sloscout.backend.journey.JourneyTotalsService;
import io.sloscout.backend.search.RelatedTemplates;
import io.sloscout.core.journey.ErrorTemplate;
import io.sloscout.core.journey.Journey;
import io.sloscout.core.policy.TierCatalog;
import io.sloscout.core.recommendation.MetricConvention;
import io.sloscout.core.recommendation.Recommendation;
import io.sloscout.core.recommendation.RecommendationSet;
import io.sloscout.core.recommendation.SliRecommender;
import io.sloscout.core.recommendation.SliType;
import io.sloscout.storage.JourneyMinute;
import io.sloscout.storage.JourneyRepository;
import io.sloscout.storage.JourneyRow;
import io.sloscout.storage.JourneyTotals;
import io.sloscout.storage.RecommendationRepository;
import io.sloscout.storage.RecommendationRow;
import io.sloscout.storage.RedMeasures;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Recommendations from the stored journey aggregates: core's {@link SliRecommender} over the
 * journeys as they were over the last {@code slo-scout.recommendations.lookback}, on a schedule and
 * on demand.
 */
@ApplicationScoped
public class RecommendationService {

  private static final Logger LOG = Logger.getLogger(RecommendationService.class);

  /** Error templates a recommendation carries as evidence. */
  static final int EVIDENCE = 5;

  private final JourneyRepository journeys;
  private final JourneyTotalsService totals;
  private final RecommendationRepository recommendations;
  private final RelatedTemplates related;
  private final BackendConfig.Recommendations config;
  private final SliRecommender recommender;
  private final Timer timer;
  private final Clock clock;

  /**
   * What one recomputation did.
   *
   * @param computedAt the time it ran at
   * @param from start of the aggregates read
   * @param to end of the aggregates read
   * @param journeys journeys with requests in the range
   * @param recommendations recommendations stored
   * @param skipped SLIs not recommended, with the reason
   */
  public record Summary(
      Instant computedAt,
      Instant from,
      Instant to,
      int journeys,
      int recommendations,
      List<String> skipped) {}

  public RecommendationService(
      JourneyRepository journeys,
      JourneyTotalsService totals,
      RecommendationRepository recommendations,
      RelatedTemplates related,
      BackendConfig config,
      MeterRegistry registry) {
    this.journeys = journeys;
    this.totals = totals;
    this.recommendations = recommendations;
    this.related = related;
    this.config = config.recommendations();
    this.recommender =
        new SliRecommender(
            TierCatalog.builtIn(), MetricConvention.OPENTELEMETRY, this.config.window());
    this.timer =
        Timer.builder("slo_scout.recommendations.recompute")
            .description("Recomputing every recommendation from the stored journey aggregates")
            .register(registry);
    this.clock = Clock.systemUTC();
  }

  @Scheduled(
      every = "${slo-scout.recommendations.every:15m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      Summary s = recompute();
      LOG.infof(
          "recommendations recomputed: %d journeys, %d recommendations",
          s.journeys(), s.recommendations());
    } catch (RuntimeException e) {
      LOG.error("scheduled recomputation of recommendations failed", e);
    }
  }

  /** Recomputes and stores every recommendation now. */
  public synchronized Summary recompute() {
    return timer.record(() -> recompute(clock.instant()));
  }

  private Summary recompute(Instant now) {
    Instant to = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    Instant from = to.minus(config.lookback());
    List<Journey> observed = new ArrayList<>();
    for (JourneyTotals t : totals.list(from, to)) {
      if (t.red().requests() > 0) {
        observed.add(journey(t, from, to));
      }
    }
    RecommendationSet set = recommender.recommend(observed);
    List<RecommendationRow> rows =
        set.recommendations().stream().map(r -> RecommendationRow.from(r, now)).toList();
    recommendations.upsert(rows);
    return new Summary(now, from, to, observed.size(), rows.size(), set.skipped());
  }

  /**
   * The full recommendation behind a stored one, as the recommender makes it from the journey's
   * current aggregates (metric, matchers, description), carrying the stored objective and
   * threshold: what a person accepts is what they were shown. Empty when the journey has no
   * requests in the lookback any more, or its data no longer supports an SLI of this type.
   */
  public Optional<RecommendedSlo> full(RecommendationRow row) {
    Instant now = clock.instant();
    Instant to = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    Instant from = to.minus(config.lookback());
    Optional<JourneyRow> stored = journeys.find(row.journeyId());
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    RedMeasures red =
        RedMeasures.total(
            journeys.series(row.journeyId(), from, to).stream().map(JourneyMinute::red).toList());
    if (red.requests() == 0) {
      return Optional.empty();
    }
    Journey j = journey(new JourneyTotals(stored.get(), red), from, to);
    RecommendationSet set = recommender.recommend(List.of(j));
    SliType type = row.sliType();
    return set.recommendations().stream()
        .filter(r -> r.type() == type)
        .findFirst()
        .map(
            r ->
                new RecommendedSlo(
                    j,
                    new Recommendation(
                        r.journeyId(),
                        r.type(),
                        r.description(),
                        r.metric(),
                        r.totalMatchers(),
                        r.badMatchers(),
                        row.objective(),
                        row.thresholdMs(),
                        row.window(),
                        r.tier(),
                        row.confidence(),
                        r.observedGoodRatio(),
                        row.rationale(),
                        r.evidence())));
  }

  /** A recommendation with the journey it is for. */
  public record RecommendedSlo(Journey journey, Recommendation recommendation) {}

  private Journey journey(JourneyTotals t, Instant from, Instant to) {
    JourneyRow row = t.journey();
    List<ErrorTemplate> evidence =
        related.forJourney(row.name(), row.services(), from, to, EVIDENCE);
    return JourneyModel.journey(row, t.red(), journeys.edges(row.id()), evidence, from, to);
  }
}
