package io.sloscout.core.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.generation.rules.RuleFixtures;
import io.sloscout.core.generation.rules.RuleFixtures.Fixture;
import io.sloscout.core.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RuleTestGeneratorTest {

  static List<Fixture> fixtures() {
    return RuleFixtures.all();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void testsMatchTheGoldenFile(Fixture f) {
    Golden.assertMatches(
        "rules/" + f.name() + ".rules.test.yaml",
        RuleTestGenerator.tests(f.service(), f.slos(), f.options()));
  }

  @Test
  void expandingNotationReproducesTheCounter() {
    assertThat(RuleTestGenerator.expanding(new long[] {0, 5, 10, 15, 25, 35}))
        .isEqualTo("0+5x3 25+10x1");
    assertThat(RuleTestGenerator.expanding(new long[] {0, 5, 15})).isEqualTo("0+5x1 15");
    assertThat(RuleTestGenerator.expanding(new long[] {7})).isEqualTo("7");
  }

  @Test
  void labelTemplatesAreExpandedAndOthersAreRefused() {
    assertThat(
            RuleTestGenerator.expand(
                "{{$labels.a}}-{{ $labels.b }}", java.util.Map.of("a", "x", "b", "y")))
        .isEqualTo("x-y");
    assertThat(RuleTestGenerator.expand("{{ $value }}", java.util.Map.of())).isNull();
  }

  @Test
  void everySloWithAlertsGetsHealthyFastAndSlowBurnCases() {
    String tests =
        RuleTestGenerator.tests(
            "shop", RuleGeneratorTest.fixture("events-30d").slos(), GenerationOptions.defaults());
    assertThat(tests)
        .contains("healthy traffic")
        .contains("the page alert fires at")
        .contains("the ticket alert fires at")
        .contains("the page alert never fires");
  }
}
