package io.sloscout.core.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.generation.rules.RuleFixtures;
import io.sloscout.core.generation.rules.RuleFixtures.Fixture;
import io.sloscout.core.testing.Promtool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated rules pass {@code promtool check rules} and their tests {@code promtool test
 * rules}.
 */
class RulePromtoolTest {

  static List<Fixture> fixtures() {
    return RuleFixtures.all();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void generatedRulesPassPromtoolCheck(Fixture f) {
    String rules = RuleGenerator.rules(f.service(), f.slos(), f.options());
    Promtool.Result r = Promtool.checkRules(Map.of(f.service() + ".rules.yaml", rules));
    assertThat(r.ok()).as(r.output()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void generatedTestsPassPromtoolTest(Fixture f) {
    String rules = RuleGenerator.rules(f.service(), f.slos(), f.options());
    String tests = RuleTestGenerator.tests(f.service(), f.slos(), f.options());
    String testFile = f.service() + ".rules.test.yaml";
    Promtool.Result r =
        Promtool.testRules(
            Map.of(f.service() + ".rules.yaml", rules, testFile, tests), List.of(testFile));
    assertThat(r.ok()).as(r.output()).isTrue();
    assertThat(r.output()).contains("SUCCESS");
  }
}
