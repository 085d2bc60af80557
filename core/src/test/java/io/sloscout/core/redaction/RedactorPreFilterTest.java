package io.sloscout.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pre-filter's fast scan (literal automaton plus the shape gates, exact measure only where a
 * gate lets a line through) agrees with a plain search for the literals and with the exact measure
 * of every shape, wherever a minimum could tell them apart.
 */
class RedactorPreFilterTest {

  private static final List<String> LITERALS = builtInLiterals();

  /** Minimums per shape: the built-in ones, the smallest, unused shapes, and mixtures. */
  static Stream<int[]> minimums() {
    return Stream.of(
        builtInMinimums(),
        new int[] {1, 1, 1, 1, 1},
        new int[] {2, 2, 2, 2, 2},
        new int[] {3, 2, 3, 5, 4},
        new int[] {0, 0, 0, 0, 0},
        new int[] {13, 0, 8, 0, 0},
        new int[] {0, 5, 0, 300, 2});
  }

  @ParameterizedTest
  @MethodSource("minimums")
  void agreesWithTheExactMeasureOnRandomTexts(int[] minimums) {
    PreFilter filter = new PreFilter(LITERALS, minimums);
    Random rnd = new Random(7);
    // weighted towards digits and the characters that join or end runs
    String common = "0123456789:-. ";
    String all = common + "aAfFgZz_()+/=,\"@éä中Xx9";
    for (int k = 0; k < 200_000; k++) {
      int len = rnd.nextInt(48);
      StringBuilder sb = new StringBuilder(len);
      for (int j = 0; j < len; j++) {
        String from = rnd.nextBoolean() ? common : all;
        sb.append(from.charAt(rnd.nextInt(from.length())));
      }
      assertAgrees(filter, minimums, sb.toString());
    }
  }

  @ParameterizedTest
  @MethodSource("minimums")
  void agreesWithTheExactMeasureOnLogLines(int[] minimums) {
    PreFilter filter = new PreFilter(LITERALS, minimums);
    for (String line : logLines()) {
      assertAgrees(filter, minimums, line);
    }
  }

  @Test
  void letsOrdinaryLogLinesThroughWithoutMeasuring() {
    PreFilter filter = new PreFilter(LITERALS, builtInMinimums());

    for (String clean :
        List.of(
            "2024-05-15 03:13:22.352 INFO catalog-16be2ec42-f140a cache miss for key product:39793,"
                + " loaded in 174ms (v1.4.3)",
            "{\"ts\":\"2024-05-05T05:37:42.991Z\",\"level\":\"INFO\",\"msg\":\"order 576509\","
                + "\"request_id\":\"17fe82ef-b9e0-42d1-823d-039582312252\"}",
            "2024-05-01T12:34:56.789Z INFO [http-nio-8080-exec-3] GET /api/v1/orders/12345"
                + " trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7",
            "")) {
      assertThat(filter.scan(clean)).as(clean).isSameAs(PreFilter.Facts.NONE);
    }
  }

  private static void assertAgrees(PreFilter filter, int[] minimums, String text) {
    PreFilter.Facts fast = filter.scan(text);
    PreFilter.Facts exact = filter.measureAll(text);
    assertThat(fast.literals()).as("literals of [%s]", text).isEqualTo(literalsIn(text));
    for (Shape shape : Shape.values()) {
      int o = shape.ordinal();
      int min = minimums[o];
      if (min == 0) {
        continue; // no detector asks for it
      }
      boolean reaches = exact.shapes()[o] >= min;
      assertThat(fast.shapes()[o] >= min)
          .as("%s of [%s]: %s", shape, text, fast)
          .isEqualTo(reaches);
      if (reaches) {
        assertThat(fast.shapes()[o]).as("%s of [%s]", shape, text).isEqualTo(exact.shapes()[o]);
        assertThat(fast.starts()[o])
            .as("%s start in [%s]", shape, text)
            .isEqualTo(exact.starts()[o]);
      }
    }
  }

  /** Literal i's bit when the text holds it, ignoring ASCII case only. */
  private static long literalsIn(String text) {
    StringBuilder lower = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      lower.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    long bits = 0;
    for (int i = 0; i < LITERALS.size(); i++) {
      if (lower.indexOf(LITERALS.get(i)) >= 0) {
        bits |= 1L << i;
      }
    }
    return bits;
  }

  private static List<String> builtInLiterals() {
    List<String> out = new ArrayList<>();
    for (Detector d : DetectorCatalog.builtIn().detectors()) {
      for (String l : d.literals()) {
        if (!out.contains(l)) {
          out.add(l);
        }
      }
    }
    return out;
  }

  private static int[] builtInMinimums() {
    int[] out = new int[Shape.values().length];
    for (Detector d : DetectorCatalog.builtIn().detectors()) {
      d.shapes()
          .forEach(
              (shape, min) -> {
                int o = shape.ordinal();
                out[o] = out[o] == 0 ? min : Math.min(out[o], min);
              });
    }
    return out;
  }

  /** Lines like those of the benchmark corpus, the detector tests' inputs and edge cases. */
  private static List<String> logLines() {
    List<String> lines = new ArrayList<>();
    RedactorDetectorTest.positives().forEach(a -> lines.add((String) a.get()[0]));
    RedactorDetectorTest.lookAlikes().forEach(lines::add);
    RedactorDetectorTest.leaveAlone().forEach(lines::add);
    lines.addAll(
        List.of(
            "2024-05-21T03:38:29.825Z INFO kafka consumer group catalog-events partition 10"
                + " offset 2463339 lag 30 at 1714000779684",
            "2024-05-28T05:02:03.954Z INFO user user854@example.com logged in from 10.1.104.7",
            "192.168.4.14 - - [01/May/2024:12:00:00 +0000] \"GET /cart HTTP/1.1\" 200 4",
            "2024-05-11T15:15:30.120Z WARN payment declined for card 4111 1111 1111 1111 amount"
                + " 133.00",
            "2024-05-11 INFO refund to DE89 3704 0044 0532 0130 00 ssn 123-45-6789",
            "2024-05-11 INFO sms sent to +1 201-555-0123 for order 42",
            "12:-3456789012 ab-123456789 v1.2345678901 _12 345 678 9 é123456789 x",
            "aa:bb:cc:dd:ee:ff 0:1:2:3:4:5 a-b-c-d-e-f ::1 1.2.3.4.5 ABCDEFGHIJ 1234567",
            "GB82 WEST 1234 5698 7654 32  AB12  CD34 Zq8xT2mLr9VbN4kW7pHs3dYc é"));
    return lines;
  }
}
