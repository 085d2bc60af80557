package io.sloscout.core.redaction;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/** The checks in code that a detector's regex match must pass, named in the detector data. */
enum Validator {
  /** Every match is accepted. */
  NONE {
    @Override
    int accept(String text, Matcher m, int start, int end, boolean hasKey) {
      return end;
    }
  },
  /** 13-19 digits passing the Luhn checksum, starting with a card network's digit (2-6). */
  LUHN {
    @Override
    int accept(String text, Matcher m, int start, int end, boolean hasKey) {
      return luhn(text, start, end) ? end : -1;
    }
  },
  /** An IBAN whose check digits pass ISO 7064 mod 97-10. */
  IBAN_MOD97 {
    @Override
    int accept(String text, Matcher m, int start, int end, boolean hasKey) {
      return iban(text.substring(start, end)) ? end : -1;
    }
  },
  /** Four decimal octets of at most 255. */
  IPV4 {
    @Override
    int accept(String text, Matcher m, int start, int end, boolean hasKey) {
      return ipv4(text, start, end) ? end : -1;
    }
  },
  /** An RFC 4291 text address with at least two non-empty groups (not {@code std::map}). */
  IPV6 {
    @Override
    int accept(String text, Matcher m, int start, int end, boolean hasKey) {
      return ipv6(text.substring(start, end)) ? end : -1;
    }
  },
  /**
   * A number libphonenumber finds valid: international with '+', else as a US number; trailing
   * groups that make it invalid are given back (a phone number followed by a count).
   */
  PHONE {
    @Override
    int accept(String text, Matcher m, int start, int end, boolean hasKey) {
      return phone(text, start, end);
    }
  },
  /** A random-looking token: mixed case and digits, short word pieces, high Shannon entropy. */
  ENTROPY {
    @Override
    int accept(String text, Matcher m, int start, int end, boolean hasKey) {
      return randomLooking(text, start, end) ? end : -1;
    }
  },
  /**
   * A real secret value: not empty, null, a boolean or already masked, under a key that is not a
   * counter or a reference ({@code max_tokens}, {@code token_type}, {@code password_file}).
   */
  SECRET_VALUE {
    @Override
    int accept(String text, Matcher m, int start, int end, boolean hasKey) {
      if (hasKey
          && m.start("key") >= 0
          && !secretKey(text.substring(m.start("key"), m.end("key")))) {
        return -1;
      }
      return secretValue(text.substring(start, end)) ? end : -1;
    }
  };

  /**
   * The end of the accepted text (possibly before {@code end}), or -1 when the match is rejected.
   *
   * @param m the match, for validators that look at other groups
   * @param hasKey whether the pattern has a {@code key} group
   */
  abstract int accept(String text, Matcher m, int start, int end, boolean hasKey);

  /** The validator called {@code yamlName} ({@code iban-mod97}), or null. */
  static Validator byYamlName(String yamlName) {
    for (Validator v : values()) {
      if (v.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(yamlName)) {
        return v;
      }
    }
    return null;
  }

  private static final Set<String> NON_SECRET_VALUES =
      Set.of(
          "null",
          "nil",
          "none",
          "true",
          "false",
          "undefined",
          "redacted",
          "[redacted]",
          "[filtered]",
          "<redacted>",
          "***");

  /** Key endings that say the value is about a secret, not the secret itself. */
  private static final String[] NON_SECRET_KEY_ENDINGS = {
    "count",
    "tokens",
    "type",
    "ttl",
    "expires",
    "expires_in",
    "expiry",
    "expiration",
    "length",
    "len",
    "limit",
    "size",
    "max",
    "min",
    "url",
    "uri",
    "endpoint",
    "path",
    "file",
    "name",
    "policy",
    "ref",
    "enabled",
    "required",
    "provider",
    "format",
    "source",
    "version"
  };

