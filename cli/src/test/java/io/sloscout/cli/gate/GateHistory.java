package io.sloscout.cli.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Thirty days of request history for the gate scenarios, as OpenMetrics text: dense (1 minute)
 * where the short windows look, sparse (5 minutes, then 1 hour) further back, so the file stays
 * small and promtool turns it into blocks in seconds.
 */
public final class GateHistory {

  /** The evaluation time of every scenario. */
  public static final Instant T = Instant.parse("2024-06-05T12:00:00Z");

  private static final long END = T.getEpochSecond();
  private static final long MIN = 60;
  private static final long HOUR = 3600;
  private static final long DAY = 24 * HOUR;

  /** Latency bucket bounds; 0.25 s is the SLO threshold. */
  static final double[] BUCKETS = {0.1, 0.25, 0.5, 1};

  private GateHistory() {}

  /** Sample times: hourly from 30 days and an hour back, every 5m from 3.5d, every 1m from 8h. */
  static List<Long> times() {
    List<Long> out = new ArrayList<>();
    long t = END - 30 * DAY - HOUR;
    for (; t < END - 3 * DAY - 12 * HOUR; t += HOUR) {
      out.add(t);
    }
    for (; t < END - 8 * HOUR; t += 5 * MIN) {
      out.add(t);
    }
    for (; t <= END; t += MIN) {
      out.add(t);
    }
    return out;
  }

  /** Seconds before T, for writing scenarios as functions of age. */
  static double age(long t) {
    return END - t;
  }

  static boolean within(long t, Duration fromAgo, Duration toAgo) {
    double a = age(t);
    return a <= fromAgo.toSeconds() && a > toAgo.toSeconds();
  }

  /** The whole history: one availability scenario per job, plus the latency job. */
  public static String openMetrics() {
    StringBuilder sb = new StringBuilder();
    List<Long> times = times();
    // healthy: 10 req/s, 0.02% errors (burn rate 0.2 against 99.9%).
    requests(sb, "healthy", times, t -> 10, t -> 0.0002);
    // fastburn: as healthy, then 5% errors over the last half hour.
    requests(sb, "fastburn", times, t -> 10, t -> age((long) t) <= 30 * MIN ? 0.05 : 0.0002);
    // exhausted: three days of 1.2% errors 17-20 days ago; healthy since.
    requests(
        sb,
        "exhausted",
        times,
        t -> 10,
        t -> age((long) t) <= 20 * DAY && age((long) t) > 17 * DAY ? 0.012 : 0.0002);
    // trickle: 36 requests an hour, none failing.
    requests(sb, "trickle", times, t -> 0.01, t -> 0);
    // latency: 0.2% slower than 250ms, then 40% over the last hour.
    latency(sb, "latency", times, t -> 10, t -> age((long) t) <= HOUR ? 0.4 : 0.002);
    sb.append("# EOF\n");
    return sb.toString();
  }

  /** Two counters, code 200 and code 500, integrating rate × (1 - errors) and rate × errors. */
  private static void requests(
      StringBuilder sb,
      String job,
      List<Long> times,
      DoubleUnaryOperator rate,
      DoubleUnaryOperator errors) {
    double[] good = new double[times.size()];
    double[] bad = new double[times.size()];
    for (int i = 1; i < times.size(); i++) {
      long dt = times.get(i) - times.get(i - 1);
      // The sample at t counts what happened in (t - dt, t]; the midpoint picks the regime.
      double mid = times.get(i) - dt / 2.0;
      double n = rate.applyAsDouble(mid) * dt;
      double e = errors.applyAsDouble(mid);
      good[i] = good[i - 1] + n * (1 - e);
      bad[i] = bad[i - 1] + n * e;
    }
    series(sb, "http_requests_total{job=\"" + job + "\",code=\"200\"}", times, good);
    series(sb, "http_requests_total{job=\"" + job + "\",code=\"500\"}", times, bad);
  }

  /** A histogram: fast requests spread below 250ms, slow ones above it. */
  private static void latency(
      StringBuilder sb,
      String job,
      List<Long> times,
      DoubleUnaryOperator rate,
      DoubleUnaryOperator slow) {
    // share of fast and of slow requests at or below each bucket bound
    double[] fastShare = {0.7, 1, 1, 1};
    double[] slowShare = {0, 0, 0.5, 0.9};
    double[][] buckets = new double[BUCKETS.length][times.size()];
    double[] count = new double[times.size()];
    for (int i = 1; i < times.size(); i++) {
      long dt = times.get(i) - times.get(i - 1);
      double mid = times.get(i) - dt / 2.0;
      double n = rate.applyAsDouble(mid) * dt;
      double s = slow.applyAsDouble(mid);
      count[i] = count[i - 1] + n;
      for (int b = 0; b < BUCKETS.length; b++) {
        buckets[b][i] = buckets[b][i - 1] + n * ((1 - s) * fastShare[b] + s * slowShare[b]);
      }
    }
    String sel = "job=\"" + job + "\"";
    for (int b = 0; b < BUCKETS.length; b++) {
      series(
          sb,
          "http_request_duration_seconds_bucket{" + sel + ",le=\"" + le(BUCKETS[b]) + "\"}",
          times,
          buckets[b]);
    }
    series(sb, "http_request_duration_seconds_bucket{" + sel + ",le=\"+Inf\"}", times, count);
    series(sb, "http_request_duration_seconds_count{" + sel + "}", times, count);
  }

  private static String le(double b) {
    return b == Math.rint(b) ? Long.toString((long) b) : Double.toString(b);
  }

  private static void series(StringBuilder sb, String name, List<Long> times, double[] values) {
    for (int i = 0; i < times.size(); i++) {
      sb.append(name)
          .append(' ')
          .append(String.format(Locale.ROOT, "%.3f", values[i]))
          .append(' ')
          .append(times.get(i))
          .append('\n');
    }
  }

  /** A 99.9% / 30d availability SLO on the job's 5xx ratio. */
  public static String availabilitySlo(String job, String tier) {
    return "apiVersion: slo-scout.io/v1\n"
        + "kind: ServiceLevelObjective\n"
        + "metadata:\n"
        + "  name: availability\n"
        + "spec:\n"
        + "  service: "
        + job
        + "\n"
        + "  tier: "
        + tier
        + "\n"
        + "  indicator:\n"
        + "    type: ratio\n"
        + "    ratio:\n"
        + "      bad:\n"
        + "        metric: http_requests_total\n"
        + "        matchers: 'job=\""
        + job
        + "\",code=~\"5..\"'\n"
        + "      total:\n"
        + "        metric: http_requests_total\n"
        + "        matchers: 'job=\""
        + job
        + "\"'\n"
        + "  objectives:\n"
        + "    - target: 0.999\n"
        + "      window: 30d\n";
  }

  /** A 99% / 30d latency SLO: requests of the latency job faster than 250ms. */
  public static String latencySlo() {
    return "apiVersion: slo-scout.io/v1\n"
        + "kind: ServiceLevelObjective\n"
        + "metadata:\n"
        + "  name: fast-responses\n"
        + "spec:\n"
        + "  service: latency\n"
        + "  tier: standard\n"
        + "  indicator:\n"
        + "    type: latency\n"
        + "    latency:\n"
        + "      metric: http_request_duration_seconds\n"
        + "      matchers: 'job=\"latency\"'\n"
        + "      threshold: 0.25\n"
        + "      buckets: [0.1, 0.25, 0.5, 1]\n"
        + "  objectives:\n"
        + "    - target: 0.99\n"
        + "      window: 30d\n";
  }
}
