package io.sloscout.cli.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sloscout.cli.SloScoutCommand;
import io.sloscout.core.journey.ShopWorkload;
import io.sloscout.core.spec.SpecSet;
import io.sloscout.core.spec.load.SpecLoader;
import io.sloscout.core.testing.Golden;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

  /** The example shipped in examples/traces, regenerated with -Dgolden.update=true. */
  static final Path EXAMPLE = Paths.get("..", "examples", "traces", "shop.otlp.jsonl");

  static final Path EXAMPLE_LOGS = Paths.get("..", "examples", "traces", "shop-logs.otlp.jsonl");

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
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
  void theExampleIsTheGeneratedShopWorkload() throws Exception {
    ShopWorkload w = ShopWorkload.generate(42, 150);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(EXAMPLE, w.traces(), StandardCharsets.UTF_8);
      Files.writeString(EXAMPLE_LOGS, w.logs(), StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(EXAMPLE)).isEqualTo(w.traces());
    assertThat(Files.readString(EXAMPLE_LOGS)).isEqualTo(w.logs());
  }

  @Test
  void analyzesTheExampleIntoJourneysRecommendationsAndSlos(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("analysis");
    Result r =
        run(
            "analyze",
            "--traces",
            EXAMPLE.toString(),
            "--logs",
            EXAMPLE_LOGS.toString(),
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("Found 6 journeys").contains("probes").contains("jobs");
    Golden.assertMatches(
        "analyze/shop.journeys.json", Files.readString(out.resolve("journeys.json")));
    Golden.assertMatches(
        "analyze/shop.recommendations.json", Files.readString(out.resolve("recommendations.json")));
    SpecSet specs = new SpecLoader().load(List.of(out.resolve("slos")));
    assertThat(specs.errors()).isEmpty();
    assertThat(specs.slos()).hasSize(12);

    Path generated = dir.resolve("generated");
    Result g = run("generate", "--out", generated.toString(), out.resolve("slos").toString());
    assertThat(g.code()).as(g.err()).isZero();
    assertThat(generated.resolve("prometheus/frontend.rules.yaml")).exists();
  }

  @Test
  void recommendationsCarryExactlyTheContractFields(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("a");
    assertThat(run("analyze", "--traces", EXAMPLE.toString(), "--out", out.toString()).code())
        .isZero();
    JsonNode recs = new ObjectMapper().readTree(out.resolve("recommendations.json").toFile());
    for (JsonNode r : recs) {
      List<String> fields = new ArrayList<>();
      r.fieldNames().forEachRemaining(fields::add);
      boolean latency = r.path("sli").path("type").asText().equals("latency");
      assertThat(fields)
          .containsExactlyElementsOf(
              latency
                  ? List.of(
                      "journey",
                      "sli",
                      "objective",
                      "thresholdMs",
                      "window",
                      "confidence",
                      "rationale",
                      "evidence")
                  : List.of(
                      "journey",
                      "sli",
                      "objective",
                      "window",
                      "confidence",
                      "rationale",
                      "evidence"));
    }
    JsonNode journeys = new ObjectMapper().readTree(out.resolve("journeys.json").toFile());
    List<String> fields = new ArrayList<>();
    journeys.get(0).fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "id",
            "name",
            "entryService",
            "entryOperation",
            "services",
            "requests",
            "errorRatio",
            "latencyMs");
  }

  @Test
  void noPiiCanaryInAnyOutputFile(@TempDir Path dir) throws Exception {
    ShopWorkload w = ShopWorkload.generate(9, 400);
    Path traces = dir.resolve("in/traces.jsonl");
    Path logs = dir.resolve("in/logs.jsonl");
    Files.createDirectories(traces.getParent());
    Files.writeString(traces, w.traces());
    Files.writeString(logs, w.logs());
    assertThat(w.traces()).contains(ShopWorkload.CANARY_EMAIL);
    assertThat(w.logs()).contains(ShopWorkload.CANARY_CARD);
    Path out = dir.resolve("out");
    Result r =
        run(
            "analyze",
            "--traces",
            traces.toString(),
            "--logs",
            logs.toString(),
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("canary.pii");
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        assertThat(Files.readString(f))
            .as(f.toString())
            .doesNotContain(ShopWorkload.CANARY_EMAIL)
            .doesNotContain(ShopWorkload.CANARY_CARD)
            .doesNotContain("canary.pii");
      }
    }
  }

  @Test
  void badLinesAreSkippedAndReportedWithFileAndLine(@TempDir Path dir) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(EXAMPLE));
    lines.add(1, "{not json");
    lines.add(
        3,
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"00f067aa0ba902b7\"}]}]}]}");
    Path traces = dir.resolve("bad.jsonl");
    Files.write(traces, lines);
    Result r = run("analyze", "--traces", traces.toString(), "--out", dir.resolve("o").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err())
        .contains(traces + ":2: ")
        .contains(traces + ":4: ")
        .contains("traceId is missing");
    assertThat(r.err()).contains("2 bad lines or records skipped");

    Result strict =
        run(
            "analyze",
            "--strict",
            "--traces",
            traces.toString(),
            "--out",
            dir.resolve("s").toString());
    assertThat(strict.code()).isEqualTo(2);
    assertThat(strict.err()).contains(traces + ":2: ");
  }

  @Test
  void reportsProgressOnLargeInputs(@TempDir Path dir) {
    Result r =
        run(
            "analyze",
            "--progress-mb",
            "0.01",
            "--traces",
            EXAMPLE.toString(),
            "--out",
            dir.toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("analyze: ").contains(" MB, ");
  }

  @Test
  void aShortTraceWindowSplitsTracesWhoseSpansLieFarApart(@TempDir Path dir) throws Exception {
    // One file per service, read one after the other: a trace's spans are a whole file apart.
    ShopWorkload w = ShopWorkload.generate(42, 150);
    JsonNode all = null;
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    StringBuilder frontend = new StringBuilder();
    StringBuilder others = new StringBuilder();
    ObjectMapper json = new ObjectMapper();
    for (String line : w.traces().split("\n")) {
      all = json.readTree(line);
      for (JsonNode rs : all.get("resourceSpans")) {
        boolean isFrontend = rs.toString().contains("\"frontend\"");
        String request = "{\"resourceSpans\":[" + rs + "]}\n";
        (isFrontend ? frontend : others).append(request);
      }
    }
    Files.writeString(in.resolve("1-frontend.jsonl"), frontend);
    Files.writeString(in.resolve("2-others.jsonl"), others);

    Result split =
        run(
            "analyze",
            "--trace-window",
            "1",
            "--traces",
            in.toString(),
            "--out",
            dir.resolve("a").toString());
    assertThat(split.err()).contains("late spans dropped");
    Result wide =
        run(
            "analyze",
            "--trace-window",
            "3600",
            "--traces",
            in.toString(),
            "--out",
            dir.resolve("b").toString());
    assertThat(wide.code()).isZero();
    assertThat(wide.err()).doesNotContain("late spans dropped");
    assertThat(Files.readString(dir.resolve("b/journeys.json")))
        .isEqualTo(
            Files.readString(Paths.get("src/test/resources/golden/analyze/shop.journeys.json")));
  }

  @Test
  void aMissingInputIsAUsageError(@TempDir Path dir) {
    Result r = run("analyze", "--traces", dir.resolve("nope.jsonl").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("nope.jsonl: no such file or folder");
  }

  @Test
  void aFolderOfFilesIsReadInPathOrder(@TempDir Path dir) throws Exception {
    ShopWorkload w = ShopWorkload.generate(42, 150);
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    String[] lines = w.traces().split("\n");
    int half = lines.length / 2;
    Files.writeString(
        in.resolve("a.jsonl"), String.join("\n", List.of(lines).subList(0, half)) + "\n");
    Files.writeString(
        in.resolve("b.json"), String.join("\n", List.of(lines).subList(half, lines.length)) + "\n");
    Files.writeString(in.resolve("notes.txt"), "ignored");
    Path out = dir.resolve("out");
    assertThat(run("analyze", "--traces", in.toString(), "--out", out.toString()).code()).isZero();
    Path whole = dir.resolve("whole");
    assertThat(run("analyze", "--traces", EXAMPLE.toString(), "--out", whole.toString()).code())
        .isZero();
    assertThat(Files.readString(out.resolve("journeys.json")))
        .isEqualTo(Files.readString(whole.resolve("journeys.json")));
  }
}
