package io.sloscout.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.generation.ArtifactGenerator;
import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.plan.OutputFolder;
import io.sloscout.core.spec.SpecSet;
import io.sloscout.core.spec.load.SpecLoader;
import io.sloscout.core.testing.Promtool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SLO-Scout's SLOs for itself: infrastructure/generated is what {@code slo-scout generate --out
 * infrastructure/generated infrastructure/slos} writes today, the chart ships the same rules and
 * dashboards, and promtool accepts the rules and passes their tests.
 */
class SelfMonitoringArtifactsTest {

  static final Path SLOS = Path.of("infrastructure/slos");
  static final Path GENERATED = Repo.ROOT.resolve("infrastructure/generated");

  static SortedMap<String, String> expected;

  @BeforeAll
  static void generate() {
    // the CLI's generate with its default options, from the repository root as the README runs it
    SpecSet set = new SpecLoader().load(List.of(SLOS));
    assertThat(set.errors()).as("errors in %s", SLOS).isEmpty();
    assertThat(set.slos()).hasSizeGreaterThanOrEqualTo(3);
    expected = new ArtifactGenerator(GenerationOptions.defaults()).generate(set.slos());
  }

  @Test
  void theGeneratedFolderIsUpToDateWithTheSloSpecs() throws IOException {
    SortedMap<String, String> actual = new TreeMap<>();
    try (Stream<Path> files = Files.walk(GENERATED)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String relative = GENERATED.relativize(p).toString().replace('\\', '/');
        if (!relative.equals(OutputFolder.MANIFEST)) {
          actual.put(relative, Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }

    assertThat(actual.keySet())
        .as("regenerate: ./slo-scout generate --out infrastructure/generated infrastructure/slos")
        .isEqualTo(expected.keySet());
    expected.forEach(
        (file, content) ->
            assertThat(actual.get(file))
                .as(
                    "infrastructure/generated/%s is stale; regenerate: ./slo-scout generate --out"
                        + " infrastructure/generated infrastructure/slos",
                    file)
                .isEqualTo(content));
  }

  @Test
  void theChartShipsTheSameRulesAndDashboards() throws IOException {
    Path chartFiles = Repo.CHART.resolve("files");
    int compared = 0;
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String file = e.getKey();
      boolean shipped =
          (file.startsWith("prometheus/") && file.endsWith(".rules.yaml"))
              || file.startsWith("grafana/");
      if (shipped) {
        Path copy = chartFiles.resolve("generated").resolve(file);
        assertThat(copy)
            .as("the chart's copy of %s (see charts/slo-scout/files/README.md)", file)
            .exists();
        assertThat(Files.readString(copy, StandardCharsets.UTF_8))
            .as(copy.toString())
            .isEqualTo(e.getValue());
        compared++;
      }
    }
    assertThat(compared).isEqualTo(4);
    try (Stream<Path> dashboards =
        Files.list(Repo.ROOT.resolve("infrastructure/grafana/dashboards"))) {
      for (Path d : (Iterable<Path>) dashboards::iterator) {
        assertThat(chartFiles.resolve("dashboards").resolve(d.getFileName().toString()))
            .as("the chart's copy of %s", d)
            .hasSameTextualContentAs(d);
      }
    }
  }

  @Test
  void promtoolAcceptsTheRulesAndPassesTheirTests() {
    Map<String, String> files = new TreeMap<>();
    expected.forEach(
        (file, content) -> {
          if (file.startsWith("prometheus/")) {
            files.put(file.substring("prometheus/".length()), content);
          }
        });
    Map<String, String> rules = new TreeMap<>(files);
    rules.keySet().removeIf(f -> !f.endsWith(".rules.yaml") || f.endsWith(".test.yaml"));
    List<String> tests =
        files.keySet().stream().filter(f -> f.endsWith(".rules.test.yaml")).toList();

    Promtool.Result check = Promtool.checkRules(rules);
    assertThat(check.ok()).as(check.output()).isTrue();
    Promtool.Result test = Promtool.testRules(files, tests);
    assertThat(test.ok()).as(test.output()).isTrue();
  }
}
