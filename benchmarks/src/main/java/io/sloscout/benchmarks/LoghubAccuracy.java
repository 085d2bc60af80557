package io.sloscout.benchmarks;

import io.sloscout.core.fingerprint.TemplateMiner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grouping accuracy (GA) of {@link TemplateMiner} on the 16 Loghub-2k systems with the corrected
 * ground truth.
 *
 * <p>GA is the standard Loghub metric: a line counts as correct when the set of lines in its
 * predicted cluster equals the set of lines with its ground-truth event id. The miner sees only the
 * message part of each raw line (the header is cut off with the system's log format below, which is
 * input parsing, not tuning) and runs with its shipped defaults.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.sloscout.benchmarks.LoghubAccuracy
 * --data DIR [--system NAME] [--details]}, where DIR is a copy of {@code data/loghub_2k_corrected}
 * from https://github.com/logpai/logparser (nothing is downloaded at run time).
 */
public final class LoghubAccuracy {

  /** Log formats of the Loghub-2k systems: which header fields precede the message. */
  private static final Map<String, String> FORMATS = new LinkedHashMap<>();

  static {
    FORMATS.put("Android", "<Date> <Time>  <Pid>  <Tid> <Level> <Component>: <Content>");
    FORMATS.put("Apache", "\\[<Time>\\] \\[<Level>\\] <Content>");
    FORMATS.put(
        "BGL",
        "<Label> <Timestamp> <Date> <Node> <Time> <NodeRepeat> <Type> <Component> <Level>"
            + " <Content>");
    FORMATS.put("HDFS", "<Date> <Time> <Pid> <Level> <Component>: <Content>");
    FORMATS.put("HPC", "<LogId> <Node> <Component> <State> <Time> <Flag> <Content>");
    FORMATS.put("Hadoop", "<Date> <Time> <Level> \\[<Process>\\] <Component>: <Content>");
    FORMATS.put("HealthApp", "<Time>\\|<Component>\\|<Pid>\\|<Content>");
    FORMATS.put("Linux", "<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>");
    FORMATS.put(
        "Mac",
        "<Month>  <Date> <Time> <User> <Component>\\[<PID>\\]( \\(<Address>\\))?: <Content>");
    FORMATS.put("OpenSSH", "<Date> <Day> <Time> <Component> sshd\\[<Pid>\\]: <Content>");
    FORMATS.put(
        "OpenStack", "<Logrecord> <Date> <Time> <Pid> <Level> <Component> \\[<ADDR>\\] <Content>");
    FORMATS.put("Proxifier", "\\[<Time>\\] <Program> - <Content>");
    FORMATS.put("Spark", "<Date> <Time> <Level> <Component>: <Content>");
    FORMATS.put(
        "Thunderbird",
        "<Label> <Timestamp> <Date> <User> <Month> <Day> <Time> <Location>"
            + " <Component>(\\[<PID>\\])?: <Content>");
    FORMATS.put("Windows", "<Date> <Time>, <Level>                  <Component>    <Content>");
    FORMATS.put("Zookeeper", "<Date> <Time> - <Level>  \\[<Node>:<Component>@<Id>\\] - <Content>");
  }

  private LoghubAccuracy() {}

