package io.sloscout.core.redaction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;

/**
 * Measures, in one scan of a text's characters, which pre-filter literals it holds (ASCII
 * case-insensitive, all literals at once through an Aho-Corasick automaton) and its {@link Shape}s.
 * Immutable and thread-safe.
 */
final class PreFilter {

  /** At most this many distinct literals: their hits are bits of one {@code long}. */
  static final int MAX_LITERALS = 64;

  private static final int DIGIT = 1;
  private static final int HEX = 2;
  private static final int UPPER = 4;
  private static final int LOWER = 8;
  private static final int TOKEN = 16; // [A-Za-z0-9_+-]
  private static final byte[] KIND = new byte[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      KIND[c] = DIGIT | HEX | TOKEN;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      KIND[c] = (byte) (LOWER | TOKEN | (c <= 'f' ? HEX : 0));
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      KIND[c] = (byte) (UPPER | TOKEN | (c <= 'F' ? HEX : 0));
    }
    KIND['_'] = TOKEN;
    KIND['+'] = TOKEN;
    KIND['-'] = TOKEN;
  }

  private final List<String> literals;
  private final byte[] charClass = new byte[128];
  private final int classes;
  private final int[] delta;
  private final long[] hits;

  /** A pre-filter for {@code literals} (lower case, at most {@link #MAX_LITERALS}). */
  PreFilter(List<String> literals) {
    if (literals.size() > MAX_LITERALS) {
      throw new IllegalArgumentException("more than " + MAX_LITERALS + " pre-filter literals");
    }
    this.literals = List.copyOf(literals);
    int nextClass = 1; // class 0: every character no literal uses
    for (String lit : literals) {
      for (char c : lit.toCharArray()) {
        if (c >= 128) {
          throw new IllegalArgumentException("pre-filter literal '" + lit + "' is not ASCII");
        }
        if (charClass[c] == 0) {
          byte cls = (byte) nextClass++;
          charClass[c] = cls;
          char upper = Character.toUpperCase(c);
          if (upper < 128) {
            charClass[upper] = cls;
          }
        }
      }
    }
    this.classes = nextClass;
    // Trie, then failure links by breadth-first search into a dense transition table.
    List<int[]> next = new ArrayList<>();
    List<Long> out = new ArrayList<>();
    next.add(new int[classes]);
    out.add(0L);
    for (int i = 0; i < literals.size(); i++) {
      int state = 0;
      for (char c : literals.get(i).toCharArray()) {
        int cls = charClass[c];
        if (next.get(state)[cls] == 0) {
          next.add(new int[classes]);
          out.add(0L);
          next.get(state)[cls] = next.size() - 1;
        }
        state = next.get(state)[cls];
      }
      out.set(state, out.get(state) | (1L << i));
    }
    int states = next.size();
    int[] fail = new int[states];
    this.delta = new int[states * classes];
    this.hits = new long[states];
    Queue<Integer> queue = new ArrayDeque<>();
    for (int cls = 0; cls < classes; cls++) {
      int child = next.get(0)[cls];
      delta[cls] = child;
      if (child != 0) {
        queue.add(child);
      }
    }
    hits[0] = out.get(0);
    while (!queue.isEmpty()) {
      int s = queue.poll();
      hits[s] = out.get(s) | hits[fail[s]];
      for (int cls = 0; cls < classes; cls++) {
        int child = next.get(s)[cls];
        if (child != 0 && cls != 0) {
          fail[child] = delta[fail[s] * classes + cls];
          delta[s * classes + cls] = child;
          queue.add(child);
        } else {
          delta[s * classes + cls] = delta[fail[s] * classes + cls];
        }
      }
    }
  }

  /** The index of {@code literal} (lower case) among the pre-filter's literals, or -1. */
  int indexOf(String literal) {
    return literals.indexOf(literal.toLowerCase(Locale.ROOT));
  }

  /** Scans {@code s} once. */
  Facts scan(String s) {
    int n = s.length();
    int state = 0;
    long found = 0;
    DigitRun digits = new DigitRun(1, true);
    DigitRun phone = new DigitRun(2, true);
    DigitRun dotted = new DigitRun(1, false);
    int hexLen = 0;
    int hexGroups = 0;
    int bestHex = 0;
    int tokLen = 0;
    int tokKinds = 0;
    int bestTok = 0;
    int uaLen = 0;
    int uaLetters = 0;
    int uaDigits = 0;
    boolean uaSpace = false;
    int bestUa = 0;
    char prev = 0;
    for (int i = 0; i <= n; i++) {
      // One extra step with '\0' closes every open run at the end of the text.
      char c = i < n ? s.charAt(i) : 0;
      int kind;
      if (c < 128) {
        state = delta[state * classes + charClass[c]];
        found |= hits[state];
        kind = KIND[c];
      } else {
        state = 0;
        kind = 0;
      }
      boolean isDigit = (kind & DIGIT) != 0;
      digits.step(c, isDigit, c == ' ' || c == '-', prev);
      phone.step(
          c, isDigit, c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+', prev);
      dotted.step(c, isDigit, c == '.', prev);

      if ((kind & HEX) != 0) {
        hexLen++;
      } else {
        if (hexLen >= 1 && hexLen <= 4) {
          hexGroups++;
          bestHex = Math.max(bestHex, hexGroups);
        } else {
          hexGroups = 0;
        }
        if (hexLen == 0 || hexLen > 4 || (c != ':' && c != '-')) {
          hexGroups = 0;
        }
        hexLen = 0;
      }

      if ((kind & TOKEN) != 0) {
        tokLen++;
        tokKinds |= kind;
      } else {
        if ((tokKinds & (UPPER | LOWER)) == (UPPER | LOWER) && (tokKinds & DIGIT) != 0) {
          bestTok = Math.max(bestTok, tokLen);
        }
        tokLen = 0;
        tokKinds = 0;
      }

      if ((kind & UPPER) != 0 || isDigit) {
        uaLen++;
        if (isDigit) {
          uaDigits++;
        } else {
          uaLetters++;
        }
        uaSpace = false;
      } else if (c == ' ' && uaLen > 0 && !uaSpace) {
        uaSpace = true;
      } else {
        if (uaLetters >= 2 && uaDigits >= 2) {
          bestUa = Math.max(bestUa, uaLen);
        }
        uaLen = 0;
        uaLetters = 0;
        uaDigits = 0;
        uaSpace = false;
      }
      prev = c;
    }
    int[] shapes = new int[Shape.values().length];
    shapes[Shape.DIGITS.ordinal()] = digits.bestDigits;
    shapes[Shape.PHONE_DIGITS.ordinal()] = phone.bestDigits;
    shapes[Shape.DOTTED_NUMBERS.ordinal()] = dotted.bestGroups;
    shapes[Shape.HEX_GROUPS.ordinal()] = bestHex;
    shapes[Shape.MIXED_TOKEN.ordinal()] = bestTok;
    shapes[Shape.UPPER_ALNUM.ordinal()] = bestUa;
    return new Facts(found, shapes);
  }

  /**
   * What a scan found.
   *
   * @param literals bit i set when literal i occurs
   * @param shapes measure per {@link Shape#ordinal()}
   */
  record Facts(long literals, int[] shapes) {
    int shape(Shape s) {
      return shapes[s.ordinal()];
    }

    @Override
    public String toString() {
      return "Facts[literals=" + Long.toBinaryString(literals) + ", shapes="
          + Arrays.toString(shapes) + "]";
    }
  }

  /**
   * Tracks runs of digit groups joined by separators. A group that touches ':' is part of a time
   * (10:23:45) when {@code colonIsTime}: it ends the run and does not count.
   */
  private static final class DigitRun {
    private final int maxSeparators;
    private final boolean colonIsTime;
    private int run;
    private int groups;
    private int group;
    private int separators = -1; // -1: no run open
    private boolean afterColon;
    int bestDigits;
    int bestGroups;

    DigitRun(int maxSeparators, boolean colonIsTime) {
      this.maxSeparators = maxSeparators;
      this.colonIsTime = colonIsTime;
    }

    void step(char c, boolean digit, boolean separator, char prev) {
      if (digit) {
        if (group == 0) {
          if (separators < 0) {
            run = 0;
            groups = 0;
          }
          afterColon = colonIsTime && prev == ':';
        }
        group++;
        return;
      }
      if (group > 0) {
        if (colonIsTime && (afterColon || c == ':')) {
          run = 0;
          groups = 0;
        } else {
          run += group;
          groups++;
          bestDigits = Math.max(bestDigits, run);
          bestGroups = Math.max(bestGroups, groups);
        }
        group = 0;
        separators = separator && c != ':' ? 1 : -1;
      } else if (separators >= 0) {
        if (separator && separators < maxSeparators) {
          separators++;
        } else {
          separators = -1;
        }
      }
    }
  }
}
