package io.sloscout.collectors.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.collectors.service.CollectorConfigLoader.Setting;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorConfigLoaderTest {

  @TempDir Path tmp;

  @Test
  void withNothingGivenTheDefaultsApply() {
    CollectorConfig c = CollectorConfigLoader.load(Optional.empty(), Map.of(), List.of());
    assertThat(c.otlp().grpc().enabled()).isTrue();
    assertThat(c.otlp().grpc().host()).isEqualTo("0.0.0.0");
    assertThat(c.otlp().grpc().port()).isEqualTo(4317);
    assertThat(c.otlp().http().port()).isEqualTo(4318);
    assertThat(c.metrics().port()).isEqualTo(9464);
    assertThat(c.redaction().atEdge()).isFalse();
    assertThat(c.drainTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.kafka().bootstrapServers()).isEmpty();
    assertThat(c.kafka().embedded()).isFalse();
    assertThat(c.kafkaDataDir()).isEqualTo(Path.of("slo-scout-data", "kafka"));
    assertThat(c.publisher().maxInFlightBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(c.remoteRead().targets()).isEmpty();
  }

  @Test
  void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws IOException {
    Path file =
        write(
            """
            otlp:
              grpc:
                port: 5000
              http:
                port: 6000
            metrics:
              port: 7000
            drainTimeout: 45s
            """);
    Map<String, String> env =
        Map.of("SLO_SCOUT_OTLP_GRPC_PORT", "5001", "SLO_SCOUT_OTLP_HTTP_PORT", "6001");
    List<Setting> flags = List.of(new Setting("--otlp-grpc-port", "otlp.grpc.port", "5002"));

    CollectorConfig fileOnly = CollectorConfigLoader.load(Optional.of(file), Map.of(), List.of());
    CollectorConfig fileAndEnv = CollectorConfigLoader.load(Optional.of(file), env, List.of());
    CollectorConfig all = CollectorConfigLoader.load(Optional.of(file), env, flags);

    assertThat(fileOnly.otlp().grpc().port()).isEqualTo(5000);
    assertThat(fileAndEnv.otlp().grpc().port()).isEqualTo(5001);
    assertThat(all.otlp().grpc().port()).isEqualTo(5002);
    // what a higher layer leaves alone stays as the lower one set it
    assertThat(all.otlp().http().port()).isEqualTo(6001);
    assertThat(all.metrics().port()).isEqualTo(7000);
    assertThat(all.drainTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(all.otlp().grpc().host()).isEqualTo("0.0.0.0");
  }

  @Test
  void choosingKafkaInAHigherLayerReplacesTheOtherChoice() throws IOException {
    Path embedded = write("kafka:\n  embedded: true\n");
    CollectorConfig external =
        CollectorConfigLoader.load(
            Optional.of(embedded),
            Map.of(),
            List.of(new Setting("--kafka", "kafka.bootstrap", "kafka-1:9092,kafka-2:9092")));
    assertThat(external.kafka().embedded()).isFalse();
    assertThat(external.kafka().bootstrap()).isEqualTo("kafka-1:9092,kafka-2:9092");

    Path bootstrap = write("kafka:\n  bootstrap: kafka:9092\n");
    CollectorConfig inJvm =
        CollectorConfigLoader.load(
            Optional.of(bootstrap), Map.of("SLO_SCOUT_EMBEDDED_KAFKA", "true"), List.of());
    assertThat(inJvm.kafka().embedded()).isTrue();
    assertThat(inJvm.kafka().bootstrapServers()).isEmpty();
  }

  @Test
  void bothKafkaChoicesInOneFileAreAnError() throws IOException {
    Path file = write("kafka:\n  bootstrap: kafka:9092\n  embedded: true\n");
    assertThatThrownBy(() -> CollectorConfigLoader.load(Optional.of(file), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file + ":")
        .hasMessageContaining("kafka.bootstrap and embedded: true exclude each other");
  }

  @Test
  void anUnknownKeyNamesFileLineFieldAndTheKnownOnes() throws IOException {
    Path file =
        write(
            """
            otlp:
              grpc:
                prot: 4317
            """);
    assertThatThrownBy(() -> CollectorConfigLoader.load(Optional.of(file), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":3:")
        .hasMessageContaining("otlp.grpc.prot: unknown field 'prot'")
        .hasMessageContaining("known: enabled, host, maxMessageBytes, port");
  }

  @Test
  void aValueOfTheWrongTypeNamesFileLineAndField() throws IOException {
    Path file =
        write(
            """
            metrics:
              host: 127.0.0.1
              port: lots
            """);
    assertThatThrownBy(() -> CollectorConfigLoader.load(Optional.of(file), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":3:")
        .hasMessageContaining("metrics.port")
        .hasMessageContaining("lots");
  }

  @Test
  void aDurationWithoutAUnitIsRefusedWithAnExample() throws IOException {
    Path file = write("drainTimeout: 30\n");
    assertThatThrownBy(() -> CollectorConfigLoader.load(Optional.of(file), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":1:")
        .hasMessageContaining("drainTimeout")
        .hasMessageContaining("30s");
  }

  @Test
  void anOutOfRangePortNamesTheField() throws IOException {
    Path file = write("otlp:\n  http:\n    port: 70000\n");
    assertThatThrownBy(() -> CollectorConfigLoader.load(Optional.of(file), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":")
        .hasMessageContaining("otlp.http.port: must be 0-65535");
  }

  @Test
  void aRemoteReadTargetWithoutUrlNamesItsIndex() throws IOException {
    Path file =
        write(
            """
            remoteRead:
              targets:
                - name: prod
                  selectors: ['{job="checkout"}']
            """);
    assertThatThrownBy(() -> CollectorConfigLoader.load(Optional.of(file), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("remoteRead.targets[0].url: an http(s) URL is required");
  }

  @Test
  void sizesAndDurationsReadWithUnits() throws IOException {
    Path file =
        write(
            """
            otlp:
              grpc: {maxMessageBytes: 8MiB}
              http: {maxBodyBytes: 16777216}
            publisher:
              maxInFlightBytes: 128MiB
              linger: 10ms
            remoteRead:
              maxChunk: 1h30m
              targets:
                - name: prod
                  url: http://prometheus:9090/api/v1/read
                  selectors: ['{__name__=~"http_server_.*"}']
                  interval: PT15S
                  bearerTokenFile: /var/run/secrets/prometheus/token
            """);
    CollectorConfig c = CollectorConfigLoader.load(Optional.of(file), Map.of(), List.of());
    assertThat(c.otlp().grpc().maxMessageBytes()).isEqualTo(8L * 1024 * 1024);
    assertThat(c.otlp().http().maxBodyBytes()).isEqualTo(16L * 1024 * 1024);
    assertThat(c.publisher().maxInFlightBytes()).isEqualTo(128L * 1024 * 1024);
    assertThat(c.publisher().linger()).isEqualTo(Duration.ofMillis(10));
    assertThat(c.remoteRead().maxChunk()).isEqualTo(Duration.ofMinutes(90));
    CollectorConfig.Target target = c.remoteRead().targets().get(0);
    assertThat(target.url()).isEqualTo(URI.create("http://prometheus:9090/api/v1/read"));
    assertThat(target.interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(target.lookback()).isEqualTo(Duration.ofHours(1));
    assertThat(target.serviceLabel()).isNull();
  }

  @Test
  void aTokenIsNeverTakenFromTheFile() throws IOException {
    Path file = write("auth:\n  token: s3cret\n");
    assertThatThrownBy(() -> CollectorConfigLoader.load(Optional.of(file), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auth.token")
        .hasMessageContaining("SLO_SCOUT_AUTH_TOKEN")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void aTokenFromTheEnvironmentReplacesTheFilesTokenFileAndNeverPrints() throws IOException {
    Path file = write("auth:\n  bearerTokenFile: /run/secrets/token\n");
    CollectorConfig c =
        CollectorConfigLoader.load(
            Optional.of(file), Map.of("SLO_SCOUT_AUTH_TOKEN", "s3cret"), List.of());
    assertThat(c.auth().token()).isEqualTo("s3cret");
    assertThat(c.auth().bearerTokenFile()).isNull();
    assertThat(c.toString()).doesNotContain("s3cret");
  }

  @Test
  void aTokenAndATokenFileInTheEnvironmentAreAnError() {
    assertThatThrownBy(
            () ->
                CollectorConfigLoader.load(
                    Optional.empty(),
                    Map.of("SLO_SCOUT_AUTH_TOKEN", "a", "SLO_SCOUT_AUTH_TOKEN_FILE", "/t"),
                    List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SLO_SCOUT_AUTH_TOKEN")
        .hasMessageContaining("SLO_SCOUT_AUTH_TOKEN_FILE");
  }

  @Test
  void aBadEnvironmentValueNamesTheVariable() {
    assertThatThrownBy(
            () ->
                CollectorConfigLoader.load(
                    Optional.empty(), Map.of("SLO_SCOUT_OTLP_GRPC_PORT", "grpc"), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SLO_SCOUT_OTLP_GRPC_PORT")
        .hasMessageContaining("'grpc' is not a port");
    assertThatThrownBy(
            () ->
                CollectorConfigLoader.load(
                    Optional.empty(), Map.of("SLO_SCOUT_REDACT_AT_EDGE", "maybe"), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SLO_SCOUT_REDACT_AT_EDGE");
  }

  @Test
  void aCombinationOnlyTheEnvironmentMakesWrongNamesTheVariables() throws IOException {
    Path file = write("publisher:\n  maxRecordBytes: 32MiB\n  maxInFlightBytes: 64MiB\n");
    assertThatThrownBy(
            () ->
                CollectorConfigLoader.load(
                    Optional.of(file),
                    Map.of("SLO_SCOUT_PUBLISHER_MAX_IN_FLIGHT_BYTES", "16MiB"),
                    List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SLO_SCOUT_PUBLISHER_MAX_IN_FLIGHT_BYTES")
        .hasMessageContaining("publisher.maxRecordBytes: must not exceed maxInFlightBytes");
  }

  @Test
  void yamlSyntaxErrorsNameFileAndLine() throws IOException {
    Path file = write("otlp:\n  grpc: [unclosed\n");
    assertThatThrownBy(() -> CollectorConfigLoader.load(Optional.of(file), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ":");
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = tmp.resolve("nope.yaml");
    assertThatThrownBy(() -> CollectorConfigLoader.load(Optional.of(file), Map.of(), List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ": no such file");
  }

  @Test
  void anEmptyFileMeansDefaults() throws IOException {
    Path file = write("# nothing yet\n");
    assertThat(CollectorConfigLoader.load(Optional.of(file), Map.of(), List.of()))
        .isEqualTo(CollectorConfig.defaults());
  }

  @Test
  void theConfigFileComesFromTheFlagElseTheEnvironment() {
    Map<String, String> env = Map.of("SLO_SCOUT_CONFIG", "/etc/slo-scout/collector.yaml");
    assertThat(CollectorConfigLoader.configFile(Path.of("mine.yaml"), env))
        .contains(Path.of("mine.yaml"));
    assertThat(CollectorConfigLoader.configFile(null, env))
        .contains(Path.of("/etc/slo-scout/collector.yaml"));
    assertThat(CollectorConfigLoader.configFile(null, Map.of())).isEmpty();
  }

  @Test
  void theShippedExampleIsValid() {
    Path example = Path.of("..", "examples", "collector", "collector.yaml");
    CollectorConfig c = CollectorConfigLoader.load(Optional.of(example), Map.of(), List.of());
    assertThat(c.otlp().grpc().port()).isEqualTo(4317);
    assertThat(c.remoteRead().targets()).isNotEmpty();
  }

  private Path write(String yaml) throws IOException {
    Path file = Files.createTempFile(tmp, "collector", ".yaml");
    return Files.writeString(file, yaml);
  }
}
