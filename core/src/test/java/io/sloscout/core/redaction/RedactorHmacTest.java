package io.sloscout.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyed pseudonyms: stable for a value and key, different across keys, never for secrets. */
class RedactorHmacTest {

  private static final HmacKey KEY_A = HmacKey.ofBytes(bytes("test-key-a-0123456789abcdef"));
  private static final HmacKey KEY_B = HmacKey.ofBytes(bytes("test-key-b-0123456789abcdef"));

  private final Redactor a = new Redactor(RedactionConfig.defaults().withHmac(KEY_A));
  private final Redactor a2 = new Redactor(RedactionConfig.defaults().withHmac(KEY_A));
  private final Redactor b = new Redactor(RedactionConfig.defaults().withHmac(KEY_B));

  @Test
  void theSameValueGetsTheSamePseudonymAcrossRedactorsAndSpellings() {
    String first = a.redactText("login jane.doe@example.com");
    String again = a2.redactText("logout Jane.Doe@Example.com");

    assertThat(first).matches("login <EMAIL:[0-9a-f]{10}>");
    assertThat(again.substring("logout ".length())).isEqualTo(first.substring("login ".length()));
  }

  @Test
  void phoneSpellingsOfOneNumberJoinAndDistinctValuesDiffer() {
    String spaced = a.redactText("+1 201-555-0123");
    String compact = a.redactText("+12015550123");
    String other = a.redactText("+1 201-555-0199");

    assertThat(spaced).matches("<PHONE:[0-9a-f]{10}>").isEqualTo(compact).isNotEqualTo(other);
  }

  @Test
  void theKeyChangesEveryPseudonym() {
    String text = "ip 10.1.2.3 mail x@example.com";

    assertThat(a.redactText(text)).isNotEqualTo(b.redactText(text));
    assertThat(b.redactText(text)).matches("ip <IP:[0-9a-f]{10}> mail <EMAIL:[0-9a-f]{10}>");
  }

  @Test
  void secretsStayPlainPlaceholdersInHmacMode() {
    assertThat(a.redactText("password=hunter2 Authorization: Bearer abcdef123456"))
        .isEqualTo("password=<SECRET> Authorization: Bearer <TOKEN>");
  }

  @Test
  void keysComeFromTheEnvironmentOrAFileAndMustBeLongEnough(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("key");
    Files.writeString(file, "test-key-a-0123456789abcdef\n");
    Redactor fromFile = new Redactor(RedactionConfig.defaults().withHmac(HmacKey.fromFile(file)));
    Redactor fromEnv =
        new Redactor(
            RedactionConfig.defaults()
                .withHmac(
                    HmacKey.fromEnvironment(
                        Map.of(HmacKey.ENV, "test-key-a-0123456789abcdef"), HmacKey.ENV)));

    assertThat(fromFile.redactText("x@example.com"))
        .isEqualTo(fromEnv.redactText("x@example.com"))
        .isEqualTo(a.redactText("x@example.com"));
    assertThatThrownBy(() -> HmacKey.fromEnvironment(Map.of(), HmacKey.ENV))
        .hasMessageContaining(HmacKey.ENV);
    assertThatThrownBy(() -> HmacKey.fromEnvironment(Map.of("K", "short"), "K"))
        .hasMessageContaining("at least 16 bytes");
    assertThat(HmacKey.fromFile(file).toString()).doesNotContain("test-key");
  }

  @Test
  void hmacModeWithoutAKeyIsRejected() {
    assertThatThrownBy(
            () ->
                new RedactionConfig(
                    RedactionMode.HMAC,
                    null,
                    java.util.Set.of(),
                    java.util.Set.of(),
                    java.util.Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
