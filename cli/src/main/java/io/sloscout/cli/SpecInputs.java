package io.sloscout.cli;

import io.sloscout.core.spec.Diagnostic;
import io.sloscout.core.spec.SpecSet;
import io.sloscout.core.spec.load.SpecLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loading spec paths for a command, with findings printed compiler-style on stderr. */
final class SpecInputs {

  private SpecInputs() {}

  /**
   * Loads {@code paths}.
   *
   * @throws InputException when a path does not exist or holds no spec file
   */
  static SpecSet load(List<Path> paths) {
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new InputException(p + ": no such file or folder");
      }
    }
    return new SpecLoader().load(paths);
  }

  /**
   * Loads {@code paths} for a command that needs valid specs: prints every finding, and when there
   * are errors says that {@code refused} (e.g. "nothing generated") and returns null.
   */
  static SpecSet loadValid(List<Path> paths, PrintWriter err, String refused) {
    SpecSet set = load(paths);
    print(set.diagnostics(), err);
    if (set.hasErrors()) {
      err.println(
          "slo-scout: "
              + plural(set.errors().size(), "error")
              + " in the SLO files; "
              + refused
              + " (run 'slo-scout validate' for details)");
      return null;
    }
    return set;
  }

  static void print(List<Diagnostic> diagnostics, PrintWriter err) {
    diagnostics.forEach(d -> err.println(d.format()));
  }

  static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
