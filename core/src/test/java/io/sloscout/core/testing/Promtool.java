package io.sloscout.core.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus' {@code promtool} on generated files in a temporary folder. Tests that use it
 * fail, never skip, when it is missing: the rules contract is only proven by promtool.
 */
public final class Promtool {

  /** What promtool said. */
  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  private Promtool() {}

  /** The promtool executable on PATH. */
  public static Path executable() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, "promtool");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new AssertionError(
        "promtool is not on PATH; install it (Debian/Ubuntu: apt-get install prometheus)");
  }

  /** {@code promtool check rules} on the given files (name → content). */
  public static Result checkRules(Map<String, String> files) {
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    args.addAll(files.keySet());
    return run(files, args);
  }

  /** {@code promtool test rules} on the test files among {@code files}, run from their folder. */
  public static Result testRules(Map<String, String> files, List<String> testFiles) {
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    args.addAll(testFiles);
    return run(files, args);
  }

  private static Result run(Map<String, String> files, List<String> args) {
    Path exe = executable();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("promtool");
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = dir.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
      }
      List<String> cmd = new ArrayList<>();
      cmd.add(exe.toString());
      cmd.addAll(args);
      Process proc =
          new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!proc.waitFor(5, TimeUnit.MINUTES)) {
        proc.destroyForcibly();
        throw new AssertionError("promtool did not finish: " + cmd);
      }
      return new Result(proc.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      if (dir != null) {
        deleteQuietly(dir);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp folder does not change a test's verdict
    }
  }
}
