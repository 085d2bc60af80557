package io.sloscout.storage;

import static io.sloscout.storage.Fixtures.T0;
import static io.sloscout.storage.Fixtures.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.storage.testing.StorageExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StorageExtension.class)
class ArtifactRepositoryTest {

  private static Database db;
  private static ArtifactRepository artifacts;

  @BeforeAll
  static void open(Database database) {
    db = database;
    artifacts = database.artifacts();
  }

  private static void slo(String id) {
    db.slos()
        .create(
            SloRow.create(
                id, "svc-" + id, "availability", "spec: 1\n", SloSource.MANUAL, null, T0));
  }

  @Test
  void regeneratingReplacesTheFiles() {
    slo("slo-gen");
    Artifact rules =
        new Artifact(
            "slo-gen", ArtifactKind.RULES, "prometheus/shop.rules.yaml", "groups: []\n", T0);
    Artifact runbook =
        new Artifact("slo-gen", ArtifactKind.RUNBOOK, "runbooks/shop-a.md", "# Runbook\n", T0);
    artifacts.save(List.of(rules, runbook));
    Artifact newRules =
        new Artifact(
            "slo-gen",
            ArtifactKind.RULES,
            "prometheus/shop.rules.yaml",
            "groups: [x]\n",
            minute(1));
    artifacts.save(List.of(newRules));

    assertThat(artifacts.forSlo("slo-gen")).containsExactly(newRules, runbook);
    assertThat(artifacts.find("slo-gen", ArtifactKind.RUNBOOK, "runbooks/shop-a.md"))
        .contains(runbook);
    assertThat(artifacts.deleteForSlo("slo-gen")).isEqualTo(2);
    assertThat(artifacts.forSlo("slo-gen")).isEmpty();
  }

  @Test
  void deletingAnSloDeletesItsArtifacts() {
    slo("slo-gone");
    artifacts.save(
        List.of(new Artifact("slo-gone", ArtifactKind.DASHBOARD, "grafana/x.json", "{}", T0)));
    db.slos().delete("slo-gone", 1);

    assertThat(artifacts.forSlo("slo-gone")).isEmpty();
  }

  @Test
  void anArtifactOfAnUnknownSloIsRefused() {
    assertThatThrownBy(
            () ->
                artifacts.save(
                    List.of(new Artifact("slo-none", ArtifactKind.RULES, "a.yaml", "", T0))))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("saving artifacts failed")
        .hasMessageContaining("artifacts_slo_id_fkey");
  }

  @Test
  void badInputNamesTheField() {
    assertThatThrownBy(() -> new Artifact("s", ArtifactKind.RULES, "", "x", T0))
        .hasMessageContaining("path must not be blank");
    assertThatThrownBy(() -> new Artifact("s", null, "p", "x", T0))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("kind");
  }
}
