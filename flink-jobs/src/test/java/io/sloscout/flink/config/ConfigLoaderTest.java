package io.sloscout.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void defaultsAreProductionLike() {
    PipelineConfig c = ConfigLoader.load(Map.of());
    assertThat(c.restart().strategy()).isEqualTo("fixed-delay");
    assertThat(c.checkpoints().interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.kafka().eventsDelivery()).isEqualTo(PipelineConfig.Delivery.AT_LEAST_ONCE);
    assertThat(c.database().password().env()).isEqualTo("SLO_SCOUT_DB_PASSWORD");
    assertThat(c.vectors().store()).isEqualTo(PipelineConfig.VectorStoreKind.LUCENE);
  }

  @Test
  void aFileOverridesTheDefaultsAndTheEnvironmentOverridesBoth(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("jobs.yaml");
    Files.writeString(
        file,
        """
        kafka:
          bootstrapServers: kafka-from-file:9092
          eventsDelivery: exactly-once
        checkpoints:
          interval: 500ms
        restart:
          strategy: none
        vectors:
          store: milvus
        """);
    PipelineConfig c =
        ConfigLoader.load(
            file,
            Map.of(
                "SLO_SCOUT_KAFKA_BOOTSTRAP", "kafka-from-env:9092",
                "SLO_SCOUT_DB_URL", "jdbc:postgresql://db:5432/x",
                "SLO_SCOUT_DB_PASSWORD_FILE", "/run/secrets/db"));
    assertThat(c.kafka().bootstrapServers()).isEqualTo("kafka-from-env:9092");
    assertThat(c.kafka().eventsDelivery()).isEqualTo(PipelineConfig.Delivery.EXACTLY_ONCE);
    assertThat(c.checkpoints().interval()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.restart().strategy()).isEqualTo("none");
    assertThat(c.vectors().store()).isEqualTo(PipelineConfig.VectorStoreKind.MILVUS);
    assertThat(c.database().url()).isEqualTo("jdbc:postgresql://db:5432/x");
    assertThat(c.database().password().file()).isEqualTo("/run/secrets/db");
    // the secret itself is not read here, and never printed
    assertThat(c.database().password().toString()).doesNotContain("secret-value");
  }

  @Test
  void aSecretWrittenIntoTheFileIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("jobs.yaml");
    Files.writeString(file, "database:\n  password: hunter2\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database.password")
        .hasMessageContaining("{env: VAR} or {file: PATH}");
  }

  @Test
  void unknownSettingsAndBadValuesNameTheField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("jobs.yaml");
    Files.writeString(file, "kafka:\n  bootstrap: x\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .hasMessageContaining("unknown setting 'kafka.bootstrap'");
    Files.writeString(file, "checkpoints:\n  interval: soon\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .hasMessageContaining("checkpoints.interval");
  }

  @Test
  void secretRefsReadFilesWhenAsked(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("pw");
    Files.writeString(secret, "s3cret\n");
    assertThat(SecretRef.file(secret.toString()).resolve()).isEqualTo("s3cret");
    assertThat(SecretRef.file(secret.toString()).toString()).doesNotContain("s3cret");
    assertThat(SecretRef.literal("x").toString()).doesNotContain("x]").contains("***");
  }
}
