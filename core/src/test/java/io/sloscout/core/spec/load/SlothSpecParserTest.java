package io.sloscout.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.spec.AlertSpec;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.Source.Position;
import io.sloscout.core.spec.SpecFormat;
import io.sloscout.core.spec.SpecSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlothSpecParserTest {

  private static final Path DIR = Path.of("src/test/resources/specs/sloth");

  private static SpecSet load(String name) {
    return new SpecLoader().load(List.of(DIR.resolve(name)));
  }

  @Test
  void fileFormatGivesOneSloPerEntryWithSlothIdsAndThirtyDayPeriod() {
    SpecSet set = load("file-format.yaml");

    assertThat(set.diagnostics()).isEmpty();
    assertThat(set.slos())
        .extracting(Slo::id)
        .containsExactly("cart-requests-availability", "cart-requests-latency");
    Slo events = set.slos().get(0);
    assertThat(events.service()).isEqualTo("cart");
    assertThat(events.name()).isEqualTo("requests-availability");
    assertThat(events.description()).isEqualTo("Cart requests succeed.");
    assertThat(events.objective()).isEqualTo(0.999);
    assertThat(events.period()).isEqualTo(PromDuration.ofDays(30));
    assertThat(events.calendar()).isFalse();
    assertThat(events.tier()).isNull();
    assertThat(events.errorBudgetPolicy()).isNull();
    assertThat(events.labels()).isEqualTo(Map.of("team", "basket", "tier", "0"));
    assertThat(events.sli())
        .isEqualTo(
            new Sli.Events(
                "sum(rate(http_requests_total{job=\"cart\",code=~\"5..\"}[{{.window}}]))",
                "sum(rate(http_requests_total{job=\"cart\"}[{{.window}}]))"));
    assertThat(events.alerting().name()).isEqualTo("CartAvailability");
    assertThat(events.alerting().labels()).isEqualTo(Map.of("category", "availability"));
    assertThat(events.alerting().annotations()).isEqualTo(Map.of("summary", "Cart fails"));
    assertThat(events.alerting().page())
        .isEqualTo(new AlertSpec(true, Map.of("routing_key", "pager"), Map.of()));
    assertThat(events.alerting().ticket()).isEqualTo(AlertSpec.off());
    assertThat(events.alerting().windows()).isEmpty();

    Slo raw = set.slos().get(1);
    assertThat(raw.objective()).isEqualTo(0.99);
    assertThat(raw.labels()).isEqualTo(Map.of("team", "basket", "tier", "1"));
    assertThat(raw.alerting().name()).isNull();
    assertThat(raw.sli())
        .isEqualTo(
            new Sli.Raw(
                "1 - (sum(rate(http_request_duration_seconds_bucket{job=\"cart\",le=\"0.5\"}"
                    + "[{{.window}}])) / sum(rate(http_request_duration_seconds_count{job=\"cart\"}"
                    + "[{{.window}}])))"));
  }

  @Test
  void fileFormatRecordsFieldPositions() {
    Slo slo = load("file-format.yaml").slos().get(0);

    assertThat(slo.source().format()).isEqualTo(SpecFormat.SLOTH_V1);
    assertThat(slo.source().fields())
        .containsEntry("name", new Position(7, 11, "slos[0].name"))
        .containsEntry("objective", new Position(8, 16, "slos[0].objective"))
        .containsEntry("sli.errorQuery", new Position(14, 22, "slos[0].sli.events.error_query"))
        .containsEntry("sli.totalQuery", new Position(15, 22, "slos[0].sli.events.total_query"))
        .containsEntry("alerting", new Position(16, 5, "slos[0].alerting"));
  }

  @Test
  void kubernetesResourceReadsCamelCaseFields() {
    SpecSet set = load("k8s.yaml");

    assertThat(set.diagnostics()).isEmpty();
    assertThat(set.slos())
        .extracting(Slo::id)
        .containsExactly("auth-token-availability", "auth-token-ratio");
    Slo slo = set.slos().get(0);
    assertThat(slo.source().format()).isEqualTo(SpecFormat.SLOTH_K8S_V1);
    assertThat(slo.objective()).isEqualTo(0.9995);
    assertThat(slo.labels()).isEqualTo(Map.of("team", "identity"));
    assertThat(slo.sli())
        .isEqualTo(
            new Sli.Events(
                "sum(rate(http_requests_total{job=\"auth\",code=~\"5..\"}[{{.window}}]))",
                "sum(rate(http_requests_total{job=\"auth\"}[{{.window}}]))"));
    assertThat(slo.alerting().page()).isEqualTo(AlertSpec.off());
    assertThat(slo.alerting().ticket())
        .isEqualTo(new AlertSpec(true, Map.of(), Map.of("summary", "Tokens fail")));
    assertThat(slo.source().position("sli.errorQuery"))
        .isEqualTo(new Position(14, 23, "spec.slos[0].sli.events.errorQuery"));
    assertThat(set.slos().get(1).sli())
        .isEqualTo(
            new Sli.Raw(
                "sum(rate(auth_errors_total[{{.window}}])) / sum(rate(auth_requests_total[{{.window}}]))"));
  }
}
