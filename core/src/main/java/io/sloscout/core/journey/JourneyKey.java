package io.sloscout.core.journey;

import java.util.Locale;

/**
 * What identifies a journey: the entry service and the entry operation.
 *
 * @param entryService the service of the entry SERVER span
 * @param operation the entry operation ({@code GET /product/{id}})
 */
public record JourneyKey(String entryService, String operation) {

  /**
   * A readable id: lower-case letters, digits and dashes ({@code frontend-get-product-id}); {@code
   * /} alone becomes {@code root}.
   */
  public String slug() {
    String op = operation.endsWith(" /") || operation.equals("/") ? operation + "root" : operation;
    String s =
        (entryService + "-" + op)
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (s.length() > 80) {
      s = s.substring(0, 80).replaceAll("-+$", "");
    }
    return s.isEmpty() ? "journey" : s;
  }
}
