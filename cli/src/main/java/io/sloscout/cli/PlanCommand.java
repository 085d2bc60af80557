package io.sloscout.cli;

import io.sloscout.core.generation.ArtifactGenerator;
import io.sloscout.core.plan.OutputFolder;
import io.sloscout.core.plan.Plan;
import io.sloscout.core.plan.PlanRenderer;
import io.sloscout.core.plan.Planner;
import io.sloscout.core.spec.SpecSet;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slo-scout plan}: what generate would add, change or remove, without writing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Dry run of generate: lists the files it would add, change or remove in DIR, and inside"
          + " rules files the recording rules and alerts that change. Writes nothing.",
      "",
      "The plan goes to stdout: plain text, or Markdown with --format md (usable as a"
          + " pull-request comment).",
      "",
      "Exit codes: 0 whether or not there are changes, 2 usage or input error."
    })
final class PlanCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "SLO files or folders.")
  List<Path> paths;

  @Option(
      names = {"--out", "-o"},
      paramLabel = "DIR",
      required = true,
      description = "The output folder generate would write to.")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "text|md",
      defaultValue = "text",
      description = "text or md (Markdown). Default: ${DEFAULT-VALUE}.")
  String format;

  @Mixin GenerationMixin generation;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("text") && !format.equals("md")) {
      throw new InputException("--format: unknown format '" + format + "' (use text or md)");
    }
    var err = spec.commandLine().getErr();
    var options = generation.options();
    SpecSet set = SpecInputs.loadValid(paths, err, "no plan");
    if (set == null) {
      return SloScoutCommand.USAGE;
    }
    Plan plan =
        Planner.plan(new OutputFolder(out), new ArtifactGenerator(options).generate(set.slos()));
    spec.commandLine()
        .getOut()
        .print(format.equals("md") ? PlanRenderer.markdown(plan) : PlanRenderer.text(plan));
    spec.commandLine().getOut().flush();
    return SloScoutCommand.OK;
  }
}
