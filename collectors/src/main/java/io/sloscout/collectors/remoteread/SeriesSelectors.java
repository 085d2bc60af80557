package io.sloscout.collectors.remoteread;

import io.sloscout.proto.prompb.LabelMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses PromQL series selectors ({@code up{job="api"}}, {@code {__name__=~"http_.*"}}) into
 * remote-read label matchers, with PromQL's quoting and its rule that a selector needs a matcher
 * that does not match the empty string.
 */
public final class SeriesSelectors {

  private static final String METRIC_NAME = "__name__";

  private SeriesSelectors() {}

  /**
   * The matchers of {@code selector}; throws {@link InvalidSelectorException} naming the column.
   */
  public static List<LabelMatcher> parse(String selector) {
    if (selector == null) {
      throw new InvalidSelectorException("null", 1, "a selector is required");
    }
    return new Parser(selector).parse();
  }

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    List<LabelMatcher> parse() {
      List<LabelMatcher> matchers = new ArrayList<>();
      skipSpace();
      if (atEnd()) {
        throw error(pos, "empty selector");
      }
      boolean hasName = false;
      if (isNameStart(peek(), true)) {
        String name = name(true);
        matchers.add(matcher(LabelMatcher.Type.EQ, METRIC_NAME, name));
        hasName = true;
        skipSpace();
      }
      if (!atEnd() && peek() == '{') {
        pos++;
        braces(matchers, hasName);
        skipSpace();
      } else if (!hasName) {
        throw error(pos, "expected a metric name or '{'");
      }
      if (!atEnd()) {
        throw error(
            pos, "unexpected '" + peek() + "' after the selector (only one series selector)");
      }
      if (matchers.stream().allMatch(Parser::matchesEmpty)) {
        throw error(
            0,
            "needs at least one matcher that does not match the empty string"
                + " (as in PromQL), or it would select every series");
      }
      return List.copyOf(matchers);
    }

    private void braces(List<LabelMatcher> matchers, boolean hasName) {
      while (true) {
        skipSpace();
        if (atEnd()) {
          throw error(pos, "unclosed '{'");
        }
        if (peek() == '}') {
          pos++;
          return;
        }
        int labelColumn = pos;
        if (!isNameStart(peek(), false)) {
          throw error(pos, "expected a label name, found '" + peek() + "'");
        }
        String label = name(false);
        if (hasName && METRIC_NAME.equals(label)) {
          throw error(labelColumn, "metric name set twice (before the braces and as __name__)");
        }
        skipSpace();
        LabelMatcher.Type type = operator(label);
        skipSpace();
        String value = quoted(label);
        matchers.add(matcher(type, label, value));
        if (type == LabelMatcher.Type.RE || type == LabelMatcher.Type.NRE) {
          checkRegex(value, labelColumn);
        }
        skipSpace();
        if (atEnd()) {
          throw error(pos, "unclosed '{'");
        }
        char c = peek();
        if (c == ',') {
          pos++;
        } else if (c != '}') {
          throw error(
              pos, "expected ',' or '}' after the matcher of " + label + ", found '" + c + "'");
        }
      }
    }

    private LabelMatcher.Type operator(String label) {
      if (atEnd()) {
        throw error(pos, "expected one of =, !=, =~, !~ after " + label);
      }
      char c = peek();
      char next = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
      if (c == '=' && next == '~') {
        pos += 2;
        return LabelMatcher.Type.RE;
      }
      if (c == '!' && next == '~') {
        pos += 2;
        return LabelMatcher.Type.NRE;
      }
      if (c == '!' && next == '=') {
        pos += 2;
        return LabelMatcher.Type.NEQ;
      }
      if (c == '=') {
        pos++;
        if (!atEnd() && peek() == '=') {
          throw error(pos, "'==' is not a matcher operator; use '='");
        }
        return LabelMatcher.Type.EQ;
      }
      throw error(pos, "expected one of =, !=, =~, !~ after " + label + ", found '" + c + "'");
    }

