package io.sloscout.core.validation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Cheap PromQL sanity checks that need no parser: emptiness and balanced brackets and quotes.
 * Strings and comments are skipped, so brackets inside label values do not count.
 */
public final class PromqlLint {

  private PromqlLint() {}

  /** True when the query holds nothing but whitespace and {@code #} comments. */
  public static boolean isEmpty(String query) {
    return query == null || stripComments(query).isBlank();
  }

  /**
   * The first imbalance of {@code ( ) [ ] { }} or of {@code " ' `} quotes, as a message naming the
   * 1-based character position; empty when the query is balanced.
   */
  public static Optional<String> balance(String query) {
    Deque<int[]> open = new ArrayDeque<>(); // {char, 1-based position}
    int i = 0;
    while (i < query.length()) {
      char c = query.charAt(i);
      switch (c) {
        case '"', '\'', '`' -> {
          int end = closingQuote(query, i);
          if (end < 0) {
            return Optional.of("unterminated string: '" + c + "' at character " + (i + 1));
          }
          i = end;
        }
        case '#' -> {
          int nl = query.indexOf('\n', i);
          i = nl < 0 ? query.length() : nl;
        }
        case '(', '[', '{' -> open.push(new int[] {c, i + 1});
        case ')', ']', '}' -> {
          char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
          if (open.isEmpty()) {
            return Optional.of("unexpected '" + c + "' at character " + (i + 1));
          }
          int[] top = open.pop();
          if (top[0] != expected) {
            return Optional.of(
                "'"
                    + (char) top[0]
                    + "' at character "
                    + top[1]
                    + " is closed by '"
                    + c
                    + "' at character "
                    + (i + 1));
          }
        }
        default -> {}
      }
      i++;
    }
    if (!open.isEmpty()) {
      int[] top = open.peek();
      return Optional.of("unclosed '" + (char) top[0] + "' at character " + top[1]);
    }
    return Optional.empty();
  }

  /** Index of the quote closing the one at {@code start}, or -1; backticks have no escapes. */
  private static int closingQuote(String s, int start) {
    char q = s.charAt(start);
    for (int i = start + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && q != '`') {
        i++;
      } else if (c == q) {
        return i;
      }
    }
    return -1;
  }

  private static String stripComments(String query) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        int end = closingQuote(query, i);
        int stop = end < 0 ? query.length() : end + 1;
        out.append(query, i, stop);
        i = stop;
      } else if (c == '#') {
        int nl = query.indexOf('\n', i);
        i = nl < 0 ? query.length() : nl;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
