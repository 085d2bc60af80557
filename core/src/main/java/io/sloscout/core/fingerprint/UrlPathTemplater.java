package io.sloscout.core.fingerprint;

/**
 * Turns a URL path into a route template: segments that are ids become {@code {id}}.
 *
 * <p>{@code /product/123} → {@code /product/{id}}, {@code /users/5f2c…-uuid/orders/42} → {@code
 * /users/{id}/orders/{id}}, {@code /api/v2/cart?x=1} → {@code /api/v2/cart}. The query string and
 * fragment are dropped, a scheme and host are dropped ({@code https://h/a} → {@code /a}), empty
 * segments and a trailing slash are dropped ({@code ""} and {@code /} → {@code /}).
 *
 * <p>A segment is an id when it is all digits, a UUID, eight or more hex digits holding a digit, or
 * a longer token holding at least two digits ({@code 8f3kq9x2}, {@code order-1234}); version and
 * short names with one digit ({@code v2}, {@code oauth2}, {@code s3}) and words stay. The result
 * depends on the path alone; the class is stateless and thread-safe.
 */
public final class UrlPathTemplater {

  /** The placeholder written for an id segment. */
  public static final String ID = "{id}";

  private UrlPathTemplater() {}

  /** The route template of {@code path} (a path, or a whole URL). */
  public static String template(String path) {
    String p = path.strip();
    int cut = indexOfAny(p, '?', '#');
    if (cut >= 0) {
      p = p.substring(0, cut);
    }
    int scheme = p.indexOf("://");
    if (scheme > 0 && p.substring(0, scheme).chars().allMatch(Character::isLetter)) {
      int slash = p.indexOf('/', scheme + 3);
      p = slash < 0 ? "" : p.substring(slash);
    }
    StringBuilder out = new StringBuilder(p.length());
    int i = 0;
    while (i < p.length()) {
      int next = p.indexOf('/', i);
      if (next < 0) {
        next = p.length();
      }
      if (next > i) {
        String segment = p.substring(i, next);
        out.append('/').append(isId(segment) ? ID : segment);
      }
      i = next + 1;
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  /** Whether a path segment is an identifier rather than part of the route. */
  static boolean isId(String s) {
    int digits = 0;
    boolean hex = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (!((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-')) {
        hex = false;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (digits == s.length() || (hex && s.length() >= 8)) {
      return true; // a number, a hex id or a UUID
    }
    return digits >= 2 && s.length() >= 5;
  }

  private static int indexOfAny(String s, char a, char b) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == a || c == b) {
        return i;
      }
    }
    return -1;
  }
}