    private String quoted(String label) {
      if (atEnd()) {
        throw error(pos, "expected a quoted value for " + label);
      }
      int start = pos;
      char quote = peek();
      if (quote != '"' && quote != '\'' && quote != '`') {
        throw error(pos, "expected a quoted value for " + label + " (\"...\", '...' or `...`)");
      }
      pos++;
      StringBuilder out = new StringBuilder();
      while (true) {
        if (atEnd()) {
          throw error(start, "unterminated string");
        }
        char c = text.charAt(pos);
        if (c == quote) {
          pos++;
          return out.toString();
        }
        if (quote != '`' && (c == '\n' || c == '\r')) {
          throw error(pos, "newline in a quoted string");
        }
        if (c == '\\' && quote != '`') {
          escape(out, quote);
        } else {
          out.append(c);
          pos++;
        }
      }
    }

    private void escape(StringBuilder out, char quote) {
      int at = pos;
      pos++;
      if (atEnd()) {
        throw error(at, "unterminated escape");
      }
      char c = text.charAt(pos++);
      switch (c) {
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case '\\' -> out.append('\\');
        case 'x' -> out.appendCodePoint(hex(at, 2));
        case 'u' -> out.appendCodePoint(hex(at, 4));
        case 'U' -> out.appendCodePoint(hex(at, 8));
        default -> {
          if (c == quote) {
            out.append(c);
          } else if (c >= '0' && c <= '7') {
            pos--;
            int value = 0;
            for (int i = 0; i < 3; i++) {
              if (atEnd() || peek() < '0' || peek() > '7') {
                throw error(at, "octal escape needs 3 digits");
              }
              value = value * 8 + (text.charAt(pos++) - '0');
            }
            if (value > 255) {
              throw error(at, "octal escape above \\377");
            }
            out.append((char) value);
          } else {
            throw error(at, "unknown escape '\\" + c + "'");
          }
        }
      }
    }

    private int hex(int at, int digits) {
      if (pos + digits > text.length()) {
        throw error(at, "escape needs " + digits + " hex digits");
      }
      String hex = text.substring(pos, pos + digits);
      int value;
      try {
        value = Integer.parseUnsignedInt(hex, 16);
      } catch (NumberFormatException e) {
        throw error(at, "escape needs " + digits + " hex digits, found '" + hex + "'");
      }
      if (!Character.isValidCodePoint(value) || (value >= 0xd800 && value <= 0xdfff)) {
        throw error(at, "escape is not a valid Unicode code point");
      }
      pos += digits;
      return value;
    }

    private void checkRegex(String value, int column) {
      // Prometheus uses RE2; Java's syntax differs in corners (e.g. (?P<name>)), so only
      // patterns Java cannot read at all are reported here, and the server judges the rest
      try {
        Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        if (!value.contains("(?P<")) {
          throw error(column, "invalid regular expression '" + value + "': " + e.getDescription());
        }
      }
    }

    private String name(boolean metric) {
      int start = pos;
      while (!atEnd() && isNamePart(peek(), metric)) {
        pos++;
      }
      return text.substring(start, pos);
    }

    private static boolean isNameStart(char c, boolean metric) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metric && c == ':');
    }

    private static boolean isNamePart(char c, boolean metric) {
      return isNameStart(c, metric) || (c >= '0' && c <= '9');
    }

    private static boolean matchesEmpty(LabelMatcher m) {
      return switch (m.getType()) {
        case EQ -> m.getValue().isEmpty();
        case NEQ -> !m.getValue().isEmpty();
        case RE -> regexMatchesEmpty(m.getValue());
        case NRE -> !regexMatchesEmpty(m.getValue());
        default -> true;
      };
    }

    private static boolean regexMatchesEmpty(String regex) {
      try {
        return Pattern.compile("^(?:" + regex + ")$").matcher("").matches();
      } catch (PatternSyntaxException e) {
        // RE2-only syntax: let the server decide
        return false;
      }
    }

    private static LabelMatcher matcher(LabelMatcher.Type type, String name, String value) {
      return LabelMatcher.newBuilder().setType(type).setName(name).setValue(value).build();
    }

    private void skipSpace() {
      while (!atEnd() && Character.isWhitespace(peek())) {
        pos++;
      }
    }

    private boolean atEnd() {
      return pos >= text.length();
    }

    private char peek() {
      return text.charAt(pos);
    }

    private InvalidSelectorException error(int index, String problem) {
      return new InvalidSelectorException(text, index + 1, problem);
    }
  }
}
