package io.sloscout.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code slo-scout} command line. */
@Command(
    name = "slo-scout",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Turns the telemetry services already emit into SLOs, and SLOs into Prometheus rules with"
          + " their unit tests, Grafana dashboards and runbooks.",
      "",
      "Exit codes: 0 success, 1 the check or validation failed, 2 usage or input error,"
          + " 3 inconclusive (gate only)."
    },
    subcommands = {
      ValidateCommand.class,
      GenerateCommand.class,
      PlanCommand.class,
      GateCommand.class,
      CheckCommand.class,
      RedactCommand.class,
      FingerprintCommand.class,
      AnalyzeCommand.class,
      CollectCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SloScoutCommand implements Runnable {

  /** Exit code: success. */
  public static final int OK = 0;

  /** Exit code: the check or validation failed. */
  public static final int FAILED = 1;

  /** Exit code: usage or input error. */
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Builds the command line with SLO-Scout's exit codes and error handling. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new SloScoutCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(e -> USAGE);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          ex.getCommandLine().getErr().println("slo-scout: " + ex.getMessage());
          ex.getCommandLine()
              .getErr()
              .println(
                  "Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof InputException || ex instanceof IllegalArgumentException) {
            commandLine.getErr().println("slo-scout: " + ex.getMessage());
          } else {
            commandLine.getErr().println("slo-scout: internal error: " + ex);
            ex.printStackTrace(commandLine.getErr());
          }
          return USAGE;
        });
    return cl;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = commandLine(out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}
