package io.sloscout.core.gate;

import io.sloscout.core.burnrate.BurnRateWindow;
import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.Source;
import io.sloscout.core.spec.SpecFormat;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SLOs and measurements for gate tests, built without Prometheus. */
final class GateFixtures {

  static final PromDuration M5 = PromDuration.ofMinutes(5);
  static final PromDuration M30 = PromDuration.ofMinutes(30);
  static final PromDuration H1 = PromDuration.ofHours(1);
  static final PromDuration H2 = PromDuration.ofHours(2);
  static final PromDuration H6 = PromDuration.ofHours(6);
  static final PromDuration D1 = PromDuration.ofDays(1);
  static final PromDuration D3 = PromDuration.ofDays(3);
  static final PromDuration D30 = PromDuration.ofDays(30);

  private GateFixtures() {}

  static Slo slo(String service, String name, String tier, Map<String, String> labels) {
    return new Slo(
        service,
        name,
        "",
        new Sli.Events(
            "sum(rate(http_requests_total{job=\"" + service + "\",code=~\"5..\"}[{{.window}}]))",
            "sum(rate(http_requests_total{job=\"" + service + "\"}[{{.window}}]))"),
        0.999,
        D30,
        false,
        tier,
        labels,
        null,
        null,
        new Source(Path.of("slos.yaml"), 1, 1, SpecFormat.NATIVE_V1));
  }

  static Slo checkout() {
    return slo("checkout", "availability", "essential", Map.of("team", "payments"));
  }

  static Slo raw(String service) {
    return new Slo(
        service,
        "availability",
        "",
        new Sli.Raw("1 - avg_over_time(up{job=\"" + service + "\"}[{{.window}}])"),
        0.999,
        D30,
        false,
        null,
        Map.of(),
        null,
        null,
        new Source(Path.of("slos.yaml"), 1, 1, SpecFormat.SLOTH_V1));
  }

  static List<BurnRateWindow> windows(Slo slo) {
    return GenerationOptions.defaults().windowsFor(slo);
  }

  /** A measurement builder: every alert window and the period at {@code ratio}, 6000 events/h. */
  static Builder measure(Slo slo, double ratio) {
    return new Builder(slo, ratio);
  }

  static final class Builder {
    private final Slo slo;
    private final Map<PromDuration, Double> ratios = new HashMap<>();
    private final Map<PromDuration, Double> events = new HashMap<>();

    private Builder(Slo slo, double ratio) {
      this.slo = slo;
      for (PromDuration w : List.of(M5, M30, H1, H2, H6, D1, D3, slo.period())) {
        ratios.put(w, ratio);
      }
      events.put(H1, 6000.0);
    }

    Builder ratio(PromDuration w, double r) {
      ratios.put(w, r);
      return this;
    }

    Builder noData(PromDuration w) {
      ratios.remove(w);
      return this;
    }

    Builder events(double n) {
      events.put(H1, n);
      return this;
    }

    Builder uncounted() {
      events.clear();
      return this;
    }

    SloMeasurement build() {
      return new SloMeasurement(slo, windows(slo), ratios, events);
    }
  }
}
