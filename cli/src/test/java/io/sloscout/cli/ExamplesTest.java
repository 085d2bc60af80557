package io.sloscout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.generation.ArtifactGenerator;
import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.spec.SpecSet;
import io.sloscout.core.spec.load.SpecLoader;
import io.sloscout.core.testing.Golden;
import io.sloscout.core.testing.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped examples, one folder per input format, through the whole pipeline: golden output per
 * format, and every generated rules and test file through promtool.
 */
class ExamplesTest {

  static final Path EXAMPLES = Path.of("..", "examples", "slos");

  static Stream<String> formats() throws IOException {
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("formats")
  void eachInputFormatGeneratesTheGoldenArtifacts(String format) {
    SortedMap<String, String> files =
        generate(EXAMPLES.resolve(format), GenerationOptions.defaults());
    assertThat(files).isNotEmpty();
    for (Map.Entry<String, String> e : files.entrySet()) {
      Golden.assertMatches("examples/" + format + "/" + e.getKey(), e.getValue());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"google", "pyrra"})
  void everyGeneratedRulesFilePassesPromtoolCheckAndTest(String profile) {
    SpecSet set = new SpecLoader().load(List.of(EXAMPLES));
    long services = set.slos().stream().map(s -> s.service()).distinct().count();
    SortedMap<String, String> files =
        generate(EXAMPLES, new GenerationOptions(profile, null, null));
    Map<String, String> prometheus = new TreeMap<>();
    List<String> tests = new ArrayList<>();
    files.forEach(
        (path, content) -> {
          if (path.startsWith("prometheus/")) {
            String name = path.substring("prometheus/".length());
            prometheus.put(name, content);
            if (name.endsWith(".rules.test.yaml")) {
              tests.add(name);
            }
          }
        });
    Map<String, String> rulesOnly = new TreeMap<>(prometheus);
    rulesOnly.keySet().removeIf(n -> n.endsWith(".rules.test.yaml"));
    assertThat(rulesOnly).hasSize((int) services);
    assertThat(tests).hasSameSizeAs(rulesOnly.keySet());

    Promtool.Result check = Promtool.checkRules(rulesOnly);
    assertThat(check.ok()).as(check.output()).isTrue();
    Promtool.Result test = Promtool.testRules(prometheus, tests);
    assertThat(test.ok()).as(test.output()).isTrue();
  }

  private static SortedMap<String, String> generate(Path path, GenerationOptions options) {
    SpecSet set = new SpecLoader().load(List.of(path));
    assertThat(set.errors()).as("errors loading %s", path).isEmpty();
    return new ArtifactGenerator(options).generate(set.slos());
  }
}
