package io.sloscout.core.generation.rules;

import io.sloscout.core.burnrate.AlertSeverity;
import io.sloscout.core.burnrate.BurnRateWindow;
import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.spec.AlertSpec;
import io.sloscout.core.spec.Alerting;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.Source;
import io.sloscout.core.spec.SpecFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** SLOs that cover the rule generator's shapes: SLI kinds, periods, profiles and alert options. */
public final class RuleFixtures {

  /**
   * One generator input: a service's SLOs and the options to generate with.
   *
   * @param name the golden-file stem
   */
  public record Fixture(String name, String service, List<Slo> slos, GenerationOptions options) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Sloth's getting-started error query. */
  public static final String ERRORS =
      "sum(rate(http_request_duration_seconds_count{job=\"myservice\",code=~\"(5..|429)\"}[{{.window}}]))";

  /** Sloth's getting-started total query. */
  public static final String TOTAL =
      "sum(rate(http_request_duration_seconds_count{job=\"myservice\"}[{{.window}}]))";

  private static final GenerationOptions GOOGLE = GenerationOptions.defaults();
  private static final GenerationOptions PYRRA = new GenerationOptions("pyrra", null, null);

  private RuleFixtures() {}

  /** Every fixture. */
  public static List<Fixture> all() {
    return List.of(
        new Fixture("events-30d", "shop", List.of(events("shop", "availability", 30)), GOOGLE),
        new Fixture("events-28d", "shop", List.of(events("shop", "availability", 28)), GOOGLE),
        new Fixture("events-7d", "shop", List.of(events("shop", "availability", 7)), GOOGLE),
        new Fixture("events-90d", "shop", List.of(events("shop", "availability", 90)), GOOGLE),
        new Fixture("events-pyrra", "shop", List.of(events("shop", "availability", 30)), PYRRA),
        new Fixture("raw", "wifi", List.of(raw()), GOOGLE),
        new Fixture("openslo-raw", "my-service", List.of(openSloRaw()), GOOGLE),
        new Fixture("latency", "shop", List.of(latency()), GOOGLE),
        new Fixture("page-disabled", "shop", List.of(pageDisabled()), GOOGLE),
        new Fixture("custom-windows", "shop", List.of(customWindows()), GOOGLE),
        new Fixture(
            "multi",
            "shop",
            List.of(latency(), events("shop", "availability", 30), templated()),
            GOOGLE));
  }

  public static Source source(String file, SpecFormat format) {
    return new Source(Path.of(file), 1, 1, format);
  }

  /** Sloth's getting-started SLO with the given period. */
  public static Slo events(String service, String name, int days) {
    return new Slo(
        service,
        name,
        "Common SLO based on availability for HTTP request responses.",
        new Sli.Events(ERRORS, TOTAL),
        0.999,
        PromDuration.ofDays(days),
        false,
        "critical",
        Map.of("owner", "team-a", "tier", "2"),
        new Alerting(
            null,
            Map.of("category", "availability"),
            Map.of(),
            new AlertSpec(true, Map.of("routing_key", "myteam"), Map.of()),
            new AlertSpec(true, Map.of("slack_channel", "#alerts-myteam"), Map.of()),
            List.of()),
        null,
        source("slos/" + service + ".yaml", SpecFormat.SLOTH_V1));
  }

  /** Sloth's raw SLI shape: the error ratio in one query. */
  public static Slo raw() {
    return new Slo(
        "wifi",
        "requests-availability",
        "",
        new Sli.Raw(
            "sum(rate(http_request_duration_seconds_count{job=\"myservice\",code=~\"(5..|429)\"}[{{.window}}]))\n"
                + "/\n"
                + "sum(rate(http_request_duration_seconds_count{job=\"myservice\"}[{{.window}}]))\n"),
        0.95,
        PromDuration.ofDays(30),
        false,
        null,
        Map.of(),
        new Alerting(
            "WifiRequestsAvailability",
            Map.of(),
            Map.of("summary", "High error rate on 'myservice' requests responses"),
            AlertSpec.on(),
            AlertSpec.on(),
            List.of()),
        null,
        source("slos/wifi.yaml", SpecFormat.SLOTH_V1));
  }

