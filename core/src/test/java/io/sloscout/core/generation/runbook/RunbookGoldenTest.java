package io.sloscout.core.generation.runbook;

import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.generation.RunbookGenerator;
import io.sloscout.core.generation.dashboard.SloFixtures;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.testing.Golden;
import org.junit.jupiter.api.Test;

class RunbookGoldenTest {

  private static final GenerationOptions GOOGLE = GenerationOptions.defaults();

  @Test
  void eventsSliOfTheEssentialTier() {
    check("checkout-availability.md", SloFixtures.events(), GOOGLE);
  }

  @Test
  void rawSliOfTheCriticalTier() {
    check("payments-charge-errors.md", SloFixtures.raw(), GOOGLE);
  }

  @Test
  void latencySliOfTheStandardTier() {
    check("checkout-latency.md", SloFixtures.latency(), GOOGLE);
  }

  @Test
  void bestEffortTierByItsAliasWithCustomLinks() {
    check(
        "reports-export-best-effort.md",
        SloFixtures.bestEffort(),
        new GenerationOptions(
            null, "https://git.example.com/slos/runbooks/", "https://grafana.example.com/d"));
  }

  @Test
  void googleProfileOverSevenDays() {
    check(
        "checkout-availability-google-7d.md",
        SloFixtures.eventsOver(PromDuration.ofDays(7)),
        GOOGLE);
  }

  @Test
  void pyrraProfileOver28Days() {
    check(
        "checkout-availability-pyrra-28d.md",
        SloFixtures.eventsOver(PromDuration.ofDays(28)),
        new GenerationOptions("pyrra", null, null));
  }

  @Test
  void pageAlertDisabled() {
    check("checkout-availability-no-page.md", SloFixtures.eventsWithoutPage(), GOOGLE);
  }

  @Test
  void policyGivenInTheSpecWithoutATier() {
    check("checkout-availability-spec-policy.md", SloFixtures.eventsWithPolicy(), GOOGLE);
  }

  private static void check(String golden, Slo slo, GenerationOptions options) {
    Golden.assertMatches("runbook/" + golden, RunbookGenerator.runbook(slo, options));
  }
}
