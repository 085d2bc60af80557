package io.sloscout.app.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How to run the embedded stack.
 *
 * @param dataDir where everything is kept ({@code ./.slo-scout} by default)
 * @param httpPort the backend: web UI, REST API and health
 * @param otlpGrpcPort the collector's OTLP/gRPC receiver
 * @param otlpHttpPort the collector's OTLP/HTTP receiver (and NDJSON logs)
 * @param readyTimeout how long the whole stack may take to become ready
 * @param flinkConfig a YAML file merged over the Flink jobs' defaults (their format)
 * @param environment the supervisor's environment: {@code SLO_SCOUT_FLINK_JAVA_OPTS}, {@code
 *     SLO_SCOUT_BACKEND_JAVA_OPTS} and the jar locations of {@link StackJars}
 */
public record StackSettings(
    Path dataDir,
    int httpPort,
    int otlpGrpcPort,
    int otlpHttpPort,
    Duration readyTimeout,
    Optional<Path> flinkConfig,
    Map<String, String> environment) {

  /** Every component listens on this address only: the stack is for this machine. */
  public static final String HOST = "127.0.0.1";

  public static final Path DEFAULT_DATA_DIR = Path.of(".slo-scout");
  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final int DEFAULT_OTLP_GRPC_PORT = 4317;
  public static final int DEFAULT_OTLP_HTTP_PORT = 4318;
  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(10);

  public StackSettings {
    if (dataDir == null) {
      throw new IllegalArgumentException("dataDir is required");
    }
    if (readyTimeout == null || readyTimeout.isNegative() || readyTimeout.isZero()) {
      throw new IllegalArgumentException("readyTimeout must be positive");
    }
    checkPort(httpPort, "--http-port");
    checkPort(otlpGrpcPort, "--otlp-grpc-port");
    checkPort(otlpHttpPort, "--otlp-http-port");
    flinkConfig = flinkConfig == null ? Optional.empty() : flinkConfig;
    if (flinkConfig.isPresent() && !java.nio.file.Files.isRegularFile(flinkConfig.get())) {
      throw new IllegalArgumentException("--flink-config: no such file " + flinkConfig.get());
    }
    environment = Map.copyOf(environment);
  }

  private static void checkPort(int port, String flag) {
    // 0 would work for each server alone, but the stack hands the ports to the others up front
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(flag + ": a port is 1-65535, got " + port);
    }
  }
}
