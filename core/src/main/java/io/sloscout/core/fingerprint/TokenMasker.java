package io.sloscout.core.fingerprint;

/**
 * Splits a message into whitespace tokens and masks the parts of each token that are variables.
 *
 * <p>The rules are generic and cheap (one pass over the characters, no regular expressions), the
 * same for every log source; none is tuned to a data set:
 *
 * <ul>
 *   <li>a token is cut into chunks at the hard delimiters {@code = , ; ( ) [ ] { } < > ' " | @ #
 *       !}; {@code . : / - _ +} stay inside a chunk, so an IP, a path, a version or {@code
 *       blk_-1608999687919862906} is one chunk;
 *   <li>a chunk holding a digit is a variable: whole when it is hex digits and separators only (an
 *       IP, a MAC address, a time, a UUID), else each colon-separated part with a digit ({@code
 *       onExtend:<*>});
 *   <li>the value of {@code key=value} (to the next {@code , ; &}), a path or URL with its query
 *       string, a host name ({@code mail.example.org}) and the literals true, false and null are
 *       variables;
 *   <li>the word after "user" is a name, and so is the word after "for" unless it is "user";
 *   <li>two or more variable tokens in a row become one {@value #WILDCARD}, taking in units and
 *       date words between and around them ({@code 12 bytes (1.2 KB)}, {@code Sat Jun 25 09:20:24
 *       2005}), so that a value written as several tokens does not change the count;
 *   <li>words stay: they are what an event type is made of.
 * </ul>
 */
final class TokenMasker {

  /** The placeholder for a variable, in templates and masked tokens. */
  static final String WILDCARD = "<*>";

  private TokenMasker() {}

  /**
   * The masked tokens of {@code message}: at most {@code maxTokens}; when there are more, the last
   * one is {@value #WILDCARD} and stands for the rest. Only the first {@code maxChars} characters
   * are read.
   */
  static String[] tokens(String message, int maxTokens, int maxChars) {
    int end = Math.min(message.length(), maxChars);
    String[] out = new String[16];
    int n = 0;
    int i = 0;
    StringBuilder sb = new StringBuilder(32);
    int after = 0;
    while (i < end) {
      while (i < end && isSpace(message.charAt(i))) {
        i++;
      }
      if (i >= end) {
        break;
      }
      int start = i;
      while (i < end && !isSpace(message.charAt(i))) {
        i++;
      }
      if (n == maxTokens - 1 && hasMoreTokens(message, i, end)) {
        out = grow(out, n);
        out[n++] = WILDCARD;
        break;
      }
      out = grow(out, n);
      // a name follows "user" (even the name "user"), and "for" unless "for user" follows
      int namer = namer(message, start, i);
      boolean named = after == 2 || (after == 1 && namer == 0);
      out[n++] = named ? WILDCARD : mask(message, start, i, sb);
      after = named ? 0 : namer;
    }
    n = collapse(out, n);
    if (n == out.length) {
      return out;
    }
    String[] exact = new String[n];
    System.arraycopy(out, 0, exact, 0, n);
    return exact;
  }

  /**
   * Replaces each run of two or more variable tokens by one {@value #WILDCARD}, in place, and
   * returns the new count. A run may take in units and date words next to its variables ({@code 12
   * bytes (1.2 KB)}, {@code Sat Jun 25 09:20:24 2005}): one value written as several tokens is one
   * variable, and its token count must not split an event into two clusters.
   */
  private static int collapse(String[] t, int n) {
    int w = 0;
    int i = 0;
    while (i < n) {
      if (!isVariable(t[i]) && !isAbsorbable(t[i])) {
        t[w++] = t[i++];
        continue;
      }
      int j = i;
      int variables = 0;
      while (j < n && (isVariable(t[j]) || isAbsorbable(t[j]))) {
        if (isVariable(t[j])) {
          variables++;
        }
        j++;
      }
      if (variables > 0 && j - i > 1) {
        t[w++] = WILDCARD;
      } else {
        while (i < j) {
          t[w++] = t[i++];
        }
      }
      i = j;
    }
    return w;
  }

  /** A token without letters that holds a variable or is an empty bracket pair ({@code ()}). */
  static boolean isVariable(String t) {
    if (t == WILDCARD) {
      return true;
    }
    if (t.length() == 2) {
      char a = t.charAt(0);
      char b = t.charAt(1);
      return (a == '(' && b == ')')
          || (a == '[' && b == ']')
          || (a == '{' && b == '}')
          || (a == '"' && b == '"')
          || (a == '\'' && b == '\'');
    }
    return !hasLetter(t) && t.contains(WILDCARD);
  }

