package io.sloscout.core.spec.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A JSON Schema (draft 2020-12) shipped on the classpath that reports each violation of a document
 * as an error at the offending field, in words a human reads.
 */
final class SchemaValidator {

  /** What a {@code pattern} expects, by the {@code $defs} entry or property that declares it. */
  private static final Map<String, String> PATTERN_HINTS =
      Map.of(
          "duration", "is not a duration (expected e.g. 5m, 1h, 30d)",
          "name", "is not a valid name (letters, digits, '.', '_' and '-', starting alphanumeric)",
          "metricName", "is not a Prometheus metric name",
          "alertName", "is not a Prometheus alert name (letters, digits and '_')",
          "threshold", "is not a latency (expected e.g. 300ms, 0.3s or a number of seconds)",
          "propertyNames", "is not a Prometheus label name (letters, digits and '_')");

  private final JsonNode schemaNode;
  private final Schema schema;

  private SchemaValidator(JsonNode schemaNode) {
    this.schemaNode = schemaNode;
    this.schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaNode);
  }

  /** Loads the schema {@code name} from {@code io/sloscout/core/spec/} on the classpath. */
  static SchemaValidator load(String name) {
    String resource = "/io/sloscout/core/spec/" + name;
    try (InputStream in = SchemaValidator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " missing from the classpath");
      }
      return new SchemaValidator(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** Reports every violation of {@code doc} to {@code ctx}; true when there was none. */
  boolean validate(YamlDocument doc, ParseContext ctx) {
    List<Error> errors = schema.validate(doc.root());
    // The same field can fail twice through different branches (allOf); report it once.
    Set<String> seen = new LinkedHashSet<>();
    errors.stream()
        .sorted(Comparator.comparing((Error e) -> pointer(e.getInstanceLocation())))
        .forEach(
            e -> {
              String at = target(e);
              String message = message(e);
              if (seen.add(at + "\n" + message)) {
                ctx.error(doc, at, message);
              }
            });
    return errors.isEmpty();
  }

  /** The pointer a finding is about: the missing or unknown property rather than its parent. */
  private static String target(Error e) {
    String base = pointer(e.getInstanceLocation());
    String keyword = e.getKeyword();
    if (e.getProperty() != null
        && ("required".equals(keyword) || "additionalProperties".equals(keyword))) {
      return base + "/" + YamlDocument.escape(e.getProperty());
    }
    return base;
  }

  private String message(Error e) {
    JsonNode value = e.getInstanceNode();
    JsonNode rule = e.getSchemaNode();
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    return switch (keyword) {
      case "required" -> "missing required field '" + e.getProperty() + "'";
      case "additionalProperties" -> unknownField(e);
      case "type" -> "must be " + article(typeNames(rule)) + " (got " + describe(value) + ")";
      case "enum" -> "must be one of " + list(rule) + " (got " + describe(value) + ")";
      case "const" -> "must be " + describe(rule) + " (got " + describe(value) + ")";
      case "exclusiveMaximum" -> "must be less than " + number(rule) + got(value) + ratioHint(e);
      case "maximum" -> "must be at most " + number(rule) + got(value) + ratioHint(e);
      case "exclusiveMinimum" -> "must be greater than " + number(rule) + got(value);
      case "minimum" -> "must be at least " + number(rule) + got(value);
      case "minItems" -> "must have at least " + rule.asInt() + " item(s)";
      case "minLength" -> "must not be empty";
      case "uniqueItems" -> "must not repeat values (got " + value + ")";
      case "pattern" -> describe(value) + " " + patternHint(e);
      default -> stripLocation(e.getMessage());
    };
  }

  private String unknownField(Error e) {
    String name = e.getProperty();
    List<String> known = siblingProperties(e);
    String close =
        known.stream()
            .filter(k -> distance(k.toLowerCase(), name.toLowerCase()) <= 2)
            .findFirst()
            .map(k -> "; did you mean '" + k + "'?")
            .orElse("");
    return "unknown field '"
        + name
        + "'"
        + (close.isEmpty() && !known.isEmpty()
            ? " (allowed: " + String.join(", ", known) + ")"
            : "")
        + close;
  }

  /** The properties the schema object that rejected an unknown field declares. */
  private List<String> siblingProperties(Error e) {
    String fragment = fragment(e);
    if (!fragment.endsWith("/additionalProperties")) {
      return List.of();
    }
    String parent = fragment.substring(0, fragment.length() - "/additionalProperties".length());
    JsonNode props = schemaNode.at(parent + "/properties");
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static String fragment(Error e) {
    String loc = String.valueOf(e.getSchemaLocation());
    int hash = loc.indexOf('#');
    return hash < 0 ? "" : loc.substring(hash + 1);
  }

  private static String patternHint(Error e) {
    String fragment = fragment(e);
    for (String seg : reversed(fragment.split("/"))) {
      String hint = PATTERN_HINTS.get(seg);
      if (hint != null) {
        return hint;
      }
    }
    return "does not match " + e.getSchemaNode().asText();
  }

  private static List<String> reversed(String[] parts) {
    List<String> out = new ArrayList<>(List.of(parts));
    java.util.Collections.reverse(out);
    return out;
  }

  /** Targets written as percentages are the commonest mistake; say how to write the ratio. */
  private static String ratioHint(Error e) {
    JsonNode v = e.getInstanceNode();
    boolean ratio = e.getSchemaNode().isNumber() && e.getSchemaNode().asDouble() == 1;
    if (ratio && v != null && v.isNumber() && v.asDouble() > 1 && v.asDouble() < 100) {
      return " — targets are ratios, write " + number(new BigDecimal(v.asText()).movePointLeft(2));
    }
    return "";
  }

  private static String got(JsonNode value) {
    return " (got " + describe(value) + ")";
  }

  private static String number(JsonNode n) {
    return n.isNumber() ? number(n.decimalValue()) : n.asText();
  }

  private static String number(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  private static List<String> typeNames(JsonNode rule) {
    if (rule.isArray()) {
      List<String> out = new ArrayList<>();
      rule.forEach(t -> out.add(t.asText()));
      return out;
    }
    return List.of(rule.asText());
  }

  private static String article(List<String> types) {
    return types.stream()
        .map(t -> (t.matches("^[aeiou].*") ? "an " : "a ") + friendly(t))
        .collect(Collectors.joining(" or "));
  }

  private static String friendly(String type) {
    return switch (type) {
      case "object" -> "mapping";
      case "array" -> "list";
      default -> type;
    };
  }

  private static String list(JsonNode rule) {
    List<String> out = new ArrayList<>();
    rule.forEach(v -> out.add(v.asText()));
    return String.join(", ", out);
  }

  /** A value as the user wrote it: strings quoted, containers by kind. */
  static String describe(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing";
    }
    if (v.isTextual()) {
      return "'" + v.asText() + "'";
    }
    if (v.isNumber()) {
      return number(v.decimalValue());
    }
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    return v.toString();
  }

  private static String stripLocation(String message) {
    int colon = message.indexOf(": ");
    return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
  }

  /** A JSON pointer for an instance location. */
  static String pointer(NodePath path) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object el = path.getElement(i);
      sb.append('/').append(el instanceof Integer ? el.toString() : YamlDocument.escape(el + ""));
    }
    return sb.toString();
  }

  /** Levenshtein distance, for "did you mean" on misspelt fields. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
