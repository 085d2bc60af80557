package io.sloscout.core.generation.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sloscout.core.generation.DashboardGenerator;
import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.generation.Naming;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Slo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DashboardGeneratorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GenerationOptions GOOGLE = GenerationOptions.defaults();

  static Stream<Arguments> dashboards() {
    return Stream.of(
        Arguments.of("checkout", List.of(SloFixtures.events(), SloFixtures.latency()), GOOGLE),
        Arguments.of("payments", List.of(SloFixtures.raw()), GOOGLE),
        Arguments.of(
            "checkout",
            List.of(SloFixtures.eventsOver(PromDuration.ofDays(7))),
            new GenerationOptions("pyrra", null, null)),
        Arguments.of("checkout", List.of(SloFixtures.eventsWithoutPage()), GOOGLE));
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void isValidJsonOfACurrentGrafanaSchema(String service, List<Slo> slos, GenerationOptions o)
      throws Exception {
    String text = DashboardGenerator.dashboard(service, slos, o);
    JsonNode d = JSON.readTree(text);
    assertThat(text).endsWith("}\n").doesNotEndWith("\n\n");
    assertThat(d.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
    assertThat(d.path("title").asText()).isEqualTo(service + " SLOs");
    assertThat(d.path("tags"))
        .extracting(JsonNode::asText)
        .containsExactly("slo", "slo-scout", service);
    JsonNode variable = d.path("templating").path("list").get(0);
    assertThat(variable.path("type").asText()).isEqualTo("datasource");
    assertThat(variable.path("name").asText()).isEqualTo("datasource");
    assertThat(variable.path("query").asText()).isEqualTo("prometheus");
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void everyQueryGoesThroughTheDatasourceVariable(
      String service, List<Slo> slos, GenerationOptions o) throws Exception {
    JsonNode d = JSON.readTree(DashboardGenerator.dashboard(service, slos, o));
    List<JsonNode> targets = new ArrayList<>();
    for (JsonNode panel : panels(d)) {
      if (panel.has("targets")) {
        assertThat(panel.path("datasource").path("uid").asText())
            .as("panel %s", panel.path("title"))
            .isEqualTo("${datasource}");
        panel.path("targets").forEach(targets::add);
      }
    }
    assertThat(targets).isNotEmpty();
    assertThat(targets)
        .allSatisfy(
            t -> {
              assertThat(t.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
              assertThat(t.path("datasource").path("type").asText()).isEqualTo("prometheus");
              assertThat(t.path("expr").asText()).isNotBlank();
            });
  }

  @ParameterizedTest
  @MethodSource("dashboards")
  void panelIdsAreUniqueAndPanelsStayOnTheGridWithoutOverlapping(
      String service, List<Slo> slos, GenerationOptions o) throws Exception {
    JsonNode d = JSON.readTree(DashboardGenerator.dashboard(service, slos, o));
    Set<Integer> ids = new HashSet<>();
    List<int[]> boxes = new ArrayList<>();
    for (JsonNode p : panels(d)) {
      assertThat(ids.add(p.path("id").asInt())).as("duplicate id %s", p.path("id")).isTrue();
      JsonNode g = p.path("gridPos");
      int[] box = {
        g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()
      };
      assertThat(box[0] + box[2]).isLessThanOrEqualTo(24);
      assertThat(box[2]).isPositive();
      assertThat(box[3]).isPositive();
      for (int[] other : boxes) {
        boolean overlap =
            box[0] < other[0] + other[2]
                && other[0] < box[0] + box[2]
                && box[1] < other[1] + other[3]
                && other[1] < box[1] + box[3];
        assertThat(overlap).as("panel %s overlaps another", p.path("title")).isFalse();
      }
      boxes.add(box);
    }
    assertThat(ids).doesNotContain(0);
  }

  @Test
  void uidIsStableAndShortEvenForLongServiceNames() throws Exception {
    String longName = "a-very-long-service-name-that-goes-on-and-on-beyond-forty";
    Slo slo = SloFixtures.named(longName, "availability");
    JsonNode d = JSON.readTree(DashboardGenerator.dashboard(longName, List.of(slo), GOOGLE));
    String uid = d.path("uid").asText();
    assertThat(uid).hasSizeLessThanOrEqualTo(40).isEqualTo(Naming.dashboardUid(longName));
    JsonNode again = JSON.readTree(DashboardGenerator.dashboard(longName, List.of(slo), GOOGLE));
    assertThat(again.path("uid").asText()).isEqualTo(uid);
    assertThat(
            JSON.readTree(
                    DashboardGenerator.dashboard("checkout", List.of(SloFixtures.events()), GOOGLE))
                .path("uid")
                .asText())
        .isEqualTo("slo-checkout");
  }

  @Test
  void outputDoesNotDependOnTheOrderOfTheSlos() {
    String a =
        DashboardGenerator.dashboard(
            "checkout", List.of(SloFixtures.events(), SloFixtures.latency()), GOOGLE);
    String b =
        DashboardGenerator.dashboard(
            "checkout", List.of(SloFixtures.latency(), SloFixtures.events()), GOOGLE);
    assertThat(a).isEqualTo(b);
  }

  @Test
  void burnRatePanelHasOneSeriesPerAlertWindowAndTheFactorsAsLines() throws Exception {
    Slo slo = SloFixtures.events();
    JsonNode d = JSON.readTree(DashboardGenerator.dashboard("checkout", List.of(slo), GOOGLE));
    JsonNode burn = panel(d, "Burn rate per alert window");
    assertThat(burn.path("targets"))
        .extracting(t -> t.path("legendFormat").asText())
        .containsExactly("5m", "30m", "1h", "2h", "6h", "1d", "3d");
    assertThat(burn.path("targets").get(2).path("expr").asText())
        .isEqualTo(
            "slo:sli_error:ratio_rate1h{sloth_id=\"checkout-availability\"}"
                + " / on(sloth_id) group_left() slo:error_budget:ratio{sloth_id=\"checkout-availability\"}");
    assertThat(burn.at("/fieldConfig/defaults/thresholds/steps"))
        .extracting(s -> s.path("value").asText() + " " + s.path("color").asText())
        .containsExactly("null green", "1 orange", "3 orange", "6 red", "14.4 red");
  }

  @Test
  void disabledPageAlertDrawsNoPageLineAndNoPageState() throws Exception {
    JsonNode d =
        JSON.readTree(
            DashboardGenerator.dashboard(
                "checkout", List.of(SloFixtures.eventsWithoutPage()), GOOGLE));
    JsonNode burn = panel(d, "Burn rate per alert window");
    assertThat(burn.at("/fieldConfig/defaults/thresholds/steps"))
        .extracting(s -> s.path("color").asText())
        .doesNotContain("red");
    // the rules record no ratio for the windows of a disabled alert
    assertThat(burn.path("targets"))
        .extracting(t -> t.path("legendFormat").asText())
        .containsExactly("2h", "6h", "1d", "3d");
    JsonNode alerts = panel(d, "Alerts");
    assertThat(alerts.path("targets")).hasSize(1);
    assertThat(alerts.path("targets").get(0).path("expr").asText())
        .contains("alertname=\"CheckoutAvailabilityErrorBudgetBurn\"")
        .contains("sloth_severity=\"ticket\"")
        .doesNotContain("sloth_severity=\"page\"");
  }

  @Test
  void sloWithoutAnyAlertShowsATextPanelAndTheFiveMinuteRatio() throws Exception {
    Slo e = SloFixtures.events();
    Slo silent =
        new Slo(
            e.service(),
            e.name(),
            e.description(),
            e.sli(),
            e.objective(),
            e.period(),
            false,
            e.tier(),
            e.labels(),
            new io.sloscout.core.spec.Alerting(
                null,
                null,
                null,
                io.sloscout.core.spec.AlertSpec.off(),
                io.sloscout.core.spec.AlertSpec.off(),
                null),
            null,
            e.source());
    JsonNode d = JSON.readTree(DashboardGenerator.dashboard("checkout", List.of(silent), GOOGLE));
    assertThat(panel(d, "Alerts").path("type").asText()).isEqualTo("text");
    JsonNode burn = panel(d, "Burn rate per alert window");
    assertThat(burn.path("targets"))
        .extracting(t -> t.path("legendFormat").asText())
        .containsExactly("5m");
    assertThat(burn.at("/fieldConfig/defaults/thresholds/steps")).hasSize(1);
  }

  @Test
  void sliPanelsUseTheShortestRecordedWindowAndTheObjectiveAsThreshold() throws Exception {
    // pyrra over 7 days scales its 5m window down to 1m: ratio_rate5m would not exist
    JsonNode d =
        JSON.readTree(
            DashboardGenerator.dashboard(
                "checkout",
                List.of(SloFixtures.eventsOver(PromDuration.ofDays(7))),
                new GenerationOptions("pyrra", null, null)));
    JsonNode sli = panel(d, "SLI (last 1m)");
    assertThat(sli.path("targets").get(0).path("expr").asText())
        .isEqualTo("1 - slo:sli_error:ratio_rate1m{sloth_id=\"checkout-availability\"}");
    assertThat(sli.at("/fieldConfig/defaults/thresholds/steps/1/value").asDouble())
        .isEqualTo(0.999);
  }

  @Test
  void linksToEachSlosRunbook() throws Exception {
    JsonNode d =
        JSON.readTree(
            DashboardGenerator.dashboard(
                "checkout", List.of(SloFixtures.events(), SloFixtures.latency()), GOOGLE));
    assertThat(d.path("links"))
        .extracting(l -> l.path("url").asText())
        .containsExactly("runbooks/checkout-availability.md", "runbooks/checkout-latency.md");
    assertThat(panel(d, "Burn rate per alert window").at("/links/0/url").asText())
        .isEqualTo("runbooks/checkout-availability.md");
  }

  @Test
  void budgetBandsFollowTheTiersPolicy() throws Exception {
    JsonNode critical =
        JSON.readTree(DashboardGenerator.dashboard("payments", List.of(SloFixtures.raw()), GOOGLE));
    assertThat(
            panel(critical, "Error budget remaining (30d)")
                .at("/fieldConfig/defaults/thresholds/steps"))
        .extracting(s -> s.path("value").asText() + " " + s.path("color").asText())
        .containsExactly("null red", "0.1 orange", "0.25 green");
  }

  private static JsonNode panel(JsonNode dashboard, String title) {
    return panels(dashboard).stream()
        .filter(p -> p.path("title").asText().equals(title))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no panel titled " + title));
  }

  /** Every panel, including those nested in collapsed rows. */
  private static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : dashboard.path("panels")) {
      out.add(p);
      p.path("panels").forEach(out::add);
    }
    return out;
  }
}
