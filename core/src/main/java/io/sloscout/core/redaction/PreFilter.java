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
  private static final int WORD = 32; // letters and '_': a digit group touching one is a word
  private static final int COLON = 64;
  private static final int SEP = 128; // joins the digit groups of a phone or card: " -.()+"
  private static final int[] KIND = new int[128];

  private static final int SHAPES = Shape.values().length;
  private static final int DIGITS = Shape.DIGITS.ordinal();
  private static final int DOTTED = Shape.DOTTED_NUMBERS.ordinal();
  private static final int HEX_GROUPS = Shape.HEX_GROUPS.ordinal();
  private static final int MIXED = Shape.MIXED_TOKEN.ordinal();
  private static final int UPPER_ALNUM = Shape.UPPER_ALNUM.ordinal();

  static {
    for (char c = '0'; c <= '9'; c++) {
      KIND[c] = DIGIT | HEX | TOKEN;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      KIND[c] = LOWER | TOKEN | WORD | (c <= 'f' ? HEX : 0);
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      KIND[c] = UPPER | TOKEN | WORD | (c <= 'F' ? HEX : 0);
    }
    KIND['_'] = TOKEN | WORD;
    KIND['+'] = TOKEN | SEP;
    KIND['-'] = TOKEN | SEP;
    KIND[' '] = SEP;
    KIND['.'] = SEP;
    KIND['('] = SEP;
    KIND[')'] = SEP;
    KIND[':'] = COLON;
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

  /**
   * Scans {@code s} once.
   *
   * @param minimums per {@link Shape#ordinal()}, the measure from which the scan records where the
   *     first run reaching it starts (0: not recorded)
   */
  Facts scan(String s, int[] minimums) {
    int n = s.length();
    int state = 0;
    long found = 0;
    int[] shapes = new int[SHAPES];
    int[] starts = new int[SHAPES];
    java.util.Arrays.fill(starts, -1);
    final int minDigits = minimums[DIGITS];
    final int minDotted = minimums[DOTTED];
    final int minHex = minimums[HEX_GROUPS];
    final int minTok = minimums[MIXED];
    final int minUa = minimums[UPPER_ALNUM];
    // digits: groups joined by up to two of " -.()+"; a group touching a letter, '_' or ':' is
    // part of a word, an id or a time and never counts (the detectors' regexes agree)
    int dRun = 0;
    int dGroup = 0;
    int dSeps = -1; // -1: no run open
    int dRunStart = 0;
    boolean dTaint = false;
    // dotted numbers: digit groups joined by single '.'; a group touching a letter does not count
    int pRun = 0;
    int pGroup = 0;
    boolean pDot = false;
    int pRunStart = 0;
    boolean pTaint = false;
    int hexLen = 0;
    int hexGroups = 0;
    int hexStart = 0;
    int tokLen = 0;
    int tokKinds = 0;
    int uaLen = 0;
    int uaLetters = 0;
    int uaDigits = 0;
    int uaStart = 0;
    boolean uaSpace = false;
    int prevKind = 0;
    int prev2Kind = 0;
    char prevChar = 0;
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
        kind = WORD; // letters of other scripts join words
      }

      if ((kind & DIGIT) != 0) {
        if (dGroup == 0) {
          if (dSeps < 0) {
            dRun = 0;
            dRunStart = i;
          }
          // "ab-12" and "1.5" continue a word or a number, as the regexes' look-behinds say
          dTaint =
              (prevKind & (WORD | COLON)) != 0
                  || (dSeps < 0
                      && (prevChar == '-' || prevChar == '.')
                      && (prev2Kind & (WORD | DIGIT)) != 0);
        }
        dGroup++;
        if (pGroup == 0) {
          if (!pDot) {
            pRun = 0;
            pRunStart = i;
          }
          pTaint = (prevKind & WORD) != 0;
        }
        pGroup++;
      } else if (dGroup > 0 || dSeps >= 0 || pGroup > 0 || pDot) {
        // most characters are letters far from any digit: this branch is then skipped
        if (dGroup > 0) {
          if (dTaint || (kind & (WORD | COLON)) != 0) {
            dRun = 0;
            dSeps = -1;
          } else {
            dRun += dGroup;
            if (dRun > shapes[DIGITS]) {
              shapes[DIGITS] = dRun;
            }
            if (minDigits > 0 && dRun >= minDigits && starts[DIGITS] < 0) {
              starts[DIGITS] = dRunStart;
            }
            dSeps = (kind & SEP) != 0 ? 1 : -1;
          }
          dGroup = 0;
        } else if (dSeps >= 0) {
          dSeps = (kind & SEP) != 0 && dSeps < 2 ? dSeps + 1 : -1;
        }
        if (pGroup > 0) {
          if (pTaint || (kind & WORD) != 0) {
            pRun = 0;
            pDot = false;
          } else {
            pRun++;
            if (pRun > shapes[DOTTED]) {
              shapes[DOTTED] = pRun;
            }
            if (minDotted > 0 && pRun >= minDotted && starts[DOTTED] < 0) {
              starts[DOTTED] = pRunStart;
            }
            pDot = c == '.';
            if (!pDot) {
              pRun = 0;
            }
          }
          pGroup = 0;
        } else {
          pDot = false;
        }
      }

      if ((kind & HEX) != 0) {
        if (hexLen == 0 && hexGroups == 0) {
          hexStart = i;
        }
        hexLen++;
      } else if (hexLen > 0 || hexGroups > 0) {
        if (hexLen >= 1 && hexLen <= 4) {
          hexGroups++;
          if (hexGroups > shapes[HEX_GROUPS]) {
            shapes[HEX_GROUPS] = hexGroups;
          }
          if (minHex > 0 && hexGroups >= minHex && starts[HEX_GROUPS] < 0) {
            starts[HEX_GROUPS] = hexStart;
          }
        }
        if (hexLen == 0 || hexLen > 4 || (c != ':' && c != '-')) {
          hexGroups = 0;
        }
        hexLen = 0;
      }

      if ((kind & TOKEN) != 0) {
        tokLen++;
        tokKinds |= kind;
      } else if (tokLen > 0) {
        if ((tokKinds & (UPPER | LOWER | DIGIT)) == (UPPER | LOWER | DIGIT)) {
          if (tokLen > shapes[MIXED]) {
            shapes[MIXED] = tokLen;
          }
          if (minTok > 0 && tokLen >= minTok && starts[MIXED] < 0) {
            starts[MIXED] = i - tokLen;
          }
        }
        tokLen = 0;
        tokKinds = 0;
      }

      if ((kind & (UPPER | DIGIT)) != 0) {
        if (uaLen == 0) {
          uaStart = i;
        }
        uaLen++;
        if ((kind & DIGIT) != 0) {
          uaDigits++;
        } else {
          uaLetters++;
        }
        uaSpace = false;
      } else if (c == ' ' && uaLen > 0 && !uaSpace) {
        uaSpace = true;
      } else if (uaLen > 0) {
        if (uaLetters >= 2 && uaDigits >= 2) {
          if (uaLen > shapes[UPPER_ALNUM]) {
            shapes[UPPER_ALNUM] = uaLen;
          }
          if (minUa > 0 && uaLen >= minUa && starts[UPPER_ALNUM] < 0) {
            starts[UPPER_ALNUM] = uaStart;
          }
        }
        uaLen = 0;
        uaLetters = 0;
        uaDigits = 0;
        uaSpace = false;
      }
      prev2Kind = prevKind;
      prevKind = kind;
      prevChar = c;
    }
    return new Facts(found, shapes, starts);
  }

  /**
   * What a scan found.
   *
   * @param literals bit i set when literal i occurs
   * @param shapes measure per {@link Shape#ordinal()}
   * @param starts per shape, where the first run reaching the scan's minimum starts, or -1
   */
  record Facts(long literals, int[] shapes, int[] starts) {
    int shape(Shape s) {
      return shapes[s.ordinal()];
    }

    @Override
    public String toString() {
      return "Facts[literals="
          + Long.toBinaryString(literals)
          + ", shapes="
          + Arrays.toString(shapes)
          + ", starts="
          + Arrays.toString(starts)
          + "]";
    }
  }
}
