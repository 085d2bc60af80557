package io.sloscout.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository the tests check; surefire runs them from the repository root. */
final class Repo {

  /** The repository root. */
  static final Path ROOT = Path.of("").toAbsolutePath();

  /** The Helm chart. */
  static final Path CHART = ROOT.resolve("charts/slo-scout");

  private Repo() {}

  /** A fresh folder under the build folder (or the system temp folder outside Maven). */
  static Path tempDir(String prefix) {
    try {
      String base = System.getProperty("deploy.tests.tmp");
      if (base == null) {
        return Files.createTempDirectory(prefix);
      }
      Path dir = Path.of(base);
      Files.createDirectories(dir);
      return Files.createTempDirectory(dir, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
