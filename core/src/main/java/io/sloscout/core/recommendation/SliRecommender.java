package io.sloscout.core.recommendation;

import io.sloscout.core.journey.Journey;
import io.sloscout.core.journey.LatencyDistribution;
import io.sloscout.core.policy.Tier;
import io.sloscout.core.policy.TierCatalog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recommends per journey an availability SLI and a latency SLI that the observed data meets.
 *
 * <p><b>Availability.</b> The tier's objective when the observed good ratio meets it, else the
 * strictest step of {@link #LADDER} that it meets; below 90% nothing is recommended.
 *
 * <p><b>Latency.</b> A share of {@code 99%} (critical, essential) or {@code 95%} (standard, best
 * effort) within a threshold: that quantile of the observed latency plus {@link #HEADROOM}, rounded
 * up to the next bound of {@link LatencyDistribution#BUCKETS_SECONDS}. The share actually at or
 * under the threshold is counted exactly; if it falls short the objective steps down the ladder.
 *
 * <p><b>Confidence</b> is {@code b / (b + 5)} with {@code b = n × (1 − objective)}: the number of
 * bad events the objective allows in a sample of {@code n} requests. Five allowed failures give
 * 0.5, 45 give 0.9, 95 give 0.95: an objective judged on a sample that allows hardly any failure
 * says little.
 */
public final class SliRecommender {

  /** Standard objectives, strictest first. */
  public static final List<Double> LADDER = List.of(0.9999, 0.9995, 0.999, 0.995, 0.99, 0.95, 0.90);

  /** Margin added to the observed latency quantile before rounding up to a bucket. */
  public static final double HEADROOM = 1.2;

  private final TierClassifier tiers;
  private final MetricConvention metrics;
  private final String window;

  /** Built-in tiers, OpenTelemetry metric names, 30-day window. */
  public SliRecommender() {
    this(TierCatalog.builtIn(), MetricConvention.OPENTELEMETRY, "30d");
  }

  public SliRecommender(TierCatalog catalog, MetricConvention metrics, String window) {
    this.tiers = new TierClassifier(catalog);
    this.metrics = metrics;
    this.window = window;
  }

  /** Recommendations for every journey, in journey order, availability before latency. */
  public RecommendationSet recommend(List<Journey> journeys) {
    List<Recommendation> out = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Journey j : journeys) {
      TierChoice tier = tiers.classify(j);
      availability(j, tier)
          .ifPresentOrElse(
              out::add,
              () ->
                  skipped.add(
                      j.id()
                          + " availability: "
                          + percent(j.goodRatio())
                          + " of requests succeeded, below the loosest objective (90%)"));
      latency(j, tier)
          .ifPresentOrElse(
              out::add,
              () ->
                  skipped.add(
                      j.id()
                          + " latency: fewer than"
                          + " 90% of requests finished within the largest bucket ("
                          + seconds(last(LatencyDistribution.BUCKETS_SECONDS))
                          + ")"));
    }
    return new RecommendationSet(out, skipped);
  }

  Optional<Recommendation> availability(Journey j, TierChoice tier) {
    double good = j.goodRatio();
    Optional<Double> objective = meet(tier.tier().objective(), good);
    if (objective.isEmpty()) {
      return Optional.empty();
    }
    double o = objective.get();
    StringBuilder why = new StringBuilder();
    why.append(observed(j))
        .append(' ')
        .append(percent(good))
        .append(" answered without a server error (")
        .append(j.errors())
        .append(" failed). ")
        .append(tierSentence(tier))
        .append(' ')
        .append(choice(tier.tier(), o, good, "the observed availability"))
        .append(' ')
        .append(confidenceSentence(j.requests(), o));
    String total = totalMatchers(j);
    return Optional.of(
        new Recommendation(
            j.id(),
            SliType.AVAILABILITY,
            "Share of "
                + j.entryOperation()
                + " requests to "
                + j.entryService()
                + " answered without a server error (HTTP 5xx or span status ERROR).",
            countMetric(j),
            total,
            total + "," + badMatcher(j),
            o,
            null,
            window,
            tier.tier().name(),
            confidence(j.requests(), o),
            good,
            why.toString(),
            j.errorTemplates().subList(0, Math.min(5, j.errorTemplates().size()))));
  }

  Optional<Recommendation> latency(Journey j, TierChoice tier) {
    double target = tier.tier().objective() >= 0.999 ? 0.99 : 0.95;
    double quantileMs = target >= 0.99 ? j.latencyMs().p99() : j.latencyMs().p95();
    List<Double> buckets = LatencyDistribution.BUCKETS_SECONDS;
    int index = buckets.size() - 1;
    for (int i = 0; i < buckets.size(); i++) {
      if (buckets.get(i) * 1000 >= quantileMs * HEADROOM) {
        index = i;
        break;
      }
    }
    // The quantile is an estimate; the exact count decides, moving up while it falls short.
    while (index < buckets.size() - 1 && share(j, index) < target) {
      index++;
    }
    double share = share(j, index);
    Optional<Double> objective = meet(target, share);
    if (objective.isEmpty()) {
      return Optional.empty();
    }
    double o = objective.get();
    double thresholdMs = round(buckets.get(index) * 1000, 3);
    StringBuilder why = new StringBuilder();
    why.append(observed(j))
        .append(" Latency p50 ")
        .append(ms(j.latencyMs().p50()))
        .append(", p95 ")
        .append(ms(j.latencyMs().p95()))
        .append(", p99 ")
        .append(ms(j.latencyMs().p99()))
        .append(". Threshold ")
        .append(ms(thresholdMs))
        .append(": the p")
        .append(target >= 0.99 ? "99" : "95")
        .append(" plus 20% headroom, rounded up to a histogram bucket; ")
        .append(percent(share))
        .append(" of requests finished within it. ")
        .append(tierSentence(tier))
        .append(' ')
        .append(latencyChoice(target, o, share))
        .append(' ')
        .append(confidenceSentence(j.requests(), o));
    return Optional.of(
        new Recommendation(
            j.id(),
            SliType.LATENCY,
            "Share of "
                + j.entryOperation()
                + " requests to "
                + j.entryService()
                + " answered within "
                + ms(thresholdMs)
                + ".",
            histogramMetric(j),
            totalMatchers(j),
            null,
            o,
            thresholdMs,
            window,
            tier.tier().name(),
            confidence(j.requests(), o),
            share,
            why.toString(),
            List.of()));
  }

  /**
   * The wanted objective if the observed ratio meets it, else the strictest ladder step it meets.
   */
  static Optional<Double> meet(double wanted, double observed) {
    if (observed >= wanted) {
      return Optional.of(wanted);
    }
    return LADDER.stream().filter(step -> step <= observed && step < wanted).findFirst();
  }

  /** {@code b / (b + 5)} with {@code b = n × (1 − objective)}, rounded to two decimals. */
  static double confidence(long requests, double objective) {
    double b = requests * (1 - objective);
    return round(b / (b + 5), 2);
  }

  private static double share(Journey j, int bucket) {
    return j.requests() == 0 ? 0 : (double) j.atOrUnderBucket().get(bucket) / j.requests();
  }

  boolean isHttp(Journey j) {
    return j.httpMethod() != null && j.httpRoute() != null;
  }

  String countMetric(Journey j) {
    return histogramMetric(j) + "_count";
  }

  String histogramMetric(Journey j) {
    return isHttp(j) ? metrics.httpHistogram() : metrics.spanHistogram();
  }

  String totalMatchers(Journey j) {
    String service = metrics.serviceLabel() + "=\"" + escape(j.entryService()) + "\"";
    if (isHttp(j)) {
      return service
          + ","
          + metrics.routeLabel()
          + "=\""
          + escape(j.httpRoute())
          + "\","
          + metrics.methodLabel()
          + "=\""
          + escape(j.httpMethod())
          + "\"";
    }
    return service
        + ","
        + metrics.spanNameLabel()
        + "=\""
        + escape(j.entryOperation())
        + "\","
        + metrics.spanKindLabel()
        + "=\"SPAN_KIND_SERVER\"";
  }

  String badMatcher(Journey j) {
    return isHttp(j)
        ? metrics.statusLabel() + "=~\"5..\""
        : metrics.spanStatusLabel() + "=\"STATUS_CODE_ERROR\"";
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String observed(Journey j) {
    return j.requests()
        + " requests to "
        + j.entryOperation()
        + " on "
        + j.entryService()
        + " over "
        + duration(j.observedSeconds())
        + " ("
        + rate(j.requests() / j.observedSeconds())
        + ").";
  }

  private static String tierSentence(TierChoice t) {
    if (t.fromLabel()) {
      return "Tier " + t.tier().name() + " from the journey's tier label.";
    }
    return "Tier "
        + t.tier().name()
        + " from criticality score "
        + t.score()
        + " ("
        + String.join(", ", t.reasons())
        + ").";
  }

  private static String choice(Tier tier, double objective, double good, String what) {
    if (objective == tier.objective()) {
      return "The "
          + tier.name()
          + " objective "
          + percent(objective)
          + " is met by "
          + what
          + " of "
          + percent(good)
          + ", so it is recommended.";
    }
    return "The "
        + tier.name()
        + " objective "
        + percent(tier.objective())
        + " is NOT met by "
        + what
        + " of "
        + percent(good)
        + ": recommending "
        + percent(objective)
        + ", the strictest standard objective the journey meets today; tighten it once"
        + " reliability improves.";
  }

  private static String latencyChoice(double target, double objective, double share) {
    if (objective == target) {
      return "Recommending " + percent(objective) + " of requests within the threshold.";
    }
    return "Even the largest bucket holds only "
        + percent(share)
        + " of requests: recommending "
        + percent(objective)
        + " instead of "
        + percent(target)
        + ", the strictest standard objective the journey meets today.";
  }

  private static String confidenceSentence(long n, double objective) {
    double b = n * (1 - objective);
    return "Confidence "
        + BigDecimal.valueOf(confidence(n, objective)).setScale(2, RoundingMode.HALF_UP)
        + ": at this objective a sample of "
        + n
        + " requests allows "
        + BigDecimal.valueOf(b)
            .setScale(1, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString()
        + " failures (confidence = b / (b + 5)).";
  }

  /** A ratio as a percentage, rounded down to two decimals so that it never overstates. */
  static String percent(double ratio) {
    return BigDecimal.valueOf(ratio * 100)
            .setScale(2, RoundingMode.FLOOR)
            .stripTrailingZeros()
            .toPlainString()
        + "%";
  }

  private static String ms(double ms) {
    return BigDecimal.valueOf(ms)
            .setScale(1, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString()
        + " ms";
  }

  private static String seconds(double s) {
    return BigDecimal.valueOf(s).stripTrailingZeros().toPlainString() + " s";
  }

  private static String rate(double perSecond) {
    if (perSecond >= 1) {
      return String.format(Locale.ROOT, "%.1f requests/s", perSecond);
    }
    return String.format(Locale.ROOT, "%.1f requests/min", perSecond * 60);
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 120) {
      return s + " s";
    }
    if (s < 7200) {
      return (s / 60) + " min";
    }
    if (s < 172_800) {
      return (s / 3600) + " h";
    }
    return (s / 86_400) + " days";
  }

  private static double round(double value, int decimals) {
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
  }

  private static double last(List<Double> list) {
    return list.get(list.size() - 1);
  }
}
