package io.sloscout.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in process and captures its exit code, stdout and stderr. */
final class CliRunner {

  private CliRunner() {}

  record Result(int exitCode, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = SloScoutCommand.commandLine(o, e).execute(args);
    }
    return new Result(code, out.toString(), err.toString());
  }
}