  /** Whether an attribute or field key holds a secret as a whole (not a count or reference). */
  static boolean secretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (String ending : NON_SECRET_KEY_ENDINGS) {
      if (k.endsWith(ending)) {
        return false;
      }
    }
    return true;
  }

  static boolean secretValue(String value) {
    String v = value.strip();
    if (v.isEmpty() || NON_SECRET_VALUES.contains(v.toLowerCase(Locale.ROOT))) {
      return false;
    }
    if (v.startsWith("<") && v.endsWith(">")) {
      return false; // already a placeholder
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c != '*' && c != 'x' && c != 'X' && c != '#' && c != '•') {
        return true;
      }
    }
    return false; // a mask such as ******** or xxxx
  }

  static boolean luhn(CharSequence s, int start, int end) {
    int digits = 0;
    int sum = 0;
    char first = 0;
    boolean allSame = true;
    // Walk from the right so the doubling starts at the second-to-last digit.
    for (int i = end - 1; i >= start; i--) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (digits % 2 == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      if (digits > 0 && c != first) {
        allSame = false;
      }
      first = c;
      sum += d;
      digits++;
    }
    // `first` now holds the leading digit: card networks issue from 2 (Mastercard 2-series) to 6.
    return digits >= 13
        && digits <= 19
        && first >= '2'
        && first <= '6'
        && !allSame
        && sum % 10 == 0;
  }

  static boolean iban(String raw) {
    String s = raw.replace(" ", "");
    if (s.length() < 15 || s.length() > 34) {
      return false;
    }
    String rearranged = s.substring(4) + s.substring(0, 4);
    StringBuilder digits = new StringBuilder(rearranged.length() * 2);
    for (int i = 0; i < rearranged.length(); i++) {
      char c = rearranged.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c >= 'A' && c <= 'Z') {
        digits.append(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
  }

  static boolean ipv4(CharSequence s, int start, int end) {
    int octet = -1;
    int octets = 0;
    for (int i = start; i <= end; i++) {
      char c = i < end ? s.charAt(i) : '.';
      if (c == '.') {
        if (octet < 0 || octet > 255) {
          return false;
        }
        octets++;
        octet = -1;
      } else {
        octet = (octet < 0 ? 0 : octet * 10) + (c - '0');
      }
    }
    return octets == 4;
  }

  static boolean ipv6(String s) {
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return false;
    }
    String[] parts = s.split(":", -1);
    int groups = 0;
    int nonEmpty = 0;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.isEmpty()) {
        continue;
      }
      if (i == parts.length - 1 && p.indexOf('.') >= 0) {
        if (!ipv4(p, 0, p.length())) {
          return false;
        }
        groups += 2;
        nonEmpty++;
        continue;
      }
      if (p.length() > 4) {
        return false;
      }
      groups++;
      nonEmpty++;
    }
    boolean compressed = dbl >= 0;
    // Empty parts are only allowed as the "::" itself (or its ends at the start / end).
    if (!compressed && parts.length != groups) {
      return false;
    }
    return nonEmpty >= 2 && (compressed ? groups < 8 : groups == 8);
  }

  private static int phone(String text, int start, int end) {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    int e = end;
    while (e > start) {
      String candidate = text.substring(start, e);
      String region = candidate.charAt(0) == '+' ? "ZZ" : "US";
      try {
        if (util.isValidNumber(util.parse(candidate, region))) {
          return e;
        }
      } catch (NumberParseException ignored) {
        // not a number in this form: try without its last group
      }
      int cut = candidate.lastIndexOf(' ');
      if (cut <= 0) {
        return -1;
      }
      e = start + cut;
      while (e > start && !Character.isDigit(text.charAt(e - 1))) {
        e--;
      }
    }
    return -1;
  }

  private static boolean randomLooking(String s, int start, int end) {
    while (end > start && s.charAt(end - 1) == '=') {
      end--;
    }
    int len = end - start;
    if (len < 20) {
      return false;
    }
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    int pieces = 0;
    int alnum = 0;
    int prevKind = 0; // 0 separator, 1 upper, 2 lower, 3 digit
    int[] freq = new int[128];
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      freq[c & 127]++;
      int kind;
      if (c >= 'A' && c <= 'Z') {
        kind = 1;
        upper = true;
      } else if (c >= 'a' && c <= 'z') {
        kind = 2;
        lower = true;
      } else if (c >= '0' && c <= '9') {
        kind = 3;
        digit = true;
      } else {
        kind = 0;
      }
      if (kind != 0) {
        alnum++;
        // A new word piece starts after a separator, at lower→upper (camel case), and where
        // letters and digits meet; "Http11Protocol" has 3 pieces, random text has many short.
        boolean letterDigit = (kind == 3) != (prevKind == 3);
        if (prevKind == 0 || (prevKind == 2 && kind == 1) || letterDigit) {
          pieces++;
        }
      }
      prevKind = kind;
    }
    if (!(upper && lower && digit) || pieces == 0) {
      return false;
    }
    double entropy = 0;
    for (int f : freq) {
      if (f > 0) {
        double p = (double) f / len;
        entropy -= p * Math.log(p) / Math.log(2);
      }
    }
    return (double) alnum / pieces < 3.0 && entropy >= 3.5;
  }
}
