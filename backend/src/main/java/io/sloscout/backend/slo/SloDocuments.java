package io.sloscout.backend.slo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.sloscout.backend.problem.Problem;
import io.sloscout.backend.problem.ProblemException;
import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.spec.Diagnostic;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.SpecFormat;
import io.sloscout.core.spec.SpecSet;
import io.sloscout.core.spec.load.SpecLoader;
import io.sloscout.core.spec.load.YamlDocument;
import io.sloscout.core.spec.load.YamlReader;
import io.sloscout.core.validation.SloValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads SLO documents the way {@code slo-scout validate} does: core's loader (schema, positions)
 * and validator (business warnings). The store keeps one native {@code slo-scout.io/v1} document
 * per SLO resource, as YAML; a JSON body is the same document in JSON and is stored as YAML.
 */
public final class SloDocuments {

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  private static final ObjectMapper JSON = new ObjectMapper();

  private SloDocuments() {}

  /**
   * A valid SLO document.
   *
   * @param id {@code <spec.service>-<metadata.name>}, the resource id
   * @param service the SLO's service
   * @param name {@code metadata.name}
   * @param yaml the document as stored
   * @param slos the SLOs it defines (one per objective)
   * @param warnings the validator's findings
   */
  public record Parsed(
      String id,
      String service,
      String name,
      String yaml,
      List<Slo> slos,
      List<Problem.Finding> warnings) {}

  /**
   * Parses and validates one document sent by a client.
   *
   * @param text the body
   * @param json whether the body is JSON (it is then stored as YAML)
   * @param fileName the name findings carry ({@code request.yaml})
   * @throws ProblemException 422 with the findings when it is not one valid native document
   */
  public static Parsed parse(
      String text, boolean json, String fileName, GenerationOptions options) {
    if (text == null || text.isBlank()) {
      throw ProblemException.badRequest("empty body: send one slo-scout.io/v1 document");
    }
    Path logical = Path.of(fileName);
    List<YamlDocument> docs;
    try {
      docs = YamlReader.read(logical, text);
    } catch (YamlReader.YamlSyntaxException e) {
      throw ProblemException.invalid(
          "the document is not valid " + (json ? "JSON" : "YAML"),
          List.of(finding(Diagnostic.error(logical, e.line(), e.column(), "", e.getMessage()))),
          List.of());
    }
    if (docs.size() != 1) {
      throw ProblemException.invalid(
          "send exactly one document, found " + docs.size(),
          List.of(
              finding(
                  Diagnostic.error(
                      logical, 0, 0, "", "expected one document, found " + docs.size()))),
          List.of());
    }
    YamlDocument doc = docs.get(0);
    if (!SpecFormat.NATIVE_V1.apiVersion().equals(doc.apiVersion())) {
      var p = doc.positionOf("/apiVersion");
      throw ProblemException.invalid(
          "only slo-scout.io/v1 ServiceLevelObjective documents are stored",
          List.of(
              finding(
                  Diagnostic.error(
                      logical,
                      p.line(),
                      p.column(),
                      "apiVersion",
                      "expected apiVersion slo-scout.io/v1, found '" + doc.apiVersion() + "'"))),
          List.of());
    }
    SpecSet set = load(Map.of("document.yaml", text), logical);
    List<Diagnostic> warnings = new ArrayList<>(set.warnings());
    if (set.hasErrors() || set.slos().isEmpty()) {
      throw ProblemException.invalid(
          set.errors().size() + " error(s) in the SLO document",
          set.errors().stream().map(SloDocuments::finding).toList(),
          warnings.stream().map(SloDocuments::finding).toList());
    }
    // the SLOs' sources name our temp file; findings name the client's
    for (Diagnostic d : new SloValidator().validate(set, options)) {
      warnings.add(
          new Diagnostic(d.severity(), logical, d.line(), d.column(), d.field(), d.message()));
    }
    warnings.sort(Diagnostic.ORDER);
    String service = doc.at("/spec/service").asText();
    String name = doc.at("/metadata/name").asText();
    String yaml = json ? toYaml(doc.root()) : text.endsWith("\n") ? text : text + "\n";
    return new Parsed(
        service + "-" + name,
        service,
        name,
        yaml,
        set.slos(),
        warnings.stream().map(SloDocuments::finding).toList());
  }

  /**
   * Loads stored documents (file name → YAML) through core's loader; findings name the given file
   * names.
   */
  public static SpecSet load(Map<String, String> files) {
    return load(files, null);
  }

  private static SpecSet load(Map<String, String> files, Path shownAs) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("slo-scout-specs");
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = dir.resolve(safeName(f.getKey()));
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
      }
      SpecSet set = new SpecLoader().load(List.of(dir));
      Path base = dir;
      // findings name the client's file, not our temp folder
      List<Diagnostic> diagnostics =
          set.diagnostics().stream()
              .map(
                  d ->
                      new Diagnostic(
                          d.severity(),
                          shownAs != null ? shownAs : relative(base, d.file()),
                          d.line(),
                          d.column(),
                          d.field(),
                          d.message()))
              .toList();
      return new SpecSet(set.slos(), diagnostics);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(dir);
    }
  }

  /** The document converted to YAML, for a body that came as JSON. */
  static String toYaml(JsonNode root) {
    try {
      return YAML.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stored YAML as a JSON tree, for clients that asked for JSON. */
  public static JsonNode tree(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String json(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A finding as the API shows it. */
  public static Problem.Finding finding(Diagnostic d) {
    return new Problem.Finding(
        d.file().toString().replace('\\', '/'),
        d.line(),
        d.column(),
        d.field(),
        d.message(),
        d.format());
  }

  private static Path relative(Path base, Path file) {
    return file.startsWith(base) ? base.relativize(file) : file;
  }

  private static String safeName(String name) {
    String n = name.replaceAll("[^A-Za-z0-9_./-]", "-");
    if (n.contains("..") || n.startsWith("/")) {
      throw new IllegalArgumentException("bad file name " + name);
    }
    return n;
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind does not change the result
    }
  }
}
