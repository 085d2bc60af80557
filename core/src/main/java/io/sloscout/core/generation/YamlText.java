package io.sloscout.core.generation;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small, deterministic YAML writer for the generated rule and test files: block style, two-space
 * indentation, literal block scalars for multi-line text, quoting only where YAML needs it.
 */
final class YamlText {

  // Plain scalars we are sure every YAML 1.1 / 1.2 reader keeps as strings.
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/(][A-Za-z0-9_./:() -]*");
  private static final Pattern DURATION = Pattern.compile("(\\d+(ms|[smhdwy]))+");
  private static final Set<String> RESERVED =
      Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null");

  private final StringBuilder out = new StringBuilder();

  /** Appends text verbatim (comments, fixed lines). */
  YamlText raw(String text) {
    out.append(text);
    return this;
  }

  /** {@code <indent>key: value} with the value quoted as needed. */
  YamlText field(int indent, String key, String value) {
    pad(indent).append(key).append(": ").append(scalar(value)).append('\n');
    return this;
  }

  /** {@code <indent>key:} opening a nested block. */
  YamlText open(int indent, String key) {
    pad(indent).append(key).append(":\n");
    return this;
  }

  /** A key whose value is a literal block when multi-line, a scalar otherwise. */
  YamlText text(int indent, String key, String value) {
    if (value.indexOf('\n') < 0) {
      return field(indent, key, value);
    }
    String body = value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    // An indentation indicator keeps a first line that starts with a space from redefining
    // the block's indentation.
    String header = body.startsWith(" ") ? "|2" : "|";
    pad(indent).append(key).append(": ").append(header).append('\n');
    for (String line : body.split("\n", -1)) {
      if (line.isEmpty()) {
        out.append('\n');
      } else {
        pad(indent + 2).append(line).append('\n');
      }
    }
    return this;
  }

  /** A map of string keys and values, in the map's order; nothing when the map is empty. */
  YamlText map(int indent, String key, Map<String, String> values) {
    if (values.isEmpty()) {
      return this;
    }
    open(indent, key);
    values.forEach((k, v) -> field(indent + 2, scalar(k), v));
    return this;
  }

  private StringBuilder pad(int indent) {
    return out.append(" ".repeat(indent));
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** The value as a YAML scalar: plain when unambiguous, else double-quoted. */
  static String scalar(String s) {
    boolean plain =
        (PLAIN.matcher(s).matches() && !s.endsWith(":") && !s.endsWith(" ") && !s.contains(": "))
            || DURATION.matcher(s).matches();
    if (plain && !RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
      return s;
    }
    boolean control = s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    // Single quotes keep PromQL's double quotes readable.
    return control ? quoted(s) : "'" + s.replace("'", "''") + "'";
  }

  /** A double-quoted YAML scalar. */
  static String quoted(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
