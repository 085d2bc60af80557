package io.sloscout.core.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The detectors and attribute defaults of {@code pii-detectors.yaml}.
 *
 * @param detectors in priority order
 * @param allowKeys attribute keys whose values are never redacted
 * @param secretKeyWords words that make an attribute key's whole value a secret
 */
record DetectorCatalog(
    List<Detector> detectors, Set<String> allowKeys, Set<String> secretKeyWords) {

  static final String RESOURCE = "pii-detectors.yaml";
  private static final DetectorCatalog BUILT_IN = loadBuiltIn();

  DetectorCatalog {
    detectors = List.copyOf(detectors);
    allowKeys = Set.copyOf(allowKeys);
    secretKeyWords = Set.copyOf(secretKeyWords);
  }

  /** The detectors that ship with SLO-Scout. */
  static DetectorCatalog builtIn() {
    return BUILT_IN;
  }

  /** The names of all detectors, in priority order. */
  List<String> names() {
    return detectors.stream().map(Detector::name).toList();
  }

  /**
   * Reads a catalog in the {@code pii-detectors.yaml} format.
   *
   * @throws IllegalArgumentException naming the source and the detector when it is invalid
   */
  static DetectorCatalog parse(InputStream in, String source) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
    JsonNode list = root == null ? null : root.get("detectors");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException(source + ": 'detectors' must be a non-empty list");
    }
    List<Detector> detectors = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode d : list) {
      String where = source + ": detector '" + d.path("name").asText() + "'";
      try {
        Detector detector = detector(d);
        if (!names.add(detector.name())) {
          throw new IllegalArgumentException("the name is used twice");
        }
        detectors.add(detector);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    JsonNode attributes = root.path("attributes");
    return new DetectorCatalog(
        detectors,
        strings(attributes.path("allowKeys"), "attributes.allowKeys", source),
        strings(attributes.path("secretKeyWords"), "attributes.secretKeyWords", source));
  }

  private static Detector detector(JsonNode d) {
    String name = text(d, "name");
    String type = text(d, "type");
    if (!type.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException("type must be upper case letters, digits and '_'");
    }
    JsonNode prefilter = d.path("prefilter");
    List<String> literals = new ArrayList<>();
    for (JsonNode l : prefilter.path("literals")) {
      literals.add(l.asText().toLowerCase(Locale.ROOT));
    }
    Map<Shape, Integer> shapes = new EnumMap<>(Shape.class);
    for (Iterator<Map.Entry<String, JsonNode>> it = prefilter.path("shapes").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Shape shape = Shape.byYamlName(e.getKey());
      if (shape == null || !e.getValue().canConvertToInt() || e.getValue().asInt() < 1) {
        throw new IllegalArgumentException(
            "prefilter.shapes: '" + e.getKey() + "' is not a shape with a positive minimum");
      }
      shapes.put(shape, e.getValue().asInt());
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(text(d, "pattern"));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("pattern: " + e.getDescription(), e);
    }
    List<String> groups = new ArrayList<>();
    for (JsonNode g : d.path("groups")) {
      if (!pattern.pattern().contains("(?<" + g.asText() + ">")) {
        throw new IllegalArgumentException("groups: the pattern has no group '" + g.asText() + "'");
      }
      groups.add(g.asText());
    }
    Validator validator = Validator.byYamlName(d.path("validator").asText("none"));
    if (validator == null) {
      throw new IllegalArgumentException(
          "validator: unknown '" + d.path("validator").asText() + "'");
    }
    Detector.Normalization normalize =
        switch (d.path("normalize").asText("lowercase")) {
          case "lowercase" -> Detector.Normalization.LOWERCASE;
          case "alphanumeric" -> Detector.Normalization.ALPHANUMERIC;
          default ->
              throw new IllegalArgumentException("normalize: must be lowercase or alphanumeric");
        };
    return new Detector(
        name,
        type,
        literals,
        shapes,
        pattern,
        groups,
        validator,
        d.path("pseudonym").asBoolean(false),
        normalize);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return v.asText();
  }

  private static Set<String> strings(JsonNode list, String field, String source) {
    if (list.isMissingNode()) {
      return Set.of();
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException(source + ": " + field + " must be a list");
    }
    Set<String> out = new LinkedHashSet<>();
    list.forEach(v -> out.add(v.asText().toLowerCase(Locale.ROOT)));
    return out;
  }

  private static DetectorCatalog loadBuiltIn() {
    try (InputStream in = DetectorCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the classpath");
      }
      return parse(in, RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
