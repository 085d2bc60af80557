package io.sloscout.app.supervisor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts parts in order and stops them in reverse order; watches child processes, and turns an
 * unexpected exit of one into a {@link Failure} that {@link #failure()} completes with.
 *
 * <p>Stopping is idempotent and runs once: whichever comes first of Ctrl-C, a crash or the end of
 * the command stops everything that started, last started first, each step logged under {@code
 * [up]}.
 */
public final class Supervisor implements AutoCloseable {

  /** Something that can be stopped. */
  @FunctionalInterface
  public interface Stop {
    void stop() throws Exception;
  }

  /** A part that ended on its own: its name, exit code and last output lines. */
  public record Failure(String component, int exitCode, java.util.List<String> tail) {
    /** A report for a person: what ended, how, and what it said last. */
    public String describe() {
      StringBuilder sb =
          new StringBuilder(component).append(" exited unexpectedly with code ").append(exitCode);
      if (!tail.isEmpty()) {
        sb.append("; its last lines:");
        for (String line : tail) {
          sb.append(System.lineSeparator()).append("    ").append(line);
        }
      }
      return sb.toString();
    }
  }

  private record Part(String name, Stop stop) {}

  private final LogSink log;
  private final Deque<Part> started = new ArrayDeque<>();
  private final CompletableFuture<Failure> failure = new CompletableFuture<>();
  private boolean stopped;

  public Supervisor(LogSink log) {
    this.log = log;
  }

  /** Remembers a started part; {@link #close()} stops it before every part added earlier. */
  public synchronized void started(String name, Stop stop) {
    if (stopped) {
      // stopping began while this part was starting: stop it at once
      stopQuietly(new Part(name, stop));
      return;
    }
    started.push(new Part(name, stop));
  }

  /**
   * Adds a child process: stopped (SIGTERM, then SIGKILL after {@code grace}) in its turn, and
   * watched: if it ends before it was asked to, {@link #failure()} completes.
   */
  public void watch(ChildProcess child, Duration grace) {
    started(child.name(), () -> child.stop(grace));
    child
        .onExit()
        .thenAccept(
            c -> {
              if (!c.stopping()) {
                failure.complete(new Failure(c.name(), c.exitCode().orElse(-1), c.tail()));
              }
            });
  }

  /** Completes when a watched child ends unexpectedly. */
  public CompletableFuture<Failure> failure() {
    return failure;
  }

  /** The failure so far, if any. */
  public Optional<Failure> failed() {
    return Optional.ofNullable(failure.getNow(null));
  }

  /** Reports a failure found elsewhere (a readiness wait that gave up, an in-process part). */
  public void fail(Failure f) {
    failure.complete(f);
  }

  /** Stops every part, last started first; each failure to stop is logged, not thrown. */
  @Override
  public void close() {
    Deque<Part> toStop;
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      toStop = new ArrayDeque<>(started);
      started.clear();
    }
    for (Part p : toStop) {
      stopQuietly(p);
    }
  }

  private void stopQuietly(Part p) {
    long t0 = System.nanoTime();
    log.line("up", "stopping " + p.name());
    try {
      p.stop().stop();
      log.line(
          "up",
          "stopped "
              + p.name()
              + " in "
              + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)
              + " ms");
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.line("up", "stopping " + p.name() + " failed: " + e);
    }
  }
}
