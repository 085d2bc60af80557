package io.sloscout.core.burnrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.core.spec.PromDuration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertProfilesTest {

  private final AlertProfiles profiles = AlertProfiles.builtIn();

  private static String describe(List<BurnRateWindow> windows) {
    StringBuilder sb = new StringBuilder();
    for (BurnRateWindow w : windows) {
      sb.append(w.severity().slothLabel())
          .append(' ')
          .append(w.factor())
          .append(' ')
          .append(w.longWindow())
          .append('/')
          .append(w.shortWindow());
      if (w.forDuration() != null) {
        sb.append(" for ").append(w.forDuration());
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  @Test
  void googleThirtyDaysIsTheSreWorkbookTable() {
    assertThat(describe(profiles.windowsFor("google", PromDuration.ofDays(30))))
        .isEqualTo(
            """
            page 14.4 1h/5m
            page 6.0 6h/30m
            ticket 3.0 1d/2h
            ticket 1.0 3d/6h
            """);
  }

  @Test
  void googleScalesBudgetSharesToTwentyEightAndNinetyDays() {
    assertThat(describe(profiles.windowsFor("google", PromDuration.ofDays(28))))
        .isEqualTo(
            """
            page 13.44 1h/5m
            page 5.6 6h/30m
            ticket 2.8 1d/2h
            ticket 0.933333333333 3d/6h
            """);
    assertThat(describe(profiles.windowsFor("google", PromDuration.ofDays(90))))
        .isEqualTo(
            """
            page 43.2 1h/5m
            page 18.0 6h/30m
            ticket 9.0 1d/2h
            ticket 3.0 3d/6h
            """);
  }

  @Test
  void googleSevenDaysKeepsTheWorkbookBurnRates() {
    assertThat(describe(profiles.windowsFor("google", PromDuration.ofDays(7))))
        .isEqualTo(
            """
            page 14.4 1h/5m
            page 6.0 6h/30m
            ticket 3.0 1d/2h
            ticket 1.0 3d/6h
            """);
  }

  @Test
  void googleOtherPeriodsUseTheThirtyDayBudgetShares() {
    // 14 days: 2% of the budget in 1h is 0.02 × 336h / 1h = 6.72
    assertThat(profiles.windowsFor("google", PromDuration.ofDays(14)).get(0).factor())
        .isEqualTo(6.72);
  }

  @Test
  void pyrraScalesWindowsWithThePeriod() {
    assertThat(describe(profiles.windowsFor("pyrra", PromDuration.ofDays(28))))
        .isEqualTo(
            """
            page 14.0 1h/5m for 2m
            page 7.0 6h/30m for 15m
            ticket 2.0 1d/2h for 1h
            ticket 1.0 4d/12h for 3h
            """);
    assertThat(describe(profiles.windowsFor("pyrra", PromDuration.ofDays(7))))
        .isEqualTo(
            """
            page 14.0 15m/1m for 1m
            page 7.0 90m/8m for 4m
            ticket 2.0 6h/30m for 15m
            ticket 1.0 1d/3h for 45m
            """);
  }

  @Test
  void budgetShareIsFactorTimesLongWindowOverPeriod() {
    BurnRateWindow page = profiles.windowsFor("google", PromDuration.ofDays(30)).get(0);
    assertThat(page.budgetShare(PromDuration.ofDays(30))).isCloseTo(0.02, within());
  }

  @Test
  void unknownProfilesAreRefusedByName() {
    assertThatThrownBy(() -> profiles.windowsFor("sloth", PromDuration.ofDays(30)))
        .hasMessage("unknown alert profile 'sloth' (known: google, pyrra)");
  }

  @Test
  void aWindowMustBeShorterThanItsPartner() {
    assertThatThrownBy(
            () ->
                new BurnRateWindow(
                    AlertSeverity.PAGE,
                    PromDuration.ofHours(1),
                    PromDuration.ofMinutes(5),
                    14.4,
                    null))
        .hasMessageContaining("must be shorter than long window");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
