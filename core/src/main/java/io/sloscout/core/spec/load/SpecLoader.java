package io.sloscout.core.spec.load;

import io.sloscout.core.spec.Diagnostic;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.SpecSet;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads SLO specs of every supported format from files and folders (recursively, {@code *.yaml} and
 * {@code *.yml}, in path order), each file holding one or more YAML documents.
 */
public final class SpecLoader {

  private final List<SpecParser> parsers;

  public SpecLoader() {
    this(
        List.of(
            new NativeSpecParser(),
            new OpenSloV1Parser(),
            new OpenSloV1alphaParser(),
            new SlothSpecParser()));
  }

  public SpecLoader(List<SpecParser> parsers) {
    this.parsers = List.copyOf(parsers);
  }

  /** Loads everything under {@code paths}; unreadable paths and bad documents become findings. */
  public SpecSet load(List<Path> paths) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<YamlDocument> documents = new ArrayList<>();
    for (Path file : files(paths, diagnostics)) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (MalformedInputException e) {
        diagnostics.add(Diagnostic.error(file, 0, 0, "", "not UTF-8 text"));
        continue;
      } catch (IOException e) {
        diagnostics.add(Diagnostic.error(file, 0, 0, "", "cannot read: " + e.getMessage()));
        continue;
      }
      try {
        documents.addAll(YamlReader.read(file, text));
      } catch (YamlReader.YamlSyntaxException e) {
        diagnostics.add(Diagnostic.error(file, e.line(), e.column(), "", e.getMessage()));
      }
    }
    ParseContext ctx = new ParseContext(documents);
    List<Slo> slos = new ArrayList<>();
    for (YamlDocument doc : documents) {
      Optional<SpecParser> parser = parsers.stream().filter(p -> p.accepts(doc)).findFirst();
      if (parser.isEmpty()) {
        unknown(doc, ctx);
        continue;
      }
      try {
        slos.addAll(parser.get().parse(doc, ctx));
      } catch (RuntimeException e) {
        // A parser bug must not hide the other files' findings; report it against the document.
        ctx.error(doc, "", "cannot parse document: " + e);
      }
    }
    diagnostics.addAll(ctx.diagnostics());
    return new SpecSet(slos, diagnostics);
  }

  private static void unknown(YamlDocument doc, ParseContext ctx) {
    if (!doc.root().isObject()) {
      ctx.error(doc, "", "expected a mapping with apiVersion and kind, found " + type(doc));
    } else if (doc.apiVersion().isEmpty()) {
      ctx.error(
          doc,
          "/apiVersion",
          "missing apiVersion (or Sloth's version); supported: openslo/v1, openslo/v1alpha,"
              + " prometheus/v1, sloth.slok.dev/v1, slo-scout.io/v1");
    } else {
      String field = doc.root().has("apiVersion") ? "/apiVersion" : "/version";
      // A known apiVersion with a kind we do not read is the kind's fault; otherwise the version's.
      ctx.error(
          doc,
          knownApiVersion(doc.apiVersion()) && !doc.kind().isEmpty() ? "/kind" : field,
          "unsupported apiVersion '"
              + doc.apiVersion()
              + "'"
              + (doc.kind().isEmpty() ? "" : " with kind '" + doc.kind() + "'")
              + "; supported: openslo/v1 SLO/SLI, openslo/v1alpha SLO, prometheus/v1,"
              + " sloth.slok.dev/v1 PrometheusServiceLevel, slo-scout.io/v1"
              + " ServiceLevelObjective");
    }
  }

  private static boolean knownApiVersion(String apiVersion) {
    for (io.sloscout.core.spec.SpecFormat f : io.sloscout.core.spec.SpecFormat.values()) {
      if (f.apiVersion().equals(apiVersion)) {
        return true;
      }
    }
    return false;
  }

  private static String type(YamlDocument doc) {
    return doc.root().getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static List<Path> files(List<Path> paths, List<Diagnostic> diagnostics) {
    List<Path> out = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile).filter(SpecLoader::isYaml).sorted().forEach(out::add);
        } catch (IOException e) {
          diagnostics.add(
              Diagnostic.error(path, 0, 0, "", "cannot list folder: " + e.getMessage()));
        }
      } else if (Files.isRegularFile(path)) {
        out.add(path);
      } else {
        diagnostics.add(Diagnostic.error(path, 0, 0, "", "no such file or folder"));
      }
    }
    return out;
  }

  private static boolean isYaml(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }
}
