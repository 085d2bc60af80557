package io.sloscout.cli.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.cli.SloScoutCommand;
import io.sloscout.core.testing.Golden;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintCommandTest {

  private static final String INPUT =
      String.join(
              "\n",
              "GET /api/cart/1234 completed in 12 ms status=200",
              "Accepted connection from 10.1.2.3:51234",
              "cache hit ratio -",
              "Payment declined, reason: \"insufficient funds\"",
              "GET /api/cart/99 completed in 7 ms status=200",
              "cache hit ratio 0.93",
              "Accepted connection from 192.168.0.17:443",
              "")
          + "\n";

  private record Result(int exitCode, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = SloScoutCommand.commandLine(o, e).execute(args);
    }
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void writesOneCsvRowPerLineWithTheFinalTemplateOfItsCluster(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("messages.log");
    Files.writeString(input, INPUT, StandardCharsets.UTF_8);
    Result r = run("fingerprint", "--input", input.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(SloScoutCommand.OK);
    Golden.assertMatches("fingerprint/messages.csv", r.out());
    // the generalised template shows on the first line of its cluster too
    assertThat(r.out().lines())
        .filteredOn(l -> l.startsWith("3,"))
        .singleElement()
        .asString()
        .endsWith(",cache hit ratio <*>");
    assertThat(r.err()).contains("8 lines").contains("5 clusters");
  }

  @Test
  void writesTheCsvToTheOutFile(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("messages.log");
    Path out = dir.resolve("out.csv");
    Files.writeString(input, INPUT, StandardCharsets.UTF_8);
    Result r = run("fingerprint", "--input", input.toString(), "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(SloScoutCommand.OK);
    assertThat(r.out()).isEmpty();
    Golden.assertMatches("fingerprint/messages.csv", Files.readString(out));
  }

  @Test
  void aMissingInputIsAUsageError(@TempDir Path dir) {
    Result r = run("fingerprint", "--input", dir.resolve("nope.log").toString());
    assertThat(r.exitCode()).isEqualTo(SloScoutCommand.USAGE);
    assertThat(r.err()).contains("nope.log").contains("does not exist");
  }
}
