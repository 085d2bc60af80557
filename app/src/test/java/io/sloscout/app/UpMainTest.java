package io.sloscout.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.app.stack.StackSettings;
import io.sloscout.app.supervisor.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UpMainTest {

  @TempDir Path dir;

  @Test
  void aPortInUseIsReportedBeforeAnythingStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      StackSettings settings =
          new StackSettings(
              dir,
              Ports.anyFree("127.0.0.1"),
              port,
              Ports.anyFree("127.0.0.1"),
              Duration.ofMinutes(1),
              Optional.empty(),
              Map.of());
      ByteArrayOutputStream console = new ByteArrayOutputStream();
      int code =
          new UpMain.StackRun(
                  settings,
                  new PrintStream(console, true, StandardCharsets.UTF_8),
                  Optional.empty(),
                  false)
              .run();
      assertThat(code).isEqualTo(UpMain.USAGE);
      assertThat(console.toString(StandardCharsets.UTF_8))
          .contains(
              "port "
                  + port
                  + " on 127.0.0.1 (OTLP/gRPC) is already in use; stop what uses it or choose"
                  + " another with --otlp-grpc-port");
      assertThat(dir.resolve("postgres")).isEmptyDirectory();
      assertThat(dir.resolve("kafka")).isEmptyDirectory();
    }
  }

  @Test
  void aDataDirectoryInUseIsReported() throws Exception {
    try (var held = io.sloscout.app.stack.DataDirectory.open(dir)) {
      assertThat(held.root()).isEqualTo(dir.toAbsolutePath());
      ByteArrayOutputStream console = new ByteArrayOutputStream();
      StackSettings settings =
          new StackSettings(
              dir, 18080, 14317, 14318, Duration.ofMinutes(1), Optional.empty(), Map.of());
      int code =
          new UpMain.StackRun(
                  settings,
                  new PrintStream(console, true, StandardCharsets.UTF_8),
                  Optional.empty(),
                  false)
              .run();
      assertThat(code).isEqualTo(UpMain.USAGE);
      assertThat(console.toString(StandardCharsets.UTF_8))
          .contains("another slo-scout up is running on " + dir.toAbsolutePath());
    }
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(execute("up", "--ready-timeout", "soon")).isEqualTo(UpMain.USAGE);
    assertThat(execute("up", "--http-port", "70000", "--data-dir", dir.toString()))
        .isEqualTo(UpMain.USAGE);
    assertThat(execute("demo", "--rate", "0", "--data-dir", dir.toString()))
        .isEqualTo(UpMain.USAGE);
    assertThat(execute("down")).isEqualTo(UpMain.USAGE);
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertThat(UpMain.duration("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(UpMain.duration("300s")).isEqualTo(Duration.ofSeconds(300));
    assertThat(UpMain.duration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(UpMain.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(UpMain.duration("PT2M")).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void helpListsUpAndDemo() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new UpMain());
    cl.setOut(new PrintWriter(out));
    cl.execute("--help");
    assertThat(out.toString()).contains("up", "demo");
  }

  private static int execute(String... args) {
    CommandLine cl = new CommandLine(new UpMain());
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    cl.setParameterExceptionHandler((ex, a) -> UpMain.USAGE);
    return cl.execute(args);
  }
}
