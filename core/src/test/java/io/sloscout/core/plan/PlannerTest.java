package io.sloscout.core.plan;

import static io.sloscout.core.plan.OutputFolderTest.files;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {

  @TempDir Path dir;

  static final String RULES_V1 =
      """
      groups:
      - name: g1
        rules:
        - record: slo:sli_error:ratio_rate5m
          expr: a / b
          labels: {sloth_id: web-availability, sloth_window: 5m}
        - record: slo:sli_error:ratio_rate1h
          expr: a1 / b1
          labels: {sloth_id: web-availability, sloth_window: 1h}
        - alert: WebBurn
          expr: x > 14.4
          labels: {severity: critical}
      """;

  static final String RULES_V2 =
      """
      groups:
      - name: g1
        rules:
        - record: slo:sli_error:ratio_rate5m
          expr: a / b
          labels: {sloth_window: 5m, sloth_id: web-availability}
        - record: slo:sli_error:ratio_rate2h
          expr: a2 / b2
          labels: {sloth_id: web-availability, sloth_window: 2h}
        - alert: WebBurn
          expr: x > 13.44
          labels: {severity: critical}
      """;

  @Test
  void aFolderWithoutOutputGetsEveryFileAdded() throws IOException {
    Plan plan =
        Planner.plan(new OutputFolder(dir.resolve("none")), files("a.rules.yaml", RULES_V1));
    assertThat(plan.files()).extracting(FileChange::kind).containsExactly(ChangeKind.ADD);
    assertThat(PlanRenderer.text(plan)).contains("1 to add, 0 to change, 0 to remove");
  }

  @Test
  void rulesFilesAreComparedRuleByRuleIgnoringKeyOrder() throws IOException {
    OutputFolder folder = new OutputFolder(dir);
    folder.write(files("p/web.rules.yaml", RULES_V1));
    Plan plan = Planner.plan(folder, files("p/web.rules.yaml", RULES_V2));

    FileChange change = plan.files().get(0);
    assertThat(change.kind()).isEqualTo(ChangeKind.CHANGE);
    assertThat(change.items())
        .containsExactly(
            new ItemChange(
                ChangeKind.ADD,
                "record slo:sli_error:ratio_rate2h {sloth_id=\"web-availability\","
                    + " sloth_window=\"2h\"}",
                ""),
            new ItemChange(
                ChangeKind.CHANGE, "alert WebBurn {severity=\"critical\"}", "expr changed"),
            new ItemChange(
                ChangeKind.REMOVE,
                "record slo:sli_error:ratio_rate1h {sloth_id=\"web-availability\","
                    + " sloth_window=\"1h\"}",
                ""));
  }

  @Test
  void staleManagedFilesAreRemovedAndForeignFilesIgnored() throws IOException {
    OutputFolder folder = new OutputFolder(dir);
    folder.write(files("a.md", "a\n", "b.md", "b\n"));
    Files.writeString(dir.resolve("notes.md"), "mine");
    Plan plan = Planner.plan(folder, files("a.md", "a\n"));
    assertThat(plan.files())
        .containsExactly(
            new FileChange("a.md", ChangeKind.UNCHANGED, java.util.List.of()),
            new FileChange("b.md", ChangeKind.REMOVE, java.util.List.of()));
  }

  @Test
  void markdownIsAPullRequestComment() throws IOException {
    OutputFolder folder = new OutputFolder(dir);
    folder.write(files("p/web.rules.yaml", RULES_V1));
    String md = PlanRenderer.markdown(Planner.plan(folder, files("p/web.rules.yaml", RULES_V2)));
    assertThat(md)
        .startsWith("### SLO-Scout plan for `")
        .contains("| 0 | 1 | 0 | 0 |")
        .contains("- **change** `p/web.rules.yaml`")
        .contains("  - change `alert WebBurn {severity=\"critical\"}` — expr changed");
  }

  @Test
  void anUnchangedFolderHasAnEmptyPlan() throws IOException {
    OutputFolder folder = new OutputFolder(dir);
    folder.write(files("a.md", "a\n"));
    Plan plan = Planner.plan(folder, files("a.md", "a\n"));
    assertThat(plan.isEmpty()).isTrue();
    assertThat(PlanRenderer.text(plan)).contains("No changes");
  }

  @Test
  void anUnreadableRulesFileStillGetsAFileLevelChange() throws IOException {
    OutputFolder folder = new OutputFolder(dir);
    folder.write(files("web.rules.yaml", "groups: [\n"));
    Plan plan = Planner.plan(folder, files("web.rules.yaml", RULES_V1));
    assertThat(plan.files().get(0).kind()).isEqualTo(ChangeKind.CHANGE);
    assertThat(plan.files().get(0).items().get(0).detail()).startsWith("cannot compare contents");
  }
}
