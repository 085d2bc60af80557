package io.sloscout.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plants one canary of each PII kind in a log body, a span name and an attribute value and checks
 * that none of them survives redaction.
 */
class RedactorCanaryTest {

  /** kind → a planted value; each is unique so a leak is found by plain substring search. */
  private static final Map<String, String> CANARIES = canaries();

  private static Map<String, String> canaries() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("EMAIL", "canary.user@example.net");
    c.put("IPV4", "203.0.113.77");
    c.put("IPV6", "2001:db8:cafe::77");
    c.put("CREDIT_CARD", "4012 8888 8888 1881");
    c.put("PHONE", "+1 201-555-0177");
    c.put("SSN", "078-05-1177");
    c.put("IBAN", "GB82 WEST 1234 5698 7654 32");
    c.put("JWT", RedactorDetectorTest.jwt());
    c.put("AWS_KEY", "AKIAQ7CANARY7EXAMPL7");
    c.put("BEARER", "Bearer canaryTokenValue77");
    c.put("PASSWORD", "password=CanaryPass77");
    c.put("JSON_SECRET", "{\"client_secret\": \"canary-json-secret-77\"}");
    c.put("URL_USERINFO", "https://canaryuser:canarypw77@db.example.com/x");
    c.put("QUERY", "/cb?access_token=canaryQueryTok77&x=1");
    c.put("MAC", "3C:22:FB:77:AB:CD");
    c.put("HIGH_ENTROPY", "Yh7Qm2Zr9Kx4Wp8Tn3Lv6Bc1");
    return c;
  }

  /** The part of each canary that must not appear in any output. */
  private static String secretPart(String kind, String planted) {
    return switch (kind) {
      case "BEARER" -> "canaryTokenValue77";
      case "PASSWORD" -> "CanaryPass77";
      case "JSON_SECRET" -> "canary-json-secret-77";
      case "URL_USERINFO" -> "canarypw77";
      case "QUERY" -> "canaryQueryTok77";
      default -> planted;
    };
  }

  private final Redactor redactor = Redactor.withDefaults();

  @Test
  void noCanaryLeaksFromLogBodies() {
    for (Map.Entry<String, String> e : CANARIES.entrySet()) {
      String body = "2024-05-01T10:00:00.123Z INFO checkout done for " + e.getValue() + " ok";
      assertNoLeak(redactor.redactText(body), e.getKey());
    }
    // and all of them in one body
    String all = String.join(" | ", CANARIES.values());
    String out = redactor.redactText(all);
    CANARIES.keySet().forEach(kind -> assertNoLeak(out, kind));
  }

  @Test
  void noCanaryLeaksFromSpanNames() {
    for (Map.Entry<String, String> e : CANARIES.entrySet()) {
      String spanName = "GET /users/" + e.getValue() + "/orders";
      assertNoLeak(redactor.redactText(spanName), e.getKey());
    }
  }

  @Test
  void noCanaryLeaksFromAttributeValuesWhileAllowListedValuesStay() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("service.name", "checkout");
    attributes.put("http.route", "/users/{id}");
    int i = 0;
    for (Map.Entry<String, String> e : CANARIES.entrySet()) {
      attributes.put("app.field" + i++, "value " + e.getValue());
    }
    attributes.put("db.password", "plainCanaryPw77");
    attributes.put("http.request.header.authorization", "Basic Y2FuYXJ5OnB3");

    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, String> out = redactor.redactAttributes(attributes, counts);

    String flat = out.toString();
    CANARIES.keySet().forEach(kind -> assertNoLeak(flat, kind));
    assertThat(flat).doesNotContain("plainCanaryPw77", "Y2FuYXJ5OnB3");
    assertThat(out)
        .containsEntry("service.name", "checkout")
        .containsEntry("http.route", "/users/{id}")
        .containsEntry("db.password", "<SECRET>")
        .containsEntry("http.request.header.authorization", "<SECRET>");
    assertThat(List.copyOf(out.keySet())).isEqualTo(List.copyOf(attributes.keySet()));
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum())
        .isGreaterThanOrEqualTo(CANARIES.size() + 2);
  }

  @Test
  void allowListedKeysAreNeverRedactedEvenWhenTheyLookLikePii() {
    Map<String, String> out =
        redactor.redactAttributes(Map.of("service.version", "10.1.2.3", "net.peer", "10.1.2.3"));

    assertThat(out).containsEntry("service.version", "10.1.2.3").containsEntry("net.peer", "<IP>");
  }

  private static void assertNoLeak(String output, String kind) {
    String secret = secretPart(kind, CANARIES.get(kind));
    assertThat(output).as("%s canary in: %s", kind, output).doesNotContain(secret);
  }
}
