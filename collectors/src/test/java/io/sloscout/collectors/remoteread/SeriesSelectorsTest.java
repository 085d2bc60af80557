package io.sloscout.collectors.remoteread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.proto.prompb.LabelMatcher;
import io.sloscout.proto.prompb.LabelMatcher.Type;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeriesSelectorsTest {

  @Test
  void aBareMetricNameMatchesTheNameLabel() {
    assertThat(SeriesSelectors.parse("up")).containsExactly(m(Type.EQ, "__name__", "up"));
    assertThat(SeriesSelectors.parse("job:http_requests:rate5m"))
        .containsExactly(m(Type.EQ, "__name__", "job:http_requests:rate5m"));
  }

  @Test
  void bracesHoldMatchersWithAllFourOperators() {
    assertThat(
            SeriesSelectors.parse(
                "http_requests_total{ job = \"api\", code != \"200\" , path=~\"/a.*\","
                    + " method!~'GET|HEAD', }"))
        .containsExactly(
            m(Type.EQ, "__name__", "http_requests_total"),
            m(Type.EQ, "job", "api"),
            m(Type.NEQ, "code", "200"),
            m(Type.RE, "path", "/a.*"),
            m(Type.NRE, "method", "GET|HEAD"));
  }

  @Test
  void aSelectorWithoutMetricNameIsJustBraces() {
    assertThat(SeriesSelectors.parse("{__name__=~\"http_.*\"}"))
        .containsExactly(m(Type.RE, "__name__", "http_.*"));
  }

  @Test
  void quotedValuesFollowPromqlEscapes() {
    List<LabelMatcher> matchers =
        SeriesSelectors.parse(
            "{a=\"x\\\"y\\n\", b='it\\'s', c=`raw\\d+`, d=\"\\x41\\u00e9\\101\", e=\"\\\\\"}");
    assertThat(matchers)
        .extracting(LabelMatcher::getValue)
        .containsExactly("x\"y\n", "it's", "raw\\d+", "AéA", "\\");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''| 1| empty selector",
        "'up{job=}'| 8| expected a quoted value for job",
        "'up{job=\"api\"'| 13| unclosed '{'",
        "'{job=~\".*\"}'| 1| at least one matcher that does not match the empty string",
        "'{job=\"\"}'| 1| at least one matcher that does not match the empty string",
        "'up{job==\"x\"}'| 8| '==' is not a matcher operator",
        "'up{job=\"x\" env=\"y\"}'| 12| expected ',' or '}' after the matcher of job",
        "'up{9job=\"x\"}'| 4| expected a label name",
        "'up{job=\"x\"} or down'| 13| unexpected 'o' after the selector",
        "'up{__name__=\"x\"}'| 4| metric name set twice",
        "'up{job=\"unterminated}'| 8| unterminated string",
        "'up{job=\"\\q\"}'| 9| unknown escape '\\q'",
        "'up{job=~\"(\"}'| 4| invalid regular expression '('",
        "'up{job>\"x\"}'| 7| expected one of =, !=, =~, !~ after job",
        "'1up'| 1| expected a metric name or '{'",
        "'rate(up[5m])'| 5| unexpected '(' after the selector",
      })
  void anInvalidSelectorNamesItselfAndTheColumn(String selector, int column, String problem) {
    assertThatThrownBy(() -> SeriesSelectors.parse(selector))
        .isInstanceOfSatisfying(
            InvalidSelectorException.class,
            e -> {
              assertThat(e.selector()).isEqualTo(selector);
              assertThat(e.column()).isEqualTo(column);
            })
        .hasMessageStartingWith(
            "invalid series selector '" + selector + "' at column " + column + ": ")
        .hasMessageContaining(problem);
  }

  private static LabelMatcher m(Type type, String name, String value) {
    return LabelMatcher.newBuilder().setType(type).setName(name).setValue(value).build();
  }
}
