package io.sloscout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

  static final String EXAMPLES = "../examples/slos";

  @TempDir Path tmp;

  @Test
  void helpListsTheCommandsAndExitCodes() {
    CliRunner.Result r = CliRunner.run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("validate", "generate", "plan", "collect", "Exit codes");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    CliRunner.Result r = CliRunner.run("frobnicate");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("frobnicate");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(CliRunner.run().exitCode()).isEqualTo(2);
  }

  @Test
  void validateAcceptsTheShippedExamples() {
    CliRunner.Result r = CliRunner.run("validate", EXAMPLES);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("OK:").doesNotContain("error:");
  }

  @Test
  void validateOfAMissingPathIsAnInputError() {
    CliRunner.Result r = CliRunner.run("validate", tmp.resolve("nope.yaml").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("nope.yaml: no such file or folder");
  }

  @Test
  void validateOfAnInvalidSpecFailsNamingFileLineAndField() throws IOException {
    Path spec = write("bad.yaml", badTarget());
    CliRunner.Result r = CliRunner.run("validate", spec.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains(spec + ":13:").contains("spec.objectives[0].target");
  }

  @Test
  void validateJsonReportGoesToStdout() throws IOException {
    Path spec = write("bad.yaml", badTarget());
    CliRunner.Result r = CliRunner.run("validate", "--format", "json", spec.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("\"valid\" : false", "\"line\" : 13");
  }

  @Test
  void strictValidationFailsOnWarnings() throws IOException {
    Path spec = write("high.yaml", nativeSpec("0.99999"));
    assertThat(CliRunner.run("validate", spec.toString()).exitCode()).isZero();
    CliRunner.Result strict = CliRunner.run("validate", "--strict", spec.toString());
    assertThat(strict.exitCode()).isEqualTo(1);
    assertThat(strict.err()).contains("warning:");
  }

  @Test
  void generateRefusesInvalidSpecsWithAnInputError() throws IOException {
    Path spec = write("bad.yaml", badTarget());
    CliRunner.Result r =
        CliRunner.run("generate", "--out", tmp.resolve("out").toString(), spec.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("nothing generated");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void generateRejectsAnUnknownAlertProfile() {
    CliRunner.Result r = CliRunner.run("generate", "--alert-profile", "fast", EXAMPLES);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown profile 'fast'");
  }

  @Test
  void generateIsDeterministicAndIdempotent() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    assertThat(CliRunner.run("generate", "--out", a.toString(), EXAMPLES).exitCode()).isZero();
    assertThat(CliRunner.run("generate", "--out", b.toString(), EXAMPLES).exitCode()).isZero();
    assertThat(TreeSnapshot.of(a)).isEqualTo(TreeSnapshot.of(b));
    CliRunner.Result again = CliRunner.run("generate", "--out", a.toString(), EXAMPLES);
    assertThat(again.err()).contains("0 added, 0 changed, 0 removed");
  }

  @Test
  void generateRemovesOnlyItsOwnStaleFiles() throws IOException {
    Path out = tmp.resolve("out");
    Path one = write("one.yaml", nativeSpec("0.999"));
    Path two = write("two.yaml", nativeSpec("0.999").replace("service: web", "service: api"));
    CliRunner.run("generate", "--out", out.toString(), one.toString(), two.toString());
    Files.writeString(out.resolve("prometheus/mine.yaml"), "groups: []\n");
    assertThat(out.resolve("prometheus/api.rules.yaml")).exists();

    CliRunner.Result r = CliRunner.run("generate", "--out", out.toString(), one.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(out.resolve("prometheus/api.rules.yaml")).doesNotExist();
    assertThat(out.resolve("prometheus/web.rules.yaml")).exists();
    assertThat(out.resolve("prometheus/mine.yaml")).exists();
  }

  @Test
  void planListsChangesDownToTheRuleAndWritesNothing() throws IOException {
    Path out = tmp.resolve("out");
    Path spec = write("web.yaml", nativeSpec("0.999"));
    CliRunner.run("generate", "--out", out.toString(), spec.toString());
    String before = Files.readString(out.resolve("prometheus/web.rules.yaml"));

    Files.writeString(spec, nativeSpec("0.995"));
    CliRunner.Result text = CliRunner.run("plan", "--out", out.toString(), spec.toString());
    assertThat(text.exitCode()).isZero();
    assertThat(text.out())
        .contains("~ prometheus/web.rules.yaml")
        .containsPattern(
            "~ alert WebAvailabilityErrorBudgetBurn \\{severity=\"critical\"}: .*expr changed")
        .contains("~ record slo:objective:ratio");
    assertThat(Files.readString(out.resolve("prometheus/web.rules.yaml"))).isEqualTo(before);

    CliRunner.Result md =
        CliRunner.run("plan", "--out", out.toString(), "--format", "md", spec.toString());
    assertThat(md.out())
        .contains(
            "| add | change | remove | unchanged |", "**change** `prometheus/web.rules.yaml`");
  }

  @Test
  void planOfAnUpToDateFolderSaysSo() throws IOException {
    Path out = tmp.resolve("out");
    Path spec = write("web.yaml", nativeSpec("0.999"));
    CliRunner.run("generate", "--out", out.toString(), spec.toString());
    CliRunner.Result r = CliRunner.run("plan", "--out", out.toString(), spec.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("No changes");
  }

  private Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  static String nativeSpec(String target) {
    return """
        apiVersion: slo-scout.io/v1
        kind: ServiceLevelObjective
        metadata:
          name: availability
        spec:
          service: web
          indicator:
            type: ratio
            ratio:
              bad: {metric: http_requests_total, matchers: 'job="web",code=~"5.."'}
              total: {metric: http_requests_total, matchers: 'job="web"'}
          objectives:
            - target: %s
              window: 30d
        """
        .formatted(target);
  }

  static String badTarget() {
    // line 13 holds the target
    return nativeSpec("99.9");
  }
}
