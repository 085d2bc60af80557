package io.sloscout.cli.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sloscout.cli.SloScoutCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slo-scout redact} end to end, in process. */
class RedactCommandTest {

  private static final List<String> INPUT =
      List.of(
          "2024-05-01T12:00:00Z INFO login ok for jane@example.com from 10.1.2.3",
          "",
          "2024-05-01T12:00:01Z INFO GET /api/v1/orders/42 200 12ms trace_id="
              + "4bf92f3577b34da6a3ce929d0e0e4736",
          "2024-05-01T12:00:02Z WARN card 4111 1111 1111 1111 declined, password=hunter2",
          "   ",
          "last line without PII");

  @TempDir Path dir;

  @Test
  void redactsFileToFileKeepingEveryLineAndPrintsCountsOnStderr() throws Exception {
    Path in = write("in.log", String.join("\n", INPUT) + "\n");
    Path out = dir.resolve("out.log");

    Run run = run("redact", "--input", in.toString(), "--out", out.toString());

    assertThat(run.code).as(run.err).isEqualTo(SloScoutCommand.OK);
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(INPUT.size());
    assertThat(lines.get(0)).isEqualTo("2024-05-01T12:00:00Z INFO login ok for <EMAIL> from <IP>");
    assertThat(lines.get(1)).isEmpty();
    assertThat(lines.get(2)).isEqualTo(INPUT.get(2));
    assertThat(lines.get(3))
        .isEqualTo("2024-05-01T12:00:02Z WARN card <CREDIT_CARD> declined, password=<SECRET>");
    assertThat(lines.subList(4, 6)).isEqualTo(INPUT.subList(4, 6));
    assertThat(run.err)
        .contains("Redacted 4 values in 2 of 6 lines")
        .contains("CREDIT_CARD=1", "EMAIL=1", "IP=1", "SECRET=1");
    assertThat(run.out).isEmpty();
  }

  @Test
  void writesToStandardOutputByDefault() throws Exception {
    Path in = write("in.log", "mail bob@example.org\r\nnothing here");

    Run run = run("redact", "--input", in.toString());

    assertThat(run.code).as(run.err).isEqualTo(SloScoutCommand.OK);
    assertThat(run.out).isEqualTo("mail <EMAIL>\nnothing here\n");
  }

  @Test
  void hmacModeGivesStablePseudonymsThatDependOnTheKey() throws Exception {
    Path in = write("in.log", "user jane@example.com\nagain JANE@example.com\n");
    Path key1 = write("k1", "first-key-0123456789abcdef\n");
    Path key2 = write("k2", "second-key-0123456789abcdef\n");

    Run a = run("redact", "--input", in.toString(), "--hmac-key-file", key1.toString());
    Run b =
        run(
            "redact",
            "--input",
            in.toString(),
            "--mode",
            "hmac",
            "--hmac-key-file",
            key1.toString());
    Run c = run("redact", "--input", in.toString(), "--hmac-key-file", key2.toString());

    assertThat(a.code).as(a.err).isEqualTo(SloScoutCommand.OK);
    String[] lines = a.out.split("\n");
    assertThat(lines[0]).matches("user <EMAIL:[0-9a-f]{10}>");
    assertThat(lines[1]).isEqualTo("again " + lines[0].substring("user ".length()));
    assertThat(b.out).isEqualTo(a.out);
    assertThat(c.out).isNotEqualTo(a.out).matches("(?s)user <EMAIL:[0-9a-f]{10}>\n.*");
    assertThat(a.out).doesNotContain("jane", "JANE");
  }

  @Test
  void aConfigFileChoosesTheDetectors() throws Exception {
    Path in = write("in.log", "jane@example.com 10.1.2.3\n");
    Path config = write("redact.yaml", "disabledDetectors: [ipv4]\n");

    Run run = run("redact", "--input", in.toString(), "--config", config.toString());

    assertThat(run.code).as(run.err).isEqualTo(SloScoutCommand.OK);
    assertThat(run.out).isEqualTo("<EMAIL> 10.1.2.3\n");
  }

  @Test
  void anInvalidConfigIsAnInputErrorNamingFileLineAndField() throws Exception {
    Path in = write("in.log", "x\n");
    Path config = write("redact.yaml", "mode: placeholder\ndetectors: [email, emial]\n");

    Run run = run("redact", "--input", in.toString(), "--config", config.toString());

    assertThat(run.code).isEqualTo(SloScoutCommand.USAGE);
    assertThat(run.err).contains(config + ":2:").contains("detectors[1]").contains("'emial'");
  }

  @Test
  void aMissingInputIsAnInputError() {
    Path missing = dir.resolve("nope.log");

    Run run = run("redact", "--input", missing.toString());

    assertThat(run.code).isEqualTo(SloScoutCommand.USAGE);
    assertThat(run.err).contains("--input").contains(missing.toString());
  }

  @Test
  void anUnknownModeIsAUsageError() throws Exception {
    Path in = write("in.log", "x\n");

    Run run = run("redact", "--input", in.toString(), "--mode", "scramble");

    assertThat(run.code).isEqualTo(SloScoutCommand.USAGE);
    assertThat(run.err).contains("--mode").contains("scramble");
  }

  @Test
  void hmacModeWithoutAnyKeyIsAnInputError() throws Exception {
    assumeTrue(System.getenv("SLO_SCOUT_REDACTION_KEY") == null, "key set in the environment");
    Path in = write("in.log", "x\n");

    Run run = run("redact", "--input", in.toString(), "--mode", "hmac");

    assertThat(run.code).isEqualTo(SloScoutCommand.USAGE);
    assertThat(run.err).contains("SLO_SCOUT_REDACTION_KEY");
  }

  @Test
  void aShortKeyIsRejected() throws Exception {
    Path in = write("in.log", "x\n");
    Path key = write("k", "short");

    Run run = run("redact", "--input", in.toString(), "--hmac-key-file", key.toString());

    assertThat(run.code).isEqualTo(SloScoutCommand.USAGE);
    assertThat(run.err).contains(key.toString()).contains("at least 16 bytes");
  }

  private Path write(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = SloScoutCommand.commandLine(o, e).execute(args);
    }
    return new Run(code, out.toString(), err.toString());
  }
}
