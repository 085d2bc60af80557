package io.sloscout.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SloMeasurerTest {

  private static final Instant T = Instant.parse("2024-06-05T12:00:00Z");

  @Test
  void queriesEachAlertWindowAndThePeriodFromTheSlisOwnPromqlAtTheGivenTime() throws Exception {
    Slo slo = GateFixtures.checkout();
    List<String> queries = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    PromqlQuerier fake =
        (q, t) -> {
          queries.add(q);
          times.add(t);
          // 2 events a second in total, 0.1% of them errors
          return OptionalDouble.of(q.startsWith("(") ? 0.001 : 2.0);
        };

    SloMeasurement m =
        new SloMeasurer(fake).measure(slo, GateFixtures.windows(slo), PromDuration.ofHours(1), T);

    assertThat(m.errorRatios().keySet().stream().map(PromDuration::toString))
        .containsExactly("5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d");
    assertThat(queries.get(0))
        .isEqualTo(
            "(sum(rate(http_requests_total{job=\"checkout\",code=~\"5..\"}[5m])))\n/\n"
                + "(sum(rate(http_requests_total{job=\"checkout\"}[5m])))");
    assertThat(queries.get(queries.size() - 1))
        .isEqualTo("sum(rate(http_requests_total{job=\"checkout\"}[1h]))");
    assertThat(m.events(PromDuration.ofHours(1)).getAsDouble()).isEqualTo(7200);
    assertThat(times).containsOnly(T);
  }

  @Test
  void aLatencySliCountsEventsFromTheHistogramCount() throws Exception {
    Slo slo =
        new Slo(
            "api",
            "latency",
            "",
            new Sli.Latency(
                "http_request_duration_seconds", "job=\"api\"", 0.25, List.of(0.1, 0.25)),
            0.99,
            GateFixtures.D30,
            false,
            null,
            Map.of(),
            null,
            null,
            GateFixtures.checkout().source());
    List<String> queries = new ArrayList<>();

    SloMeasurement m =
        new SloMeasurer(
                (q, t) -> {
                  queries.add(q);
                  return OptionalDouble.of(1);
                })
            .measure(slo, GateFixtures.windows(slo), PromDuration.ofHours(1), T);

    assertThat(queries)
        .anySatisfy(
            q ->
                assertThat(q)
                    .contains("http_request_duration_seconds_bucket{job=\"api\",le=\"0.25\"}[5m]"));
    assertThat(queries.get(queries.size() - 1))
        .isEqualTo("sum(rate(http_request_duration_seconds_count{job=\"api\"}[1h]))");
    assertThat(m.events(PromDuration.ofHours(1)).getAsDouble()).isEqualTo(3600);
  }

  @Test
  void anEmptyResultIsNoDataForARatioButZeroTraffic() throws Exception {
    Slo slo = GateFixtures.checkout();

    SloMeasurement m =
        new SloMeasurer((q, t) -> OptionalDouble.empty())
            .measure(slo, GateFixtures.windows(slo), PromDuration.ofHours(1), T);

    assertThat(m.errorRatios()).isEmpty();
    assertThat(m.events(PromDuration.ofHours(1)).getAsDouble()).isZero();
  }

  @Test
  void aNanRatioFromZeroOverZeroCountsAsNoData() throws Exception {
    Slo slo = GateFixtures.checkout();

    SloMeasurement m =
        new SloMeasurer((q, t) -> OptionalDouble.of(q.startsWith("(") ? Double.NaN : 0))
            .measure(slo, GateFixtures.windows(slo), PromDuration.ofHours(1), T);

    assertThat(m.errorRatio(PromDuration.ofMinutes(5))).isEmpty();
  }

  @Test
  void anIncreaseBasedTotalIsAlreadyACount() {
    Sli sli =
        new Sli.Events(
            "sum(increase(errors_total[{{.window}}]))",
            "sum(increase(requests_total[{{.window}}]))");

    GateQueries.EventQuery q = GateQueries.events(sli, PromDuration.ofHours(1)).orElseThrow();

    assertThat(q.promql()).isEqualTo("sum(increase(requests_total[1h]))");
    assertThat(q.multiplier()).isEqualTo(1);
    assertThat(GateQueries.events(new Sli.Raw("x[{{.window}}]"), PromDuration.ofHours(1)))
        .isEmpty();
  }

  @Test
  void aFailingQueryNamesTheSlo() {
    Slo slo = GateFixtures.checkout();
    SloMeasurer measurer =
        new SloMeasurer(
            (q, t) -> {
              throw new IOException("cannot reach Prometheus at http://p:9090: connection refused");
            });

    assertThatThrownBy(
            () -> measurer.measure(slo, GateFixtures.windows(slo), PromDuration.ofHours(1), T))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "SLO checkout-availability: cannot reach Prometheus at http://p:9090: connection"
                + " refused");
  }
}
