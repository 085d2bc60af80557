package io.sloscout.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromqlLintTest {

  @Test
  void balancedQueryHasNoProblem() {
    assertThat(
            PromqlLint.balance(
                "sum(rate(http_requests_total{job=\"a\",code=~\"5..\"}[{{.window}}])) / 2"))
        .isEmpty();
  }

  @Test
  void bracketsInsideStringsDoNotCount() {
    assertThat(PromqlLint.balance("sum(x{path=\"/a(b]\",q='{'}) + y{r=`)`}")).isEmpty();
  }

  @Test
  void escapedQuoteDoesNotEndAString() {
    assertThat(PromqlLint.balance("x{a=\"say \\\"hi\\\" (\"}")).isEmpty();
    assertThat(PromqlLint.balance("x{a=\"\\\"}"))
        .contains("unterminated string: '\"' at character 5");
  }

  @Test
  void backticksHaveNoEscapes() {
    assertThat(PromqlLint.balance("x{a=`\\`}")).isEmpty();
  }

  @Test
  void unclosedBracketIsTheInnermostOneLeftOpen() {
    assertThat(PromqlLint.balance("sum(rate(x[5m])")).contains("unclosed '(' at character 4");
    assertThat(PromqlLint.balance("sum(rate(x[5m]")).contains("unclosed '(' at character 9");
  }

  @Test
  void unexpectedClosingBracket() {
    assertThat(PromqlLint.balance("rate(x[5m]))")).contains("unexpected ')' at character 12");
  }

  @Test
  void mismatchedPairNamesBothEnds() {
    assertThat(PromqlLint.balance("sum(x[5m)]"))
        .contains("'[' at character 6 is closed by ')' at character 9");
  }

  @Test
  void unterminatedString() {
    assertThat(PromqlLint.balance("x{job=\"cart}"))
        .contains("unterminated string: '\"' at character 7");
  }

  @Test
  void commentsAreIgnoredForBalanceAndEmptiness() {
    assertThat(PromqlLint.balance("sum(x) # closes later )\n")).isEmpty();
    assertThat(PromqlLint.isEmpty("  # TODO {{.window}}\n\n")).isTrue();
    assertThat(PromqlLint.isEmpty("")).isTrue();
    assertThat(PromqlLint.isEmpty("x{a=\"#\"}")).isFalse();
    assertThat(PromqlLint.isEmpty("up # comment")).isFalse();
  }
}
