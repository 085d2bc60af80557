package io.sloscout.cli;

import io.sloscout.core.journey.AssemblyConfig;
import io.sloscout.core.journey.DiscoveryConfig;
import io.sloscout.core.journey.DiscoveryResult;
import io.sloscout.core.journey.DiscoveryStats;
import io.sloscout.core.journey.JourneyDiscovery;
import io.sloscout.core.recommendation.AnalysisFiles;
import io.sloscout.core.recommendation.RecommendationSet;
import io.sloscout.core.recommendation.SliRecommender;
import io.sloscout.core.telemetry.LogRecord;
import io.sloscout.core.telemetry.OtlpFormatException;
import io.sloscout.core.telemetry.OtlpJsonReader;
import io.sloscout.core.telemetry.ReadStats;
import io.sloscout.core.telemetry.Span;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slo-scout analyze}: user journeys and recommended SLOs from OTLP/JSON traces and logs. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Discovers user journeys in OTLP/JSON traces (the collector's file exporter format: one"
          + " ExportTraceServiceRequest per line, or whole JSON documents; .gz too) and recommends"
          + " an availability and a latency SLO per journey that the observed data meets.",
      "",
      "Writes DIR/journeys.json, DIR/recommendations.json and DIR/slos/<journey>.yaml (input for"
          + " 'slo-scout generate'). Health probes and internal jobs are left out. PII is redacted"
          + " before anything is kept. Bad lines are skipped and reported with file and line.",
      "",
      "Exit codes: 0 written, 2 usage or input error."
    })