  /** OpenSLO v1alpha good/total as Sloth converts it: {@code 1 - (good / total)}. */
  public static Slo openSloRaw() {
    String good =
        "sum(rate(http_request_duration_seconds_count{job=\"myservice\",code!~\"(5..|429)\"}[{{.window}}]))";
    return new Slo(
        "my-service",
        "sloth-slo-my-service",
        "Common SLO based on availability for HTTP request responses.",
        new Sli.Raw("1 - (\n  (\n    " + good + "\n  )\n  /\n  (\n    " + TOTAL + "\n  )\n)\n"),
        0.999,
        PromDuration.ofDays(30),
        false,
        null,
        Map.of(),
        null,
        null,
        source("slos/openslo-getting-started.yml", SpecFormat.OPENSLO_V1ALPHA));
  }

  /** A histogram latency SLI: slower than 300ms is an error. */
  public static Slo latency() {
    return new Slo(
        "shop",
        "checkout-latency",
        "Checkout answers within 300ms.",
        new Sli.Latency(
            "http_server_request_duration_seconds",
            "job=\"shop\",http_route=\"/checkout\"",
            0.3,
            List.of(0.05, 0.1, 0.3, 1.0, 2.5)),
        0.99,
        PromDuration.ofDays(28),
        false,
        "critical",
        Map.of(),
        null,
        null,
        source("slos/shop-latency.yaml", SpecFormat.NATIVE_V1));
  }

  /** Tickets only. */
  public static Slo pageDisabled() {
    return new Slo(
        "shop",
        "search-availability",
        "",
        new Sli.Events(
            "sum(rate(search_errors_total{job=\"search\"}[{{.window}}]))",
            "sum(rate(search_requests_total{job=\"search\"}[{{.window}}]))"),
        0.995,
        PromDuration.ofDays(30),
        false,
        null,
        Map.of(),
        new Alerting(null, Map.of(), Map.of(), AlertSpec.off(), AlertSpec.on(), List.of()),
        null,
        source("slos/search.yaml", SpecFormat.NATIVE_V1));
  }

  /** Windows from the spec instead of the profile. */
  public static Slo customWindows() {
    return new Slo(
        "shop",
        "cart-availability",
        "",
        new Sli.Events(
            "sum(increase(cart_errors_total[{{.window}}]))",
            "sum(increase(cart_requests_total[{{.window}}]))"),
        0.99,
        PromDuration.ofDays(30),
        false,
        null,
        Map.of(),
        new Alerting(
            "CartBurn",
            Map.of(),
            Map.of(),
            AlertSpec.on(),
            AlertSpec.on(),
            List.of(
                new BurnRateWindow(
                    AlertSeverity.PAGE,
                    PromDuration.ofMinutes(10),
                    PromDuration.ofHours(2),
                    10,
                    PromDuration.ofMinutes(5)),
                new BurnRateWindow(
                    AlertSeverity.TICKET,
                    PromDuration.ofHours(1),
                    PromDuration.ofHours(12),
                    2,
                    null))),
        null,
        source("slos/cart.yaml", SpecFormat.NATIVE_V1));
  }

  /** An annotation template beyond {@code $labels}: the tests fall back to ALERTS. */
  public static Slo templated() {
    return new Slo(
        "shop",
        "payment-availability",
        "",
        new Sli.Events(
            "sum(rate(payment_requests_total{code=~\"5..\"}[{{.window}}]))",
            "sum(rate(payment_requests_total[{{.window}}]))"),
        0.9995,
        PromDuration.ofDays(30),
        false,
        null,
        Map.of(),
        new Alerting(
            null,
            Map.of(),
            Map.of("value", "{{ $value | humanizePercentage }} of payments fail"),
            AlertSpec.on(),
            AlertSpec.on(),
            List.of()),
        null,
        source("slos/payment.yaml", SpecFormat.NATIVE_V1));
  }
}
