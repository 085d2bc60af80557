package io.sloscout.app.supervisor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose output (stdout and stderr together) goes line by line to a {@link LogSink}
 * under its component name, keeping the last lines to report a crash with.
 *
 * <p>Its stdin stays open as a pipe for as long as the supervisor lives: a child that watches for
 * end-of-file there (our Flink launcher does) stops even when the supervisor is killed outright.
 */
public final class ChildProcess implements AutoCloseable {

  /** How many of its last output lines a child keeps for a crash report. */
  public static final int TAIL_LINES = 30;

  private final String name;
  private final Process process;
  private final Deque<String> tail = new ArrayDeque<>();
  private final Thread pump;
  private volatile boolean stopping;

  private ChildProcess(String name, Process process, LogSink sink) {
    this.name = name;
    this.process = process;
    this.pump = new Thread(() -> pump(sink), "slo-scout-log-" + name);
    this.pump.setDaemon(true);
    this.pump.start();
  }

  /**
   * Starts {@code command} in {@code workDir} with this process's environment, less the variables
   * whose names start with {@code dropPrefix}, plus {@code environment}.
   *
   * @param dropPrefix inherited variables to leave out ({@code SLO_SCOUT_}: the child gets only the
   *     settings the supervisor chose), or empty to keep all
   * @throws UncheckedIOException when the program cannot be started (no such file)
   */
  public static ChildProcess start(
      String name,
      List<String> command,
      String dropPrefix,
      Map<String, String> environment,
      Path workDir,
      LogSink sink) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.directory(workDir.toFile());
    builder.redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    if (!dropPrefix.isEmpty()) {
      builder.environment().keySet().removeIf(k -> k.startsWith(dropPrefix));
    }
    builder.environment().putAll(environment);
    try {
      return new ChildProcess(name, builder.start(), sink);
    } catch (IOException e) {
      throw new UncheckedIOException("starting " + name + " (" + command.get(0) + ") failed", e);
    }
  }

  /** The command that runs this JVM's Java: {@code $JAVA_HOME/bin/java} of the running JVM. */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * {@code setsid} where the system has it: a child started through it is in a session of its own,
   * so a Ctrl-C in the terminal reaches the supervisor only, which then stops the children in
   * order.
   */
  public static java.util.Optional<String> setsid() {
    for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (java.nio.file.Files.isExecutable(Path.of(candidate))) {
        return java.util.Optional.of(candidate);
      }
    }
    return java.util.Optional.empty();
  }

  private void pump(LogSink sink) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String clean = sink.clean(line);
        synchronized (tail) {
          tail.addLast(clean);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
        sink.writeCleaned(name, clean);
      }
    } catch (IOException e) {
      // the stream closes when the process ends; nothing more to read
    }
  }

  /** The component name its lines carry. */
  public String name() {
    return name;
  }

  /** The operating system's process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether it still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Its exit code once it ended. */
  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** Completes when the process ends (after its last output lines were written). */
  public CompletableFuture<ChildProcess> onExit() {
    return process
        .onExit()
        .thenApply(
            p -> {
              awaitPump();
              return this;
            });
  }

  /** Whether {@link #stop} was called: an exit from now on is expected, not a crash. */
  public boolean stopping() {
    return stopping;
  }

  /** Its last output lines, redacted, oldest first. */
  public List<String> tail() {
    synchronized (tail) {
      return new ArrayList<>(tail);
    }
  }

  /**
   * Asks it to stop (SIGTERM), waits up to {@code grace}, then kills it (SIGKILL).
   *
   * @return its exit code
   */
  public int stop(Duration grace) {
    stopping = true;
    if (process.isAlive()) {
      // through the handle: Process.destroy() would also close our end of its output, and what
      // it says while stopping would be lost
      process.toHandle().destroy();
      try {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          process.toHandle().destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.toHandle().destroyForcibly();
      }
    }
    awaitPump();
    try {
      process.getOutputStream().close();
    } catch (java.io.IOException e) {
      // it has ended; nothing reads the pipe any more
    }
    return process.isAlive() ? -1 : process.exitValue();
  }

  private void awaitPump() {
    try {
      pump.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops it with a 30-second grace period. */
  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
