package io.sloscout.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a redaction config file: valid files, and errors that name file, line and field. */
class RedactionConfigTest {

  @TempDir Path dir;

  @Test
  void readsModeKeyDetectorsAndKeys() throws Exception {
    Path file =
        write(
            """
            mode: hmac
            hmacKey: {env: MY_KEY}
            detectors: [email, ipv4, phone]
            disabledDetectors: [phone]
            allowKeys: [Customer.Tier]
            secretKeyWords: [pin]
            """);

    RedactionConfig config =
        RedactionConfig.fromYaml(file, Map.of("MY_KEY", "0123456789abcdef0123"));

    assertThat(config.mode()).isEqualTo(RedactionMode.HMAC);
    assertThat(config.hmacKey()).isNotNull();
    assertThat(config.detectors()).containsExactlyInAnyOrder("email", "ipv4");
    assertThat(config.allowKeys()).contains("customer.tier", "service.name");
    assertThat(config.secretKeyWords()).contains("pin", "password");

    Redactor r = new Redactor(config);
    assertThat(r.redactText("a@example.com 10.1.2.3 +1 201-555-0123"))
        .matches("<EMAIL:[0-9a-f]{10}> <IP:[0-9a-f]{10}> \\+1 201-555-0123");
    assertThat(r.redactAttributes(Map.of("customer.tier", "10.1.2.3", "card.pin", "1234")))
        .containsEntry("customer.tier", "10.1.2.3")
        .containsEntry("card.pin", "<SECRET>");
  }

  @Test
  void aKeyFileIsResolvedNextToTheConfig() throws Exception {
    Files.writeString(dir.resolve("key.txt"), "0123456789abcdef0123\n");
    Path file = write("mode: hmac\nhmacKey: {file: key.txt}\n");

    RedactionConfig config = RedactionConfig.fromYaml(file, Map.of());

    assertThat(new Redactor(config).redactText("x@example.com")).matches("<EMAIL:[0-9a-f]{10}>");
  }

  @Test
  void anEmptyFileGivesTheDefaults() throws Exception {
    RedactionConfig config = RedactionConfig.fromYaml(write(""), Map.of());

    assertThat(config).isEqualTo(RedactionConfig.defaults());
  }

  @Test
  void anUnknownFieldIsReportedWithItsLine() throws Exception {
    Path file = write("mode: placeholder\nallowkeys: [a]\n");

    assertThatThrownBy(() -> RedactionConfig.fromYaml(file, Map.of()))
        .hasMessageStartingWith(file + ":2:")
        .hasMessageContaining("allowkeys")
        .hasMessageContaining("unknown field");
  }

  @Test
  void aWrongModeIsReportedWithItsLineAndField() throws Exception {
    Path file = write("\nmode: scramble\n");

    assertThatThrownBy(() -> RedactionConfig.fromYaml(file, Map.of()))
        .hasMessageStartingWith(file + ":2:")
        .hasMessageContaining("mode: ")
        .hasMessageContaining("placeholder");
  }

  @Test
  void anUnknownDetectorIsReportedWithTheKnownOnes() throws Exception {
    Path file = write("detectors:\n  - email\n  - emial\n");

    assertThatThrownBy(() -> RedactionConfig.fromYaml(file, Map.of()))
        .hasMessageStartingWith(file + ":3:")
        .hasMessageContaining("detectors[1]")
        .hasMessageContaining("unknown detector 'emial'")
        .hasMessageContaining("credit-card");
  }

  @Test
  void hmacModeNeedsAKeyThatExists() throws Exception {
    Path noKey = write("mode: hmac\n");
    Path unsetEnv = dir.resolve("b.yaml");
    Files.writeString(unsetEnv, "mode: hmac\nhmacKey:\n  env: NOT_SET_ANYWHERE\n");

    assertThatThrownBy(() -> RedactionConfig.fromYaml(noKey, Map.of()))
        .hasMessageContaining(noKey + ":1:")
        .hasMessageContaining("hmacKey");
    assertThatThrownBy(() -> RedactionConfig.fromYaml(unsetEnv, Map.of()))
        .hasMessageStartingWith(unsetEnv + ":2:")
        .hasMessageContaining("NOT_SET_ANYWHERE");
  }

  @Test
  void invalidYamlIsReportedWithItsPosition() throws Exception {
    Path file = write("mode: [placeholder\n");

    assertThatThrownBy(() -> RedactionConfig.fromYaml(file, Map.of()))
        .hasMessageStartingWith(file + ":")
        .hasMessageContaining("invalid YAML");
  }

  @Test
  void theBuiltInCatalogIsValidAndEveryDetectorCanBeDisabled() {
    assertThat(RedactionConfig.builtInDetectors())
        .contains("email", "ipv4", "ipv6", "credit-card", "phone", "us-ssn", "iban", "jwt")
        .contains("aws-access-key", "bearer-token", "secret-key-value", "mac-address")
        .contains("high-entropy-secret", "url-userinfo", "authorization-header");
    for (String name : RedactionConfig.builtInDetectors()) {
      RedactionConfig only =
          new RedactionConfig(
              RedactionMode.PLACEHOLDER,
              null,
              java.util.Set.of(name),
              java.util.Set.of(),
              java.util.Set.of());
      assertThat(new Redactor(only).redactText("nothing to see")).isEqualTo("nothing to see");
    }
  }

  private Path write(String content) throws Exception {
    Path p = dir.resolve("redaction.yaml");
    Files.writeString(p, content);
    return p;
  }
}