  /** Whether {@code t} holds a letter: tokens without any are punctuation or variables. */
  static boolean hasLetter(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (Character.isLetter(t.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * 2 when {@code s[start, end)} is the word "user" (a name follows it), 1 when it is "for" (a name
   * may follow: {@code Failed password for bob}), else 0.
   */
  private static int namer(String s, int start, int end) {
    int len = end - start;
    if (len == 4 && s.regionMatches(true, start, "user", 0, 4)) {
      return 2;
    }
    return len == 3 && s.regionMatches(true, start, "for", 0, 3) ? 1 : 0;
  }

  private static final java.util.Set<String> ABSORBABLE =
      java.util.Set.of(
          // units of size and time, as they follow a number
          "b",
          "kb",
          "mb",
          "gb",
          "tb",
          "kib",
          "mib",
          "gib",
          "byte",
          "bytes",
          "ns",
          "us",
          "ms",
          "s",
          "sec",
          "secs",
          "second",
          "seconds",
          "min",
          "mins",
          "minute",
          "minutes",
          "h",
          "hr",
          "hrs",
          "hour",
          "hours",
          "day",
          "days",
          "am",
          "pm",
          // day and month names, as they sit in a date
          "mon",
          "tue",
          "wed",
          "thu",
          "fri",
          "sat",
          "sun",
          "jan",
          "feb",
          "mar",
          "apr",
          "may",
          "jun",
          "jul",
          "aug",
          "sep",
          "oct",
          "nov",
          "dec");

  /** A unit or a date word, with any brackets or punctuation around it. */
  private static boolean isAbsorbable(String t) {
    int a = 0;
    int b = t.length();
    while (a < b && !Character.isLetter(t.charAt(a))) {
      a++;
    }
    while (b > a && !Character.isLetter(t.charAt(b - 1))) {
      b--;
    }
    if (b - a == 0 || b - a > 7) {
      return false;
    }
    return ABSORBABLE.contains(t.substring(a, b).toLowerCase(java.util.Locale.ROOT));
  }

  private static boolean hasMoreTokens(String s, int from, int end) {
    for (int i = from; i < end; i++) {
      if (!isSpace(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static String[] grow(String[] a, int n) {
    if (n < a.length) {
      return a;
    }
    String[] b = new String[a.length * 2];
    System.arraycopy(a, 0, b, 0, n);
    return b;
  }

  /** The masked form of {@code s[start, end)}, a token without whitespace. */
  static String mask(String s, int start, int end, StringBuilder sb) {
    // Fast path: most tokens are plain words and come back as they are, without copying.
    boolean suspicious = false;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if ((c >= '0' && c <= '9') || c == '/' || c == '\\' || c == '=' || c == '.' || c == ':') {
        suspicious = true;
        break;
      }
    }
    if (!suspicious && end - start <= 7) {
      char c = Character.toLowerCase(s.charAt(start));
      // a short token may be a literal: true, (false), "null"
      suspicious = c == 't' || c == 'f' || c == 'n' || c == '(' || c == '[' || c == '"';
    }
    if (!suspicious) {
      return s.startsWith(WILDCARD, start) && end - start == 3 ? WILDCARD : s.substring(start, end);
    }
    sb.setLength(0);
    int i = start;
    while (i < end) {
      char c = s.charAt(i);
      if (isHard(c)) {
        sb.append(c);
        i++;
        continue;
      }
      int chunkStart = i;
      boolean digit = false;
      while (i < end && !isHard(s.charAt(i))) {
        char d = s.charAt(i);
        if (d >= '0' && d <= '9') {
          digit = true;
        }
        i++;
      }
      if (isValueStart(s, start, chunkStart)) {
        // key=value: the value runs to the next separator, whatever it holds
        while (i < end && s.charAt(i) != ',' && s.charAt(i) != ';' && s.charAt(i) != '&') {
          i++;
        }
        sb.append(WILDCARD);
      } else if (isPath(s, chunkStart, i)) {
        // a path or URL runs on through its query string (?a=1&b=2)
        while (i < end && "\"')],".indexOf(s.charAt(i)) < 0) {
          i++;
        }
        sb.append(WILDCARD);
      } else if (isDomain(s, chunkStart, i)) {
        sb.append(WILDCARD);
      } else {
        maskColonParts(s, chunkStart, i, digit, sb);
      }
    }
    // one shared instance lets the miner compare wildcards by identity
    return sb.length() == 3 && WILDCARD.contentEquals(sb) ? WILDCARD : sb.toString();
  }

  /**
   * Masks a chunk holding a digit: whole when it is made of hex digits and separators only (an IP,
   * a MAC address, a time, a hex id), else part by part between colons ({@code onExtend:<*>}).
   */
  private static void maskColonParts(
      String s, int start, int end, boolean anyDigit, StringBuilder sb) {
    if (!anyDigit) {
      maskKeyColonValue(s, start, end, sb);
      return;
    }
    boolean colon = false;
    boolean hexOnly = true;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      colon |= c == ':';
      hexOnly &=
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'f')
              || (c >= 'A' && c <= 'F')
              || c == ':'
              || c == '.'
              || c == '-'
              || c == '_'
              || c == '/';
    }
    if (!colon || hexOnly) {
      sb.append(WILDCARD);
      return;
    }
    int i = start;
    while (i < end) {
      int partStart = i;
      boolean digit = false;
      while (i < end && s.charAt(i) != ':') {
        char d = s.charAt(i);
        digit |= d >= '0' && d <= '9';
        i++;
      }
      if (digit || isDomain(s, partStart, i)) {
        sb.append(WILDCARD);
      } else {
        sb.append(s, partStart, i);
      }
      if (i < end) {
        sb.append(':');
        i++;
      }
    }
  }

  /**
   * Whether the chunk at {@code chunk} is the value of a {@code key=value} or {@code key="value"}.
   */
  private static boolean isValueStart(String s, int tokenStart, int chunk) {
    if (chunk > tokenStart && s.charAt(chunk - 1) == '=') {
      return true;
    }
    return chunk - 1 > tokenStart
        && (s.charAt(chunk - 1) == '"' || s.charAt(chunk - 1) == '\'')
        && s.charAt(chunk - 2) == '=';
  }

  /** A chunk without digits: kept, except for the literals true, false and null. */
  private static void maskKeyColonValue(String s, int start, int end, StringBuilder sb) {
    // the literal may follow a key and a colon (ret:true)
    int from = start;
    for (int i = end - 1; i > start; i--) {
      if (s.charAt(i) == ':') {
        from = i + 1;
        break;
      }
    }
    int len = end - from;
    if ((len == 4 || len == 5)
        && (s.regionMatches(true, from, "true", 0, len)
            || s.regionMatches(true, from, "false", 0, len)
            || s.regionMatches(true, from, "null", 0, len))) {
      sb.append(s, start, from).append(WILDCARD);
    } else {
      sb.append(s, start, end);
    }
  }

  /**
   * One or more dots and a top-level domain of two to six lower-case letters: a host name ({@code
   * mail.example.com}), not a Java class ({@code org.example.Main}) or a constant ({@code
   * android.intent.action.SCREEN_ON}).
   */
  private static boolean isDomain(String s, int start, int end) {
    int dots = 0;
    int lastDot = -1;
    for (int i = start + 1; i < end - 1; i++) {
      if (s.charAt(i) == '.' && s.charAt(i - 1) != '.' && s.charAt(i + 1) != '.') {
        dots++;
        lastDot = i;
      }
    }
    if (dots < 1 || end - lastDot - 1 < 2 || end - lastDot - 1 > 6) {
      return false;
    }
    for (int i = lastDot + 1; i < end; i++) {
      char c = s.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }

  private static boolean isPath(String s, int start, int end) {
    if (end - start < 2) {
      return false;
    }
    char first = s.charAt(start);
    if (first == '/') {
      return s.charAt(start + 1) != '/' || end - start > 2;
    }
    if (first == '~' && s.charAt(start + 1) == '/') {
      return true;
    }
    // a Windows path: C:\ or \\server\share
    return (end - start > 2 && s.charAt(start + 1) == ':' && s.charAt(start + 2) == '\\')
        || (first == '\\' && s.charAt(start + 1) == '\\');
  }

  static boolean isHard(char c) {
    switch (c) {
      case '=':
      case ',':
      case ';':
      case '(':
      case ')':
      case '[':
      case ']':
      case '{':
      case '}':
      case '<':
      case '>':
      case '\'':
      case '"':
      case '|':
      case '@':
      case '#':
      case '!':
        return true;
      default:
        return false;
    }
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
  }
}