  /** Prints GA per system and the average; exit 2 when the data is missing. */
  public static void main(String[] args) throws IOException {
    Path data = null;
    String only = null;
    boolean details = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(args[++i]);
        case "--system" -> only = args[++i];
        case "--details" -> details = true;
        default -> {
          System.err.println("unknown argument: " + args[i]);
          System.exit(2);
        }
      }
    }
    if (data == null || !Files.isDirectory(data)) {
      System.err.println(
          "Loghub data not found"
              + (data == null ? " (pass --data DIR)" : ": " + data)
              + ".\nGet it with: git clone --depth 1 https://github.com/logpai/logparser"
              + " && pass --data logparser/data/loghub_2k_corrected");
      System.exit(2);
    }
    PrintStream out = System.out;
    double sum = 0;
    int n = 0;
    for (Map.Entry<String, String> e : FORMATS.entrySet()) {
      if (only != null && !only.equals(e.getKey())) {
        continue;
      }
      double ga = evaluate(data, e.getKey(), e.getValue(), details ? out : null);
      out.printf(Locale.ROOT, "%-12s %.4f%n", e.getKey(), ga);
      sum += ga;
      n++;
    }
    out.printf(Locale.ROOT, "%-12s %.4f%n", "Average", sum / n);
  }

  /** GA of a fresh miner on one system; prints the wrong clusters to {@code details} if set. */
  static double evaluate(Path data, String system, String format, PrintStream details)
      throws IOException {
    Path dir = data.resolve(system);
    List<String> raw = Files.readAllLines(dir.resolve(system + "_2k.log"), StandardCharsets.UTF_8);
    List<String> truthLines =
        Files.readAllLines(
            dir.resolve(system + "_2k.log_structured_corrected.csv"), StandardCharsets.UTF_8);
    List<String> header = parseCsvLine(truthLines.get(0));
    int eventCol = header.indexOf("EventId");
    int templateCol = header.indexOf("EventTemplate");
    Map<String, String> truthTemplates = new HashMap<>();
    List<String> truth = new ArrayList<>();
    for (String line : truthLines.subList(1, truthLines.size())) {
      if (line.isBlank()) {
        continue;
      }
      List<String> f = parseCsvLine(line);
      truth.add(f.get(eventCol));
      truthTemplates.put(f.get(eventCol), f.get(templateCol));
    }
    Pattern pattern = formatRegex(format);
    TemplateMiner miner = new TemplateMiner();
    List<String> predicted = new ArrayList<>();
    List<String> contents = new ArrayList<>();
    for (String line : raw) {
      Matcher m = pattern.matcher(line.strip());
      if (!m.matches()) {
        continue; // as the reference tools do: lines off the format are not in the ground truth
      }
      String content = m.group("Content");
      contents.add(content);
      predicted.add(miner.add(content).clusterId());
    }
    if (predicted.size() != truth.size()) {
      throw new IllegalStateException(
          system + ": " + predicted.size() + " parsed lines but " + truth.size() + " labelled");
    }
    Map<String, List<Integer>> byPredicted = new TreeMap<>();
    Map<String, Integer> truthSize = new HashMap<>();
    for (int i = 0; i < predicted.size(); i++) {
      byPredicted.computeIfAbsent(predicted.get(i), k -> new ArrayList<>()).add(i);
      truthSize.merge(truth.get(i), 1, Integer::sum);
    }
    int correct = 0;
    for (Map.Entry<String, List<Integer>> e : byPredicted.entrySet()) {
      List<Integer> lines = e.getValue();
      String first = truth.get(lines.get(0));
      boolean pure = lines.stream().allMatch(i -> truth.get(i).equals(first));
      if (pure && truthSize.get(first) == lines.size()) {
        correct += lines.size();
      } else if (details != null) {
        Map<String, Integer> mix = new TreeMap<>();
        lines.forEach(i -> mix.merge(truth.get(i), 1, Integer::sum));
        details.println(
            "  " + system + " cluster " + miner.template(e.getKey()).orElseThrow().template());
        for (Map.Entry<String, Integer> t : mix.entrySet()) {
          details.println(
              "      "
                  + t.getValue()
                  + "/"
                  + truthSize.get(t.getKey())
                  + "  "
                  + truthTemplates.get(t.getKey())
                  + "   e.g. "
                  + contents.get(
                      lines.stream()
                          .filter(i -> truth.get(i).equals(t.getKey()))
                          .findFirst()
                          .get()));
        }
      }
    }
    return (double) correct / truth.size();
  }

  /** The regex for a Loghub log format: each {@code <Field>} a lazy group, runs of spaces \s+. */
  static Pattern formatRegex(String format) {
    StringBuilder regex = new StringBuilder("^");
    Matcher m = Pattern.compile("<([^<>]+)>").matcher(format);
    int last = 0;
    while (m.find()) {
      regex.append(format.substring(last, m.start()).replaceAll(" +", "\\\\s+"));
      String name = m.group(1);
      regex.append(name.equals("Content") ? "(?<Content>.*?)" : "(?:.*?)");
      last = m.end();
    }
    regex.append(format.substring(last).replaceAll(" +", "\\\\s+")).append('$');
    return Pattern.compile(regex.toString());
  }

  /** One CSV record on one line (RFC 4180 quoting). */
  static List<String> parseCsvLine(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            sb.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          sb.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(sb.toString());
        sb.setLength(0);
      } else {
        sb.append(c);
      }
    }
    fields.add(sb.toString());
    return fields;
  }
}
