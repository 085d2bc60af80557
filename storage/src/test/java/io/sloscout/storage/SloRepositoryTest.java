package io.sloscout.storage;

import static io.sloscout.storage.Fixtures.T0;
import static io.sloscout.storage.Fixtures.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.core.recommendation.SliType;
import io.sloscout.storage.testing.StorageExtension;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StorageExtension.class)
class SloRepositoryTest {

  private static final String SPEC = "apiVersion: openslo/v1\nkind: SLO\n";

  private static Database db;
  private static SloRepository slos;

  @BeforeAll
  static void open(Database database) {
    db = database;
    slos = database.slos();
  }

  private static SloRow slo(String id, String service, String name) {
    return SloRow.create(id, service, name, SPEC, SloSource.MANUAL, null, T0);
  }

  @Test
  void createReadUpdateDelete() {
    SloRow created = slos.create(slo("slo-crud", "checkout", "availability"));
    assertThat(created.version()).isEqualTo(1);
    assertThat(slos.find("slo-crud")).contains(created);

    SloRow updated = slos.update(created.withSpecYaml(SPEC + "# tightened\n"), minute(1));
    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.updatedAt()).isEqualTo(minute(1));
    assertThat(updated.createdAt()).isEqualTo(T0);
    assertThat(slos.find("slo-crud")).contains(updated);
    assertThat(slos.forService("checkout")).containsExactly(updated);

    assertThat(slos.delete("slo-crud", 2)).isTrue();
    assertThat(slos.find("slo-crud")).isEmpty();
    assertThat(slos.delete("slo-crud", 2)).isFalse();
  }

  @Test
  void aStaleVersionIsRefusedInsteadOfOverwritingSomeoneElse() {
    SloRow read = slos.create(slo("slo-lock", "cart", "latency"));
    slos.update(read.withSpecYaml(SPEC + "# first writer\n"), minute(1));

    assertThatThrownBy(() -> slos.update(read.withSpecYaml(SPEC + "# second\n"), minute(2)))
        .isInstanceOf(StaleVersionException.class)
        .hasMessageContaining("slo-lock")
        .hasMessageContaining("version 1");
    assertThatThrownBy(() -> slos.delete("slo-lock", 1)).isInstanceOf(StaleVersionException.class);
    assertThat(slos.find("slo-lock").orElseThrow().specYaml()).endsWith("# first writer\n");
  }

  @Test
  void namesAreUniqueWithinAService() {
    slos.create(slo("slo-a", "search", "availability"));
    assertThatThrownBy(() -> slos.create(slo("slo-b", "search", "availability")))
        .isInstanceOf(DuplicateException.class);
    assertThatThrownBy(() -> slos.create(slo("slo-a", "other", "x")))
        .isInstanceOf(DuplicateException.class);
  }

  @Test
  void updatingAMissingSloSaysSo() {
    assertThatThrownBy(() -> slos.update(slo("slo-missing", "s", "n"), T0))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("slo-missing");
  }

  @Test
  void anAcceptedRecommendationIsLinked() {
    db.recommendations()
        .upsert(
            List.of(
                new RecommendationRow(
                    "j:availability",
                    "j",
                    SliType.AVAILABILITY,
                    0.999,
                    null,
                    "30d",
                    0.9,
                    "",
                    "[]",
                    T0,
                    RecommendationStatus.ACCEPTED)));
    SloRow created =
        slos.create(
            SloRow.create(
                "slo-rec", "shop", "checkout", SPEC, SloSource.RECOMMENDED, "j:availability", T0));
    assertThat(created.recommendationId()).isEqualTo("j:availability");
  }

  @Test
  void badInputNamesTheField() {
    assertThatThrownBy(() -> SloRow.create("x", "s", "n", " ", SloSource.MANUAL, null, T0))
        .hasMessageContaining("specYaml must not be blank");
    assertThatThrownBy(() -> slos.create(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("slo");
  }
}
