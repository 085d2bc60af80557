package io.sloscout.core.generation.dashboard;

import io.sloscout.core.generation.DashboardGenerator;
import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardGoldenTest {

  private static final GenerationOptions GOOGLE = GenerationOptions.defaults();
  private static final GenerationOptions PYRRA = new GenerationOptions("pyrra", null, null);

  @Test
  void eventsSli() {
    check("checkout-events.json", "checkout", List.of(SloFixtures.events()), GOOGLE);
  }

  @Test
  void rawSliOfACriticalService() {
    check("payments-raw.json", "payments", List.of(SloFixtures.raw()), GOOGLE);
  }

  @Test
  void latencySli() {
    check("checkout-latency.json", "checkout", List.of(SloFixtures.latency()), GOOGLE);
  }

  @Test
  void severalSlosOfOneServiceInOneDashboard() {
    check(
        "checkout-several.json",
        "checkout",
        List.of(SloFixtures.latency(), SloFixtures.events()),
        GOOGLE);
  }

  @Test
  void googleProfileOverSevenDays() {
    check(
        "checkout-google-7d.json",
        "checkout",
        List.of(SloFixtures.eventsOver(PromDuration.ofDays(7))),
        GOOGLE);
  }

  @Test
  void pyrraProfileOver28Days() {
    check(
        "checkout-pyrra-28d.json",
        "checkout",
        List.of(SloFixtures.eventsOver(PromDuration.ofDays(28))),
        PYRRA);
  }

  @Test
  void pageAlertDisabled() {
    check("checkout-no-page.json", "checkout", List.of(SloFixtures.eventsWithoutPage()), GOOGLE);
  }

  @Test
  void policyGivenInTheSpecSetsTheBudgetBands() {
    check("checkout-spec-policy.json", "checkout", List.of(SloFixtures.eventsWithPolicy()), GOOGLE);
  }

  @Test
  void bestEffortTierOverSevenDaysWithCustomLinks() {
    check(
        "reports-best-effort.json",
        "reports",
        List.of(SloFixtures.bestEffort()),
        new GenerationOptions(
            null, "https://git.example.com/slos/runbooks/", "https://grafana.example.com/d"));
  }

  private static void check(
      String golden, String service, List<Slo> slos, GenerationOptions options) {
    Golden.assertMatches(
        "dashboard/" + golden, DashboardGenerator.dashboard(service, slos, options));
  }
}
