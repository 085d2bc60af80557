package io.sloscout.cli;

import io.sloscout.core.fingerprint.Match;
import io.sloscout.core.fingerprint.TemplateMiner;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slo-scout fingerprint}: each input line's template cluster, as CSV. */
@Command(
    name = "fingerprint",
    mixinStandardHelpOptions = true,
    description = {
      "Groups log messages (or span names) into templates, one message per input line, and"
          + " writes CSV with the header line,cluster_id,template: the 1-based line number, the"
          + " cluster's stable id and its template with variables as <*>.",
      "",
      "Templates generalise as lines arrive; every line is printed with the template its cluster"
          + " has at the END of the run, so all lines of a cluster show the same template. Cluster"
          + " ids do not change during a run.",
      "",
      "Exit codes: 0 done, 2 usage error or an input that cannot be read."
    })
final class FingerprintCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description = "Messages, one a line (UTF-8). Default: standard input.")
  Path input;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where the CSV goes. Default: standard output.")
  Path out;

  @Override
  public Integer call() throws IOException {
    TemplateMiner miner = new TemplateMiner();
    List<String> ids = new ArrayList<>();
    // The last template seen per id is the cluster's final one (templates change only when a
    // line joins), and it survives the eviction of a cluster from the miner.
    Map<String, String> finalTemplates = new HashMap<>();
    try (BufferedReader reader = open()) {
      String line;
      while ((line = reader.readLine()) != null) {
        Match m = miner.add(line);
        ids.add(m.clusterId());
        finalTemplates.put(m.clusterId(), m.template());
      }
    }
    if (out == null) {
      Writer w = spec.commandLine().getOut();
      write(w, ids, finalTemplates);
      w.flush();
    } else {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new InputException("--out: folder " + parent + " does not exist");
      }
      try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        write(w, ids, finalTemplates);
      }
    }
    spec.commandLine()
        .getErr()
        .println(
            "OK: "
                + SpecInputs.plural(ids.size(), "line")
                + ", "
                + SpecInputs.plural(finalTemplates.size(), "cluster"));
    return SloScoutCommand.OK;
  }

  private BufferedReader open() throws IOException {
    if (input == null) {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    try {
      return Files.newBufferedReader(input, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputException("--input: file " + input + " does not exist");
    }
  }

  private static void write(Writer w, List<String> ids, Map<String, String> templates)
      throws IOException {
    w.write("line,cluster_id,template\n");
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      w.write(Integer.toString(i + 1));
      w.write(',');
      w.write(FingerprintCsv.quote(id));
      w.write(',');
      w.write(FingerprintCsv.quote(templates.get(id)));
      w.write('\n');
    }
  }
}
