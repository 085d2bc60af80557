package io.sloscout.cli;

import io.sloscout.core.gate.GateDecision;
import io.sloscout.core.gate.ReleaseGate;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slo-scout gate}: promote, roll back or wait, from SLO burn rates and error budgets. */
@Command(
    name = "gate",
    mixinStandardHelpOptions = true,
    subcommands = GateServeCommand.class,
    description = {
      "Decides whether a release may go on, from the SLOs' burn rates and error budgets measured"
          + " on Prometheus at one instant (instant queries of each SLI's own PromQL, so the"
          + " recording rules need not be deployed).",
      "",
      "rollback: a blocking SLO fires a page burn-rate condition (short AND long window above"
          + " factor x budget, as the generated alerts), has exhausted its error budget, or"
          + " reached a step of its error-budget policy the gate policy maps to rollback."
          + " inconclusive: too little traffic (fewer than 100 events over 1h by default) or no"
          + " data. promote: otherwise.",
      "",
      "Prints JSON on stdout ({decision, reasons[], burnRates{window: value},"
          + " errorBudgetRemaining, slos[]}), Markdown with --format md.",
      "",
      "Exit codes: 0 promote, 1 rollback, 3 inconclusive, 2 usage or input error (including an"
          + " unreachable Prometheus)."
    })
final class GateCommand implements Callable<Integer> {

  /** Exit code: the release may be promoted. */
  static final int PROMOTE = 0;

  /** Exit code: roll the release back. */
  static final int ROLLBACK = 1;

  /** Exit code: too little data to decide. */
  static final int INCONCLUSIVE = 3;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin GateOptions options;

  @Option(
      names = "--time",
      paramLabel = "T",
      description =
          "Evaluation time, RFC 3339 (2024-06-05T12:00:00Z) or Unix seconds. Default: now.")
  String time;

  @Option(
      names = "--format",
      paramLabel = "json|md",
      defaultValue = "json",
      description = "json (the contract) or md (for a pull-request check or a job summary).")
  String format;

  // The command line reads the clock; the decision logic only gets the instant.
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    if (!format.equals("json") && !format.equals("md")) {
      throw new InputException("--format: unknown format '" + format + "' (use json or md)");
    }
    Instant at = time == null ? clock.instant() : GateTime.parse(time, "--time");
    var err = spec.commandLine().getErr();
    GateOptions.Setup setup = options.load(err);
    GateDecision d;
    try {
      d =
          new ReleaseGate(setup.policy())
              .evaluate(setup.slos(), setup.options(), setup.prometheus(), at);
    } catch (IOException e) {
      throw new InputException(e.getMessage());
    }
    var out = spec.commandLine().getOut();
    out.print(format.equals("md") ? GateReport.markdown(d) : GateReport.jsonText(d) + "\n");
    out.flush();
    err.println("slo-scout gate: " + d.decision().label());
    return exitCode(d);
  }

  static int exitCode(GateDecision d) {
    return switch (d.decision()) {
      case PROMOTE -> PROMOTE;
      case ROLLBACK -> ROLLBACK;
      case INCONCLUSIVE -> INCONCLUSIVE;
    };
  }
}
