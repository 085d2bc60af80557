package io.sloscout.app.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.redaction.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSinkTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private LogSink sink() {
    return new LogSink(
        new PrintStream(console, true, StandardCharsets.UTF_8),
        Optional.of(dir.resolve("logs")),
        Redactor.withDefaults());
  }

  private String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eachLineCarriesItsComponentAsPrefix() {
    try (LogSink sink = sink()) {
      sink.line("kafka", "broker started");
      sink.line("backend", "first\nsecond\n");
    }
    assertThat(console().lines())
        .containsExactly(
            "[kafka]      broker started", "[backend]    first", "[backend]    second");
  }

  @Test
  void eachComponentHasItsOwnLogFile() throws Exception {
    try (LogSink sink = sink()) {
      sink.line("flink", "job submitted");
      sink.line("backend", "listening");
      sink.line("flink", "checkpoint 1 done");
    }
    assertThat(Files.readAllLines(dir.resolve("logs/flink.log")))
        .containsExactly("job submitted", "checkpoint 1 done");
    assertThat(Files.readAllLines(dir.resolve("logs/backend.log"))).containsExactly("listening");
  }

  @Test
  void piiInALogLineReachesNeitherTheConsoleNorTheFiles() throws Exception {
    try (LogSink sink = sink()) {
      sink.line("flink", "bad record from log.canary@example.org with card 4111 1111 1111 1111");
    }
    String file = Files.readString(dir.resolve("logs/flink.log"));
    for (String text : new String[] {console(), file}) {
      assertThat(text)
          .doesNotContain("log.canary@example.org")
          .doesNotContain("4111 1111 1111 1111")
          .contains("<EMAIL>")
          .contains("bad record from");
    }
  }

  @Test
  void terminalColoursAreDropped() {
    try (LogSink sink = sink()) {
      sink.line("backend", "\u001b[32mINFO\u001b[0m started");
    }
    assertThat(console()).isEqualTo("[backend]    INFO started" + System.lineSeparator());
  }

  @Test
  void afterCloseLinesStillReachTheConsole() throws Exception {
    LogSink sink = sink();
    sink.line("up", "one");
    sink.close();
    sink.line("up", "two");
    assertThat(console().lines()).containsExactly("[up]         one", "[up]         two");
    assertThat(Files.readAllLines(dir.resolve("logs/up.log"))).containsExactly("one");
  }
}
