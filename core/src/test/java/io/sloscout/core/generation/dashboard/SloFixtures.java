package io.sloscout.core.generation.dashboard;

import io.sloscout.core.spec.AlertSpec;
import io.sloscout.core.spec.Alerting;
import io.sloscout.core.spec.ErrorBudgetPolicy;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.Source;
import io.sloscout.core.spec.SpecFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** SLOs built directly, one per kind of input the dashboard and runbook generators must handle. */
public final class SloFixtures {

  private SloFixtures() {}

  /** Checkout availability: an events SLI, 99.9% over 30 days, essential tier. */
  public static Slo events() {
    return slo(
        "checkout",
        "availability",
        "Checkout requests succeed.",
        new Sli.Events(
            "sum(rate(http_requests_total{job=\"checkout\",code=~\"5..\"}[{{.window}}]))",
            "sum(rate(http_requests_total{job=\"checkout\"}[{{.window}}]))"),
        0.999,
        PromDuration.ofDays(30),
        "essential",
        Alerting.defaults(),
        null);
  }

  /** Payments errors: a raw error-ratio SLI, 99.95% over 30 days, critical tier. */
  public static Slo raw() {
    return slo(
        "payments",
        "charge-errors",
        "",
        new Sli.Raw(
            "sum(rate(payment_charge_failures_total[{{.window}}]))\n"
                + "/\n"
                + "sum(rate(payment_charge_attempts_total[{{.window}}]))"),
        0.9995,
        PromDuration.ofDays(30),
        "critical",
        Alerting.defaults(),
        null);
  }

  /** Checkout latency: 99% of requests within 300 ms over 30 days, standard tier. */
  public static Slo latency() {
    return slo(
        "checkout",
        "latency",
        "Checkout answers fast enough.",
        new Sli.Latency(
            "http_request_duration_seconds",
            "job=\"checkout\"",
            0.3,
            List.of(0.05, 0.1, 0.3, 1.0, 3.0)),
        0.99,
        PromDuration.ofDays(30),
        "standard",
        Alerting.defaults(),
        null);
  }

  /** An events SLO of the {@code best-effort} tier (written with the alias) over 7 days. */
  public static Slo bestEffort() {
    return slo(
        "reports",
        "export",
        "Nightly report exports finish.",
        new Sli.Events(
            "sum(rate(report_exports_total{result=\"failed\"}[{{.window}}]))",
            "sum(rate(report_exports_total[{{.window}}]))"),
        0.99,
        PromDuration.ofDays(7),
        "best-effort",
        Alerting.defaults(),
        null);
  }

  /** {@link #events()} over a different period. */
  public static Slo eventsOver(PromDuration period) {
    Slo e = events();
    return slo(
        e.service(),
        e.name(),
        e.description(),
        e.sli(),
        e.objective(),
        period,
        e.tier(),
        e.alerting(),
        null);
  }

  /** {@link #events()} that opens tickets but never pages. */
  public static Slo eventsWithoutPage() {
    Slo e = events();
    Alerting alerting =
        new Alerting(
            null, Map.of("team", "shop"), Map.of(), AlertSpec.off(), AlertSpec.on(), List.of());
    return slo(
        e.service(),
        e.name(),
        e.description(),
        e.sli(),
        e.objective(),
        e.period(),
        e.tier(),
        alerting,
        null);
  }

  /** {@link #events()} with its own error-budget policy and no tier. */
  public static Slo eventsWithPolicy() {
    Slo e = events();
    ErrorBudgetPolicy policy =
        new ErrorBudgetPolicy(
            List.of(
                new ErrorBudgetPolicy.Action(
                    0, "postmortem", "Write a postmortem | share it with the org."),
                new ErrorBudgetPolicy.Action(50, "notify", "Tell the product owner."),
                new ErrorBudgetPolicy.Action(20, "freeze", "Only fixes ship.")));
    return slo(
        e.service(),
        e.name(),
        e.description(),
        e.sli(),
        e.objective(),
        e.period(),
        null,
        e.alerting(),
        policy);
  }

  /** An SLO for {@code service} with a name of its own. */
  public static Slo named(String service, String name) {
    Slo e = events();
    return slo(
        service,
        name,
        e.description(),
        e.sli(),
        e.objective(),
        e.period(),
        e.tier(),
        e.alerting(),
        null);
  }

  private static Slo slo(
      String service,
      String name,
      String description,
      Sli sli,
      double objective,
      PromDuration period,
      String tier,
      Alerting alerting,
      ErrorBudgetPolicy policy) {
    return new Slo(
        service,
        name,
        description,
        sli,
        objective,
        period,
        false,
        tier,
        Map.of(),
        alerting,
        policy,
        new Source(Path.of("slos", service + ".yaml"), 3, 1, SpecFormat.NATIVE_V1));
  }
}
