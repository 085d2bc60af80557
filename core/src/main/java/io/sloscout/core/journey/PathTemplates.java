package io.sloscout.core.journey;

import java.util.regex.Pattern;

/** Interim URL path templating until the fingerprint package's templater is wired in. */
final class PathTemplates {

  private static final Pattern VARIABLE =
      Pattern.compile(
          "(?i)(\\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{12,}|.*\\d.*|<[A-Z_]+>)");

  private PathTemplates() {}

  static String template(String path) {
    String[] parts = path.split("/", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(!parts[i].isEmpty() && VARIABLE.matcher(parts[i]).matches() ? "{id}" : parts[i]);
    }
    return out.length() == 0 ? "/" : out.toString();
  }
}
