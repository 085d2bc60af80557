package io.sloscout.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar slo-scout-app-all.jar up ...} as a user starts it: a process of its own on free
 * ports, its output (everything the stack logs) collected and echoed.
 */
public final class UpProcess implements AutoCloseable {

  private static final Pattern READY = Pattern.compile("slo-scout up: ready in ([0-9.]+) s");
  private static final Pattern JDBC = Pattern.compile("PostgreSQL\\s+(jdbc:postgresql://\\S+)");

  private final Process process;
  private final Thread pump;
  private final StringBuffer output = new StringBuffer();
  private final Path dataDir;
  private final int httpPort;
  private final int grpcPort;
  private final int otlpHttpPort;

  private UpProcess(Path jar, Path dataDir) throws IOException {
    this.dataDir = dataDir;
    this.httpPort = freePort();
    this.grpcPort = freePort();
    this.otlpHttpPort = freePort();
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx768m",
            "-jar",
            jar.toString(),
            "up",
            "--data-dir",
            dataDir.toString(),
            "--http-port",
            Integer.toString(httpPort),
            "--otlp-grpc-port",
            Integer.toString(grpcPort),
            "--otlp-http-port",
            Integer.toString(otlpHttpPort),
            "--ready-timeout",
            "15m");
    pb.redirectErrorStream(true);
    process = pb.start();
    pump =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  output.append(line).append('\n');
                  System.out.println(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "up-output");
    pump.setDaemon(true);
    pump.start();
  }

  /** The packaged supervisor jar (failsafe passes its path), if it was built. */
  public static Optional<Path> jar() {
    String configured = System.getProperty("slo-scout.app-jar");
    if (configured != null) {
      // the build (failsafe, after package) names the jar: a missing one fails, never skips
      return Optional.of(Path.of(configured));
    }
    Path jar = Path.of("target/slo-scout-app-all.jar");
    return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
  }

  /** Starts {@code up} on {@code dataDir} and waits until it says it is ready. */
  public static UpProcess startReady(Path jar, Path dataDir) throws Exception {
    UpProcess up = new UpProcess(jar, dataDir);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(16);
    Matcher ready;
    while (!(ready = READY.matcher(up.output)).find()) {
      assertThat(up.process.isAlive())
          .as("slo-scout up is running; its output:%n%s", up.output)
          .isTrue();
      assertThat(System.nanoTime()).as("slo-scout up ready in time").isLessThan(deadline);
      Thread.sleep(500);
    }
    System.out.println("slo-scout up was ready in " + ready.group(1) + " s");
    return up;
  }

  /** Everything it printed so far. */
  public String output() {
    return output.toString();
  }

  public Process process() {
    return process;
  }

  public Path dataDir() {
    return dataDir;
  }

  public int httpPort() {
    return httpPort;
  }

  public int grpcPort() {
    return grpcPort;
  }

  public int otlpHttpPort() {
    return otlpHttpPort;
  }

  /** The API token of the stack. */
  public String token() throws IOException {
    return Files.readString(dataDir.resolve("api-token")).strip();
  }

  /** The database URL from the ready banner. */
  public String jdbcUrl() {
    Matcher m = JDBC.matcher(output);
    assertThat(m.find()).as("the ready banner names the database").isTrue();
    return m.group(1);
  }

  /** Its child processes now (the Flink and backend JVMs). */
  public List<ProcessHandle> children() {
    return new ArrayList<>(process.toHandle().descendants().toList());
  }

  /**
   * Sends SIGTERM (through the handle: {@link Process#destroy()} would also close our end of its
   * output) and waits for the exit code and its last output.
   */
  public int terminate() throws InterruptedException {
    process.toHandle().destroy();
    return awaitExit();
  }

  /** Waits for it to end on its own, and for its last output. */
  public int awaitExit() throws InterruptedException {
    assertThat(process.waitFor(4, TimeUnit.MINUTES)).as("stopped within 4 minutes").isTrue();
    pump.join(TimeUnit.SECONDS.toMillis(30));
    return process.exitValue();
  }

  /** Kills what is left (after a failed test). */
  @Override
  public void close() {
    List<ProcessHandle> children = children();
    if (process.isAlive()) {
      process.toHandle().destroy();
      try {
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * Deletes a test's data directory, unless {@code -Dslo-scout.keep-data=true} asks to keep it for
   * a look.
   */
  public static void deleteDataDir(Path dir) throws IOException {
    if (dir == null || Boolean.getBoolean("slo-scout.keep-data") || !Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
