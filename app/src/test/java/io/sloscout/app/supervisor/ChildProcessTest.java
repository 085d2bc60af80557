package io.sloscout.app.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final LogSink sink =
      LogSink.console(new PrintStream(console, true, StandardCharsets.UTF_8));

  private ChildProcess sh(String name, String script, Map<String, String> env) {
    return ChildProcess.start(name, List.of("/bin/sh", "-c", script), "", env, dir, sink);
  }

  @Test
  void outputAndErrorsGoToTheSinkUnderTheChildsName() throws Exception {
    ChildProcess child = sh("worker", "echo hello; echo oops >&2; exit 3", Map.of());
    child.onExit().get(30, TimeUnit.SECONDS);
    assertThat(child.exitCode()).hasValue(3);
    assertThat(console.toString(StandardCharsets.UTF_8).lines())
        .contains("[worker]     hello", "[worker]     oops");
    assertThat(child.tail()).containsExactly("hello", "oops");
    assertThat(child.stopping()).isFalse();
  }

  @Test
  void theTailKeepsTheLastLinesRedacted() throws Exception {
    ChildProcess child =
        sh(
            "worker",
            "i=0; while [ $i -lt 50 ]; do echo line $i; i=$((i+1)); done;"
                + " echo failed for tail.canary@example.com; exit 1",
            Map.of());
    child.onExit().get(30, TimeUnit.SECONDS);
    assertThat(child.tail()).hasSize(ChildProcess.TAIL_LINES);
    assertThat(child.tail().get(ChildProcess.TAIL_LINES - 1)).isEqualTo("failed for <EMAIL>");
    assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("tail.canary");
  }

  @Test
  void stopSendsSigtermAndTheChildCanCleanUp() throws Exception {
    ChildProcess child =
        sh(
            "worker",
            "trap 'echo cleaning up; exit 0' TERM; echo started; while :; do sleep 0.1; done",
            Map.of());
    awaitLine("[worker]     started");
    int code = child.stop(Duration.ofSeconds(20));
    assertThat(code).isZero();
    assertThat(child.stopping()).isTrue();
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("[worker]     cleaning up");
  }

  @Test
  void aChildIgnoringSigtermIsKilledAfterTheGracePeriod() throws Exception {
    ChildProcess child =
        sh("stubborn", "trap '' TERM; echo started; while :; do sleep 0.1; done", Map.of());
    awaitLine("[stubborn]   started");
    child.stop(Duration.ofMillis(300));
    assertThat(child.isAlive()).isFalse();
  }

  @Test
  void theChildGetsTheGivenEnvironmentWithoutTheDroppedInheritedVariables() throws Exception {
    // any inherited variable the shell does not set by itself
    String inherited =
        System.getenv().keySet().stream()
            .filter(k -> k.matches("[A-Z][A-Z0-9_]*"))
            .filter(
                k ->
                    !List.of("PATH", "PWD", "OLDPWD", "SHLVL", "IFS", "PS1", "PS2", "PS4")
                        .contains(k))
            .findFirst()
            .orElseThrow();
    ChildProcess child =
        ChildProcess.start(
            "env",
            List.of(
                "/bin/sh", "-c", "echo \"set=$SLO_SCOUT_X inherited=${" + inherited + ":-gone}\""),
            inherited,
            Map.of("SLO_SCOUT_X", "42"),
            dir,
            sink);
    child.onExit().get(30, TimeUnit.SECONDS);
    assertThat(child.tail()).containsExactly("set=42 inherited=gone");
  }

  private void awaitLine(String line) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!console.toString(StandardCharsets.UTF_8).contains(line)) {
      assertThat(System.nanoTime()).as("waiting for '%s'", line).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
