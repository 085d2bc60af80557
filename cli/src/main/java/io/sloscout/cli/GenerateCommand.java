package io.sloscout.cli;

import io.sloscout.core.generation.ArtifactGenerator;
import io.sloscout.core.plan.ChangeKind;
import io.sloscout.core.plan.OutputFolder;
import io.sloscout.core.plan.Plan;
import io.sloscout.core.plan.Planner;
import io.sloscout.core.spec.SpecSet;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slo-scout generate}: rules, rule tests, dashboards and runbooks from SLO files. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generates, per service: DIR/prometheus/<service>.rules.yaml (recording rules with Sloth's"
          + " names and multi-window multi-burn-rate alerts), DIR/prometheus/<service>.rules"
          + ".test.yaml (promtool unit tests: a fast burn pages, a slow burn opens a ticket,"
          + " healthy traffic is silent), DIR/grafana/<service>.dashboard.json, and per SLO"
          + " DIR/runbooks/<service>-<slo>.md.",
      "",
      "Output is deterministic. Files generate wrote before and no longer produces are removed"
          + " (it keeps a manifest, DIR/"
          + OutputFolder.MANIFEST
          + "); other files are left alone.",
      "Check the result with: promtool check rules DIR/prometheus/*.rules.yaml &&"
          + " (cd DIR/prometheus && promtool test rules *.rules.test.yaml)",
      "",
      "Exit codes: 0 written, 2 usage or input error (invalid SLO files)."
    })
final class GenerateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "SLO files or folders.")
  List<Path> paths;

  @Option(
      names = {"--out", "-o"},
      paramLabel = "DIR",
      defaultValue = "slo-out",
      description = "Output folder. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Mixin GenerationMixin generation;

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    var options = generation.options();
    SpecSet set = SpecInputs.loadValid(paths, err, "nothing generated");
    if (set == null) {
      return SloScoutCommand.USAGE;
    }
    if (set.slos().isEmpty()) {
      throw new InputException("no SLOs found in " + paths);
    }
    SortedMap<String, String> files = new ArtifactGenerator(options).generate(set.slos());
    OutputFolder folder = new OutputFolder(out);
    Plan plan = Planner.plan(folder, files);
    folder.write(files);
    err.println(
        "Generated "
            + SpecInputs.plural(files.size(), "file")
            + " for "
            + SpecInputs.plural(set.slos().size(), "SLO")
            + " in "
            + out
            + " ("
            + plan.count(ChangeKind.ADD)
            + " added, "
            + plan.count(ChangeKind.CHANGE)
            + " changed, "
            + plan.count(ChangeKind.REMOVE)
            + " removed, "
            + plan.count(ChangeKind.UNCHANGED)
            + " unchanged)");
    return SloScoutCommand.OK;
  }
}