final class AnalyzeCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--traces",
      required = true,
      paramLabel = "PATH",
      description = "OTLP/JSON trace file or folder (*.json, *.jsonl, *.ndjson, optionally .gz).")
  List<Path> traces;

  @Option(
      names = "--logs",
      paramLabel = "PATH",
      description = "OTLP/JSON log file or folder; error logs become evidence, joined by trace id.")
  List<Path> logs = new ArrayList<>();

  @Option(
      names = {"--out", "-o"},
      paramLabel = "DIR",
      defaultValue = "slo-scout-analysis",
      description = "Output folder. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(
      names = "--strict",
      description = "Stop at the first bad line (exit 2) instead of skipping it.")
  boolean strict;

  @Option(
      names = "--progress-mb",
      paramLabel = "N",
      defaultValue = "64",
      description = "Report progress on stderr every N MB read. Default: ${DEFAULT-VALUE}.")
  double progressMb;

  @Option(
      names = "--trace-window",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "A trace is complete once no span of it arrived for this many seconds of event time;"
              + " raise it when the spans of one trace lie far apart in the input (one file per"
              + " service). Default: ${DEFAULT-VALUE}.")
  long traceWindowSeconds;

  @Option(
      names = "--max-open-traces",
      paramLabel = "N",
      defaultValue = "100000",
      description =
          "Traces held open at most; beyond it the oldest is analysed early. Default:"
              + " ${DEFAULT-VALUE}.")
  int maxOpenTraces;

  private static final int SHOWN_PROBLEMS = 20;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    List<Path> traceFiles = files(traces);
    List<Path> logFiles = files(logs);
    if (traceWindowSeconds < 0 || maxOpenTraces < 1) {
      throw new InputException("--trace-window must be 0 or more, --max-open-traces 1 or more");
    }
    AssemblyConfig assembly =
        new AssemblyConfig(
            Duration.ofSeconds(traceWindowSeconds),
            maxOpenTraces,
            AssemblyConfig.DEFAULTS.maxSpansPerTrace(),
            AssemblyConfig.DEFAULTS.rememberClosed());
    JourneyDiscovery discovery =
        new JourneyDiscovery(DiscoveryConfig.standard().withAssembly(assembly));
    AnalyzeProgress progress = new AnalyzeProgress(err, (long) (progressMb * 1024 * 1024), strict);
    OtlpJsonReader reader = new OtlpJsonReader();
    ReadStats read = ReadStats.EMPTY;
    // Logs first: their error templates wait, by trace id, for the traces they belong to.
    for (Path f : logFiles) {
      read = read.plus(reader.read(f, progress.listener(discovery)));
    }
    for (Path f : traceFiles) {
      read = read.plus(reader.read(f, progress.listener(discovery)));
    }
    if (read.spans() == 0) {
      throw new InputException(
          "no spans found in "
              + traces
              + (read.problems() > 0 ? " (" + read.problems() + " bad lines or records)" : ""));
    }
    DiscoveryResult result = discovery.finish();
    RecommendationSet recs = new SliRecommender().recommend(result.journeys());
    SortedMap<String, String> files = AnalysisFiles.render(result.journeys(), recs);
    write(files);
    summary(err, read, result, recs);
    return SloScoutCommand.OK;
  }

  private void write(SortedMap<String, String> files) throws IOException {
    Path slos = out.resolve("slos");
    Files.createDirectories(slos);
    // SLO files of journeys no longer seen would otherwise linger and be generated from.
    try (Stream<Path> old = Files.list(slos)) {
      for (Path p : (Iterable<Path>) old::iterator) {
        if (p.getFileName().toString().endsWith(".yaml")
            && !files.containsKey(AnalysisFiles.SLOS + p.getFileName())) {
          Files.delete(p);
        }
      }
    }
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path target = out.resolve(f.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
    }
  }

  private void summary(
      PrintWriter err, ReadStats read, DiscoveryResult result, RecommendationSet recs) {
    DiscoveryStats s = result.stats();
    err.println(
        "Read "
            + read.spans()
            + " spans and "
            + read.logs()
            + " log records from "
            + read.lines()
            + " lines"
            + (read.problems() > 0 ? " (" + read.problems() + " bad lines or records skipped)" : "")
            + ".");
    err.println(
        "Traces: "
            + s.assembly().traces()
            + " ("
            + s.userTraces()
            + " user, "
            + s.probeTraces()
            + " probes, "
            + s.jobTraces()
            + " jobs, "
            + s.incompleteTraces()
            + " incomplete"
            + (s.assembly().evictedTraces() > 0
                ? ", " + s.assembly().evictedTraces() + " evicted early"
                : "")
            + (s.assembly().lateSpans() > 0
                ? ", " + s.assembly().lateSpans() + " late spans dropped"
                : "")
            + ").");
    err.println(
        "Found "
            + result.journeys().size()
            + " journeys; "
            + recs.recommendations().size()
            + " SLOs recommended; wrote "
            + out.resolve(AnalysisFiles.JOURNEYS)
            + ", "
            + out.resolve(AnalysisFiles.RECOMMENDATIONS)
            + " and "
            + out.resolve("slos"));
    result
        .journeys()
        .forEach(
            j ->
                err.println(
                    "  "
                        + j.id()
                        + "  "
                        + j.requests()
                        + " requests, "
                        + j.services().size()
                        + " services"));
    recs.skipped().forEach(line -> err.println("  not recommended: " + line));
  }

  private static List<Path> files(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().matches(".*\\.(json|jsonl|ndjson)(\\.gz)?"))
              .sorted()
              .forEach(files::add);
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        throw new InputException(p + ": no such file or folder");
      }
    }
    return files;
  }

  /** Shows progress and bad lines on stderr, and feeds what is read into discovery. */
  static final class AnalyzeProgress {
    private final PrintWriter err;
    private final long step;
    private final boolean strict;
    private long shown;
    private long problems;

    AnalyzeProgress(PrintWriter err, long step, boolean strict) {
      this.err = err;
      this.step = Math.max(1, step);
      this.strict = strict;
    }

    OtlpJsonReader.Listener listener(JourneyDiscovery discovery) {
      return new OtlpJsonReader.Listener() {
        long next = step;

        @Override
        public void span(Span span) {
          discovery.span(span);
        }

        @Override
        public void log(LogRecord record) {
          discovery.log(record);
        }

        @Override
        public void problem(OtlpFormatException problem) {
          if (strict) {
            throw new InputException(problem.getMessage());
          }
          problems++;
          if (shown < SHOWN_PROBLEMS) {
            shown++;
            err.println("slo-scout: skipped " + problem.getMessage());
          } else if (shown == SHOWN_PROBLEMS) {
            shown++;
            err.println("slo-scout: more bad lines skipped; the summary counts them");
          }
        }

        @Override
        public void progress(String source, long lines, long bytes) {
          if (bytes >= next) {
            next = (bytes / step + 1) * step;
            err.printf(
                "analyze: %s: %.1f MB, %d lines, %d traces so far%n",
                source, bytes / 1048576.0, lines, discovery.stats().assembly().traces());
            err.flush();
          }
        }
      };
    }
  }
}
