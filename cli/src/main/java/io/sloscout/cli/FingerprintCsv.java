package io.sloscout.cli;

/** RFC 4180 quoting for the CSV that {@code slo-scout fingerprint} writes. */
final class FingerprintCsv {

  private FingerprintCsv() {}

  /** {@code field} as a CSV field: quoted, with quotes doubled, when it holds , " CR or LF. */
  static String quote(String field) {
    boolean needs = false;
    for (int i = 0; i < field.length() && !needs; i++) {
      char c = field.charAt(i);
      needs = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }
}
