package io.sloscout.backend.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.core.plan.ChangeKind;
import io.sloscout.core.plan.FileChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitExporterTest {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path dir;
  Path origin;

  @BeforeEach
  void aRepositoryWithAMainBranch() throws Exception {
    origin = dir.resolve("origin");
    try (Git git = Git.init().setInitialBranch("main").setDirectory(origin.toFile()).call()) {
      Files.writeString(origin.resolve("README.md"), "people's file\n");
      Files.createDirectories(origin.resolve("slo-scout"));
      Files.writeString(origin.resolve("slo-scout/NOTES.md"), "kept beside ours\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("start").setSign(false).call();
    }
  }

  private GitExporter.Target target() {
    return new GitExporter.Target(
        origin.toString(), "main", "slo-scout", null, "SLO-Scout", "bot@example.com", true);
  }

  private static SortedMap<String, String> files(String... pathsAndContents) {
    SortedMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      m.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return m;
  }

  @Test
  void aNewBranchCarriesTheFilesOnTopOfTheBaseBranch() throws Exception {
    GitExporter.Result r =
        new GitExporter()
            .export(
                target(),
                files("slos/a.yaml", "a: 1\n", "prometheus/a.rules.yaml", "groups: []\n"),
                "export-1",
                false,
                NOW);
    assertThat(r.commit()).isNotNull();
    assertThat(r.message())
        .startsWith("SLO-Scout export: 2 added, 0 changed, 0 removed")
        .contains("+ slo-scout/slos/a.yaml");
    try (Git git = Git.open(origin.toFile())) {
      RevCommit head =
          git.log()
              .add(git.getRepository().resolve("refs/heads/export-1"))
              .setMaxCount(1)
              .call()
              .iterator()
              .next();
      assertThat(head.getName()).isEqualTo(r.commit());
      assertThat(head.getParentCount()).isEqualTo(1);
      assertThat(head.getAuthorIdent().getWhenAsInstant()).isEqualTo(NOW);
      // the target's checked-out branch is untouched
      assertThat(git.getRepository().getBranch()).isEqualTo("main");
    }
  }

  @Test
  void aLaterExportRemovesOnlyItsOwnStaleFiles() throws Exception {
    GitExporter exporter = new GitExporter();
    exporter.export(
        target(), files("slos/a.yaml", "a\n", "slos/b.yaml", "b\n"), "first", false, NOW);
    // merge the first export, as a reviewer would
    try (Git git = Git.open(origin.toFile())) {
      git.merge().include(git.getRepository().resolve("refs/heads/first")).call();
    }
    GitExporter.Result r =
        exporter.export(target(), files("slos/a.yaml", "a2\n"), "second", false, NOW);
    assertThat(r.plan().files())
        .extracting(FileChange::path, FileChange::kind)
        .contains(
            org.assertj.core.groups.Tuple.tuple("slo-scout/slos/a.yaml", ChangeKind.CHANGE),
            org.assertj.core.groups.Tuple.tuple("slo-scout/slos/b.yaml", ChangeKind.REMOVE));
    Path clone = dir.resolve("clone");
    Git.cloneRepository()
        .setURI(origin.toUri().toString())
        .setDirectory(clone.toFile())
        .setBranch("second")
        .call()
        .close();
    assertThat(clone.resolve("slo-scout/slos/b.yaml")).doesNotExist();
    assertThat(clone.resolve("slo-scout/NOTES.md")).exists();
    assertThat(Files.readString(clone.resolve("slo-scout/slos/a.yaml"), StandardCharsets.UTF_8))
        .isEqualTo("a2\n");
  }

  @Test
  void aDryRunOrNoChangeCommitsNothing() throws Exception {
    GitExporter.Result dry =
        new GitExporter().export(target(), files("slos/a.yaml", "a\n"), "dry", true, NOW);
    assertThat(dry.commit()).isNull();
    assertThat(dry.plan().count(ChangeKind.ADD)).isEqualTo(1);
    try (Git git = Git.open(origin.toFile())) {
      assertThat(git.getRepository().exactRef("refs/heads/dry")).isNull();
    }
  }

  @Test
  void existingBranchesAndBadNamesAreRefused() throws Exception {
    GitExporter exporter = new GitExporter();
    exporter.export(target(), files("slos/a.yaml", "a\n"), "taken", false, NOW);
    assertThatThrownBy(
            () -> exporter.export(target(), files("slos/a.yaml", "a\n"), "taken", false, NOW))
        .isInstanceOf(GitExporter.ExportException.class)
        .hasMessageContaining("already exists")
        .matches(e -> ((GitExporter.ExportException) e).isConflict());
    assertThatThrownBy(
            () -> exporter.export(target(), files("slos/a.yaml", "a\n"), "a..b", false, NOW))
        .isInstanceOf(GitExporter.ExportException.class);
  }
}
