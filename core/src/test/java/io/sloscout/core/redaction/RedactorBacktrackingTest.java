package io.sloscout.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No detector's regex backtracks for long on hostile input. Work is measured as characters read
 * (not time): a regex that is linear in the input reads each character a bounded number of times,
 * one that backtracks badly reads it thousands of times on 50,000 characters.
 */
class RedactorBacktrackingTest {

  private static final int LENGTH = 50_000;

  /** Reads per input character; the bounded quantifiers (≤ 1024) keep real patterns far below. */
  private static final long MAX_READS_PER_CHAR = 3_000;

  static Stream<String> hostileInputs() {
    return Stream.of(
        "a".repeat(LENGTH) + "@",
        "a.".repeat(LENGTH / 2) + "@x",
        "a@a.".repeat(LENGTH / 4),
        "1".repeat(LENGTH),
        "1 ".repeat(LENGTH / 2),
        "1-".repeat(LENGTH / 2),
        "1.".repeat(LENGTH / 2),
        "+1 (".repeat(LENGTH / 4),
        "a:".repeat(LENGTH / 2),
        "::".repeat(LENGTH / 2),
        "ab:".repeat(LENGTH / 3),
        "A".repeat(LENGTH),
        "DE89 ".repeat(LENGTH / 5),
        "eyJ" + "a".repeat(LENGTH) + ".",
        "eyJa.".repeat(LENGTH / 5),
        "_password".repeat(LENGTH / 9),
        "password=\"".repeat(LENGTH / 10),
        "token:".repeat(LENGTH / 6),
        "bearer ".repeat(LENGTH / 7),
        "authorization: ".repeat(LENGTH / 15),
        "://a:".repeat(LENGTH / 5),
        "aB3".repeat(LENGTH / 3));
  }

  @ParameterizedTest
  @MethodSource("hostileInputs")
  void everyPatternReadsEachCharacterABoundedNumberOfTimes(String input) {
    for (Detector d : DetectorCatalog.builtIn().detectors()) {
      CountingText text = new CountingText(input);
      Matcher m = d.pattern().matcher(text);
      while (m.find()) {
        // consume every match, as the redactor does
      }
      assertThat(text.reads)
          .as("%s on %s...", d.name(), input.substring(0, 12))
          .isLessThan(MAX_READS_PER_CHAR * input.length());
    }
  }

  @ParameterizedTest
  @MethodSource("hostileInputs")
  void theRedactorFinishesOnHostileInput(String input) {
    String out = Redactor.withDefaults().redactText(input);

    assertThat(out).isNotNull();
  }

  /** A text that counts how often it is read. */
  private static final class CountingText implements CharSequence {
    private final String s;
    long reads;

    CountingText(String s) {
      this.s = s;
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public char charAt(int index) {
      reads++;
      return s.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      reads += end - start;
      return s.subSequence(start, end);
    }

    @Override
    public String toString() {
      reads += s.length();
      return s;
    }
  }
}
