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

  // Classes of characters for the gates (below), each named by a representative character; 128
  // stands for every character from 128 on.
  private static final char[] GATE_CHARS = {
    0, '0', 'A', 'Z', 'a', 'z', '_', ':', '-', '.', ' ', '(', '+', 128
  };
  private static final int GATE_CLASSES = GATE_CHARS.length;
  private static final byte[] GATE_CLASS = new byte[128];

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
    for (char c = 0; c < 128; c++) {
      // the punctuation the shapes name is a class of its own, the rest goes by kind
      String own = ":-. (+";
      char rep = c == ')' ? '(' : c;
      for (byte g = 0; g < GATE_CLASSES; g++) {
        char r = GATE_CHARS[g];
        boolean same =
            own.indexOf(r) >= 0
                ? r == rep
                : r < 128 && own.indexOf(rep) < 0 && rep != 0 && KIND[r] == KIND[rep];
        if (same) {
          GATE_CLASS[c] = g;
        }
      }
    }
  }

  private static final int[] NO_SHAPES = new int[SHAPES];
  private static final int[] NO_STARTS = new int[SHAPES];

  static {
    Arrays.fill(NO_STARTS, -1);
  }

  private final List<String> literals;
  private final byte[] charClass = new byte[128];
  private final int classes;
  private final int[] delta;
  private final long[] hits;
  private final int firstHit; // states from this one on end a literal
  private final int[] minimums;
  // Per character: its class in the automaton (low byte) | its gate class << 8; one load for both.
  private final int[] classes128 = new int[128];
  // Gates: automata over the gate classes whose state tells which shapes may reach their minimum
  // (see gate()), so that the exact trackers run only on the lines they concern. Three of them,
  // each the product of some shapes' gates: fewer tables to step than five, yet small enough to
  // stay in the L1 cache (a product of all five has ~95,000 states).
  private final char[] gateNumbers; // digits, dotted numbers, hex groups
  private final char[] gateTok;
  private final char[] gateUa;
  // per gate state (premultiplied index / GATE_CLASSES): bit per shape that may reach its minimum
  private final byte[] mayNumbers;
  private final byte[] mayTok;
  private final byte[] mayUa;

  /**
   * A pre-filter for {@code literals} (lower case, at most {@link #MAX_LITERALS}).
   *
   * @param minimums per {@link Shape#ordinal()}, the least minimum any detector asks of the shape
   *     (0: none asks, and the shape is not measured); a scan records where the first run reaching
   *     it starts
   */
  PreFilter(List<String> literals, int[] minimums) {
    this.minimums = minimums.clone();
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
    int[] delta = new int[states * classes];
    long[] hits = new long[states];
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
    // Renumber: states where a literal ends last, so that the scan tests a state against
    // firstHit (a branch almost never taken) instead of loading its hits at every character; and
    // each state by the index of its row (state * classes), so that a step is one add and one load.
    // The root keeps number 0, where every scan starts (were it a hit state, firstHit is 0).
    int[] renumber = new int[states];
    int numbered = 1;
    for (int st = 1; st < states; st++) {
      if (hits[st] == 0) {
        renumber[st] = numbered++;
      }
    }
    int firstHitNumber = hits[0] != 0 ? 0 : numbered;
    for (int st = 1; st < states; st++) {
      if (hits[st] != 0) {
        renumber[st] = numbered++;
      }
    }
    this.firstHit = firstHitNumber * classes;
    this.delta = new int[states * classes];
    this.hits = new long[states * classes];
    for (int st = 0; st < states; st++) {
      for (int cls = 0; cls < classes; cls++) {
        this.delta[renumber[st] * classes + cls] = renumber[delta[st * classes + cls]] * classes;
      }
      this.hits[renumber[st] * classes] = hits[st];
    }
    for (int c = 0; c < 128; c++) {
      classes128[c] = charClass[c] | GATE_CLASS[c] << 8;
    }
    List<byte[]> may = new ArrayList<>();
    gateNumbers = product(new int[] {DIGITS, DOTTED, HEX_GROUPS}, this.minimums, may);
    mayNumbers = may.get(0);
    gateTok = product(new int[] {MIXED}, this.minimums, may);
    mayTok = may.get(1);
    gateUa = product(new int[] {UPPER_ALNUM}, this.minimums, may);
    mayUa = may.get(2);
  }

  /**
   * The product of the gates of {@code shapes}: a transition table over the gate classes (states
   * numbered by their row's index) whose state's bits in the array added to {@code may} tell which
   * of the shapes may reach their minimum.
   */
  private static char[] product(int[] shapes, int[] minimums, List<byte[]> may) {
    java.util.function.IntBinaryOperator[] steps =
        new java.util.function.IntBinaryOperator[shapes.length];
    for (int k = 0; k < shapes.length; k++) {
      steps[k] = gate(shapes[k], minimums[shapes[k]]);
    }
    // Number the states reachable from the start breadth first, then fill the table.
    java.util.Map<List<Integer>, Integer> index = new java.util.HashMap<>();
    List<List<Integer>> states = new ArrayList<>();
    List<Integer> start = java.util.Collections.nCopies(shapes.length, 0);
    index.put(start, 0);
    states.add(start);
    List<Integer> rows = new ArrayList<>();
    for (int at = 0; at < states.size(); at++) {
      List<Integer> state = states.get(at);
      for (int g = 0; g < GATE_CLASSES; g++) {
        List<Integer> next = new ArrayList<>(shapes.length);
        for (int k = 0; k < shapes.length; k++) {
          int raw = state.get(k);
          next.add(raw == ACCEPT ? ACCEPT : steps[k].applyAsInt(raw, g));
        }
        Integer to = index.get(next);
        if (to == null) {
          to = states.size();
          index.put(next, to);
          states.add(next);
        }
        rows.add(to);
      }
    }
    if (states.size() * GATE_CLASSES > Character.MAX_VALUE) {
      throw new IllegalArgumentException("shape minimums too large for the pre-filter");
    }
    char[] table = new char[rows.size()];
    for (int i = 0; i < table.length; i++) {
      table[i] = (char) (rows.get(i) * GATE_CLASSES);
    }
    byte[] bits = new byte[states.size()];
    for (int at = 0; at < states.size(); at++) {
      for (int k = 0; k < shapes.length; k++) {
        if (states.get(at).get(k) == ACCEPT) {
          bits[at] |= (byte) (1 << shapes[k]);
        }
      }
    }
    may.add(bits);
    return table;
  }

  /** A gate's raw accept state; absorbing. */
  private static final int ACCEPT = -1;

  /**
   * The gate of {@code shape}: its step from a raw state (0 at the start) on a gate class.
   *
   * <p>A gate follows a bound of the shape's measure that needs only a few states: counts saturate
   * at the minimum, and the finer rules of the exact trackers are dropped where that can only make
   * the bound larger. So a gate never rejects a text whose measure reaches the minimum (the tests
   * compare it with the exact measure on many texts), and it accepts few others.
   */
  private static java.util.function.IntBinaryOperator gate(int shape, int minimum) {
    final int accept = ACCEPT;
    java.util.function.IntBinaryOperator step;
    if (minimum <= 0) {
      step = (raw, g) -> 0; // no detector asks: never accepts
    } else if (shape == DIGITS) {
      // Digits in groups joined by separators. raw: digits so far | word << 16 | wordNotColon << 17
      // | afterWordSep << 18. A letter, '_', ':', or a digit right after one (directly, or across
      // '-' or '.' after anything but ':': "v1", "T12", "ab-12") is part of a word: it ends the run
      // and its digits never count, as in the exact tracker; a group closed by anything else counts
      // with the groups before it.
      step =
          (raw, g) -> {
            int kind = gateKind(g);
            char c = GATE_CHARS[g];
            int sum = raw & 0xffff;
            boolean word = (raw & (1 << 16)) != 0;
            boolean wordNotColon = (raw & (1 << 17)) != 0;
            boolean afterWordSep = (raw & (1 << 18)) != 0;
            boolean digit = (kind & DIGIT) != 0;
            boolean wordDigit = digit && (word || afterWordSep);
            boolean nowWord = (kind & (WORD | COLON)) != 0 || wordDigit;
            boolean groupDigit = digit && !nowWord;
            if (!groupDigit && !nowWord && sum >= minimum) {
              return accept;
            }
            int next = groupDigit ? Math.min(sum + 1, minimum) : (kind & SEP) != 0 ? sum : 0;
            boolean nextAfterWordSep = (c == '-' || c == '.') && wordNotColon;
            return next
                | (nowWord ? 1 << 16 : 0)
                | ((kind & WORD) != 0 || wordDigit ? 1 << 17 : 0)
                | (nextAfterWordSep ? 1 << 18 : 0);
          };
    } else if (shape == DOTTED) {
      // n groups joined by single '.' need n - 1 dots in a run of digits and '.'. raw: dots.
      step =
          (raw, g) -> {
            char c = GATE_CHARS[g];
            if (raw >= minimum - 1) {
              return accept;
            }
            return c == '.' ? raw + 1 : c == '0' ? raw : 0;
          };
    } else if (shape == HEX_GROUPS) {
      // n groups joined by ':' or '-' need n - 1 of them in a run of hex digits, ':' and '-'.
      step =
          (raw, g) -> {
            char c = GATE_CHARS[g];
            if (raw >= minimum - 1) {
              return accept;
            }
            return c == ':' || c == '-' ? raw + 1 : (gateKind(g) & HEX) != 0 ? raw : 0;
          };
    } else if (shape == MIXED) {
      // Exact: a token's length (saturated) | the kinds it holds << 16.
      step =
          (raw, g) -> {
            int kind = gateKind(g);
            int len = raw & 0xffff;
            int kinds = raw >> 16;
            if (len >= minimum && (kinds & (UPPER | LOWER | DIGIT)) == (UPPER | LOWER | DIGIT)) {
              return accept;
            }
            if ((kind & TOKEN) == 0) {
              return 0;
            }
            return Math.min(len + 1, minimum) | ((kinds | (kind & (UPPER | LOWER | DIGIT))) << 16);
          };
    } else {
      // Upper-case letters and digits in a run of those and single spaces.
      // raw: count | (last was a space) << 16.
      step =
          (raw, g) -> {
            int kind = gateKind(g);
            int count = raw & 0xffff;
            boolean space = (raw & (1 << 16)) != 0;
            if (count >= minimum) {
              return accept;
            }
            if ((kind & (UPPER | DIGIT)) != 0) {
              return count + 1;
            }
            return GATE_CHARS[g] == ' ' && count > 0 && !space ? count | (1 << 16) : 0;
          };
    }
    return step;
  }

  /** The kind of the characters of gate class {@code g}. */
  private static int gateKind(int g) {
    char c = GATE_CHARS[g];
    return c < 128 ? KIND[c] : WORD;
  }

  /** The index of {@code literal} (lower case) among the pre-filter's literals, or -1. */
  int indexOf(String literal) {
    return literals.indexOf(literal.toLowerCase(Locale.ROOT));
  }

  /**
   * Scans {@code s}: one pass for the literals and for whether each shape may reach its minimum,
   * and a second, exact pass only for the shapes that may.
   */
  Facts scan(String s) {
    int n = s.length();
    final int[] classes128 = this.classes128;
    final int[] delta = this.delta;
    final long[] hits = this.hits;
    final char[] gNumbers = this.gateNumbers;
    final char[] gTok = this.gateTok;
    final char[] gUa = this.gateUa;
    int state = 0; // premultiplied by the number of classes: no multiply on the dependency chain
    long found = 0;
    int numbers = 0; // gate states, premultiplied too
    int tok = 0;
    int ua = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      int g;
      if (c < 128) {
        int cls = classes128[c];
        state = delta[state + (cls & 0xff)];
        if (state >= firstHit) {
          found |= hits[state];
        }
        g = cls >>> 8;
      } else {
        state = 0;
        g = GATE_CLASSES - 1;
      }
      // independent table steps: they overlap, where the exact trackers' branches did not
      numbers = gNumbers[numbers + g];
      tok = gTok[tok + g];
      ua = gUa[ua + g];
    }
    // the end of the text closes every run, as a character of class 0 does
    int may =
        mayNumbers[gNumbers[numbers] / GATE_CLASSES]
            | mayTok[gTok[tok] / GATE_CLASSES]
            | mayUa[gUa[ua] / GATE_CLASSES];
    if (may == 0) {
      return found == 0 ? Facts.NONE : new Facts(found, NO_SHAPES, NO_STARTS);
    }
    return measure(
        s,
        minimums,
        found,
        (may & (1 << DIGITS)) != 0,
        (may & (1 << DOTTED)) != 0,
        (may & (1 << HEX_GROUPS)) != 0,
        (may & (1 << MIXED)) != 0,
        (may & (1 << UPPER_ALNUM)) != 0);
  }

  /** Every shape measured exactly, no gate, no literals: what {@link #scan} must agree with. */
  Facts measureAll(String s) {
    return measure(s, minimums, 0, true, true, true, true, true);
  }

  /**
   * Measures the shapes exactly, one character at a time; only the trackers whose flag is set run
   * (the flags are loop-invariant, so the skipped ones cost a predicted branch).
   */
  private static Facts measure(
      String s,
      int[] minimums,
      long found,
      boolean trackDigits,
      boolean trackDotted,
      boolean trackHex,
      boolean trackTok,
      boolean trackUa) {
    int n = s.length();
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
      // letters of other scripts join words
      int kind = c < 128 ? KIND[c] : WORD;

      if (!trackDigits && !trackDotted) {
        // neither digit tracker runs
      } else if ((kind & DIGIT) != 0) {
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

      if (!trackHex) {
        // not measured
      } else if ((kind & HEX) != 0) {
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

      if (!trackTok) {
        // not measured
      } else if ((kind & TOKEN) != 0) {
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

      if (!trackUa) {
        // not measured
      } else if ((kind & (UPPER | DIGIT)) != 0) {
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
   * @param shapes measure per {@link Shape#ordinal()}: exact where it may reach the scan's minimum,
   *     else some value below that minimum (0)
   * @param starts per shape, where the first run reaching the scan's minimum starts, or -1
   */
  record Facts(long literals, int[] shapes, int[] starts) {
    /** No literal, and no shape reaching its minimum. */
    static final Facts NONE = new Facts(0, NO_SHAPES, NO_STARTS);

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
