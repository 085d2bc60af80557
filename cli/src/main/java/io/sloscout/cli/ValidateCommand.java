package io.sloscout.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sloscout.core.spec.Diagnostic;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.SpecSet;
import io.sloscout.core.validation.SloValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slo-scout validate}: schema and business checks of SLO files. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks SLO files: OpenSLO openslo/v1 and openslo/v1alpha, Sloth prometheus/v1 and"
          + " sloth.slok.dev/v1 PrometheusServiceLevel, and slo-scout.io/v1"
          + " ServiceLevelObjective. Folders are read recursively (*.yaml, *.yml).",
      "",
      "Errors name the file, line, column and field. Warnings flag targets above 99.99% or below"
          + " 90%, duplicate SLO ids, periods shorter than the longest alert window, and"
          + " unbalanced or empty PromQL.",
      "",
      "Exit codes: 0 valid (warnings allowed unless --strict), 1 invalid, 2 usage error or a"
          + " path that does not exist."
    })
final class ValidateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "SLO files or folders.")
  List<Path> paths;

  @Option(
      names = "--strict",
      description = "Treat warnings as failures (exit 1).",
      defaultValue = "false")
  boolean strict;

  @Option(
      names = "--format",
      paramLabel = "text|json",
      defaultValue = "text",
      description =
          "text: findings on stderr only. json: also a report on stdout"
              + " ({valid, slos[], diagnostics[]}). Default: ${DEFAULT-VALUE}.")
  String format;

  @Mixin GenerationMixin generation;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("text") && !format.equals("json")) {
      throw new InputException("--format: unknown format '" + format + "' (use text or json)");
    }
    SpecSet set = SpecInputs.load(paths);
    List<Diagnostic> all = new ArrayList<>(set.diagnostics());
    all.addAll(new SloValidator().validate(set, generation.options()));
    all.sort(Diagnostic.ORDER);
    var err = spec.commandLine().getErr();
    SpecInputs.print(all, err);
    long errors = all.stream().filter(Diagnostic::isError).count();
    long warnings = all.size() - errors;
    boolean valid = errors == 0 && (!strict || warnings == 0);
    err.println(
        (valid ? "OK: " : "FAILED: ")
            + SpecInputs.plural(set.slos().size(), "SLO")
            + ", "
            + SpecInputs.plural(errors, "error")
            + ", "
            + SpecInputs.plural(warnings, "warning"));
    if (format.equals("json")) {
      spec.commandLine().getOut().println(json(valid, set.slos(), all));
    }
    return valid ? SloScoutCommand.OK : SloScoutCommand.FAILED;
  }

  private static String json(boolean valid, List<Slo> slos, List<Diagnostic> diagnostics)
      throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("valid", valid);
    ArrayNode s = root.putArray("slos");
    for (Slo slo : slos) {
      ObjectNode n = s.addObject();
      n.put("id", slo.id());
      n.put("service", slo.service());
      n.put("name", slo.name());
      n.put("objective", slo.objective());
      n.put("period", slo.period().toString());
      n.put("file", slo.source().file().toString());
      n.put("line", slo.source().line());
      n.put("format", slo.source().format().apiVersion());
    }
    ArrayNode d = root.putArray("diagnostics");
    for (Diagnostic diag : diagnostics) {
      ObjectNode n = d.addObject();
      n.put("severity", diag.severity().label());
      n.put("file", diag.file().toString());
      n.put("line", diag.line());
      n.put("column", diag.column());
      n.put("field", diag.field());
      n.put("message", diag.message());
    }
    return mapper.writeValueAsString(root);
  }
}
