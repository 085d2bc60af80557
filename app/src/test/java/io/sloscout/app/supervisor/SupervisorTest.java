package io.sloscout.app.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final LogSink log =
      LogSink.console(new PrintStream(console, true, StandardCharsets.UTF_8));

  @Test
  void partsStopInReverseOrderOfStarting() {
    List<String> stops = new CopyOnWriteArrayList<>();
    Supervisor supervisor = new Supervisor(log);
    for (String name : List.of("postgres", "s3", "kafka", "collector", "flink", "backend")) {
      supervisor.started(name, () -> stops.add(name));
    }
    supervisor.close();
    assertThat(stops).containsExactly("backend", "flink", "collector", "kafka", "s3", "postgres");
  }

  @Test
  void aPartThatFailsToStopDoesNotKeepTheOthersRunning() {
    List<String> stops = new CopyOnWriteArrayList<>();
    Supervisor supervisor = new Supervisor(log);
    supervisor.started("kafka", () -> stops.add("kafka"));
    supervisor.started(
        "collector",
        () -> {
          throw new IllegalStateException("drain failed");
        });
    supervisor.started("backend", () -> stops.add("backend"));
    supervisor.close();
    assertThat(stops).containsExactly("backend", "kafka");
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("stopping collector failed: java.lang.IllegalStateException: drain failed");
  }

  @Test
  void closingTwiceStopsOnce() {
    List<String> stops = new CopyOnWriteArrayList<>();
    Supervisor supervisor = new Supervisor(log);
    supervisor.started("kafka", () -> stops.add("kafka"));
    supervisor.close();
    supervisor.close();
    assertThat(stops).containsExactly("kafka");
  }

  @Test
  void aPartStartedAfterStoppingBeganIsStoppedAtOnce() {
    List<String> stops = new CopyOnWriteArrayList<>();
    Supervisor supervisor = new Supervisor(log);
    supervisor.close();
    supervisor.started("late", () -> stops.add("late"));
    assertThat(stops).containsExactly("late");
  }

  @Test
  void aChildThatEndsOnItsOwnIsAFailureWithItsExitCodeAndLastLines() throws Exception {
    Supervisor supervisor = new Supervisor(log);
    ChildProcess child =
        ChildProcess.start(
            "flink",
            List.of("/bin/sh", "-c", "echo starting jobs; echo job failed >&2; exit 7"),
            "",
            Map.of(),
            dir,
            log);
    supervisor.watch(child, Duration.ofSeconds(5));
    Supervisor.Failure failure = supervisor.failure().get(30, TimeUnit.SECONDS);
    assertThat(failure.component()).isEqualTo("flink");
    assertThat(failure.exitCode()).isEqualTo(7);
    assertThat(failure.tail()).containsExactly("starting jobs", "job failed");
    assertThat(failure.describe())
        .startsWith("flink exited unexpectedly with code 7; its last lines:")
        .contains("    job failed");
    supervisor.close();
  }

  @Test
  void aChildStoppedBySupervisorIsNoFailure() throws Exception {
    Supervisor supervisor = new Supervisor(log);
    ChildProcess child =
        ChildProcess.start(
            "backend",
            List.of("/bin/sh", "-c", "while :; do sleep 0.1; done"),
            "",
            Map.of(),
            dir,
            log);
    supervisor.watch(child, Duration.ofSeconds(5));
    supervisor.close();
    child.onExit().get(30, TimeUnit.SECONDS);
    // the exit callback has run: give it a moment to (not) complete the failure
    Thread.sleep(200);
    assertThat(supervisor.failed()).isEmpty();
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("[up]         stopping backend", "[up]         stopped backend in");
  }
}
