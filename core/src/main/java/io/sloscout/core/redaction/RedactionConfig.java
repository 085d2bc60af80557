package io.sloscout.core.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.sloscout.core.spec.load.YamlDocument;
import io.sloscout.core.spec.load.YamlReader;
import io.sloscout.core.spec.load.YamlReader.YamlSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link Redactor} redacts.
 *
 * @param mode placeholders or keyed pseudonyms
 * @param hmacKey the pseudonym key; required in {@link RedactionMode#HMAC}, else null
 * @param detectors the enabled detectors by name, in any order; all built-in ones when empty
 * @param allowKeys attribute keys (any case) whose values are never redacted
 * @param secretKeyWords words that make an attribute key's whole value a secret ({@code password})
 */
public record RedactionConfig(
    RedactionMode mode,
    HmacKey hmacKey,
    Set<String> detectors,
    Set<String> allowKeys,
    Set<String> secretKeyWords) {

  private static final String SCHEMA = "redaction-config.schema.json";

  public RedactionConfig {
    Objects.requireNonNull(mode, "mode");
    if (mode == RedactionMode.HMAC && hmacKey == null) {
      throw new IllegalArgumentException(
          "hmac mode needs a key (hmacKey: {env: ...} or {file: ...})");
    }
    detectors = Set.copyOf(detectors);
    allowKeys = lower(allowKeys);
    secretKeyWords = lower(secretKeyWords);
  }

  /** Placeholders, every built-in detector, the built-in attribute allow-list and secret words. */
  public static RedactionConfig defaults() {
    DetectorCatalog catalog = DetectorCatalog.builtIn();
    return new RedactionConfig(
        RedactionMode.PLACEHOLDER, null, Set.of(), catalog.allowKeys(), catalog.secretKeyWords());
  }

  /** This configuration in hmac mode with {@code key}. */
  public RedactionConfig withHmac(HmacKey key) {
    return new RedactionConfig(RedactionMode.HMAC, key, detectors, allowKeys, secretKeyWords);
  }

  /** This configuration in placeholder mode. */
  public RedactionConfig withPlaceholders() {
    return new RedactionConfig(
        RedactionMode.PLACEHOLDER, null, detectors, allowKeys, secretKeyWords);
  }

  /** The names of all built-in detectors, in priority order. */
  public static List<String> builtInDetectors() {
    return DetectorCatalog.builtIn().names();
  }

  /**
   * Reads a redaction configuration file on top of the defaults:
   *
   * <pre>
   * mode: hmac                       # or placeholder (default)
   * hmacKey: {env: SLO_SCOUT_REDACTION_KEY}   # or {file: key.txt}, relative to this file
   * detectors: [email, ipv4]         # only these (default: all)
   * disabledDetectors: [phone]       # all but these
   * allowKeys: [customer.tier]       # added to the built-in allow-list
   * secretKeyWords: [pin]            # added to the built-in secret words
   * </pre>
   *
   * @param env where {@code hmacKey.env} is looked up (the process environment in production)
   * @throws IllegalArgumentException as {@code file:line:column: field: message}
   */
  public static RedactionConfig fromYaml(Path file, Map<String, String> env) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
    List<YamlDocument> docs;
    try {
      docs = YamlReader.read(file, text);
    } catch (YamlSyntaxException e) {
      throw new IllegalArgumentException(
          file + ":" + e.line() + ":" + e.column() + ": " + e.getMessage(), e);
    }
    if (docs.size() > 1) {
      throw new IllegalArgumentException(
          file + ": expected one YAML document, found " + docs.size());
    }
    RedactionConfig defaults = defaults();
    if (docs.isEmpty()) {
      return defaults;
    }
    YamlDocument doc = docs.get(0);
    List<String> problems = new ArrayList<>();
    for (Error e : SchemaHolder.SCHEMA.validate(doc.root())) {
      String pointer = pointer(e.getInstanceLocation());
      if (e.getProperty() != null
          && ("required".equals(e.getKeyword()) || "additionalProperties".equals(e.getKeyword()))) {
        pointer = pointer + "/" + YamlDocument.escape(e.getProperty());
      }
      problems.add(where(doc, pointer) + message(e));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    JsonNode root = doc.root();
    List<String> known = builtInDetectors();
    Set<String> enabled = new LinkedHashSet<>();
    checkNames(doc, root, "detectors", known, enabled);
    Set<String> disabled = new LinkedHashSet<>();
    checkNames(doc, root, "disabledDetectors", known, disabled);
    if (!disabled.isEmpty()) {
      Set<String> base = enabled.isEmpty() ? new LinkedHashSet<>(known) : enabled;
      base.removeAll(disabled);
      if (base.isEmpty()) {
        throw new IllegalArgumentException(
            where(doc, "/disabledDetectors") + "every detector is disabled");
      }
      enabled = base;
    }
    Set<String> allowKeys = new LinkedHashSet<>(defaults.allowKeys());
    root.path("allowKeys").forEach(k -> allowKeys.add(k.asText()));
    Set<String> secretWords = new LinkedHashSet<>(defaults.secretKeyWords());
    root.path("secretKeyWords").forEach(k -> secretWords.add(k.asText()));

    boolean hmac = "hmac".equals(root.path("mode").asText("placeholder"));
    HmacKey key = null;
    JsonNode keyNode = root.path("hmacKey");
    if (hmac && keyNode.isMissingNode()) {
      throw new IllegalArgumentException(
          where(doc, "/hmacKey") + "mode hmac needs hmacKey: {env: VARIABLE} or {file: PATH}");
    }
    if (hmac) {
      try {
        if (keyNode.has("env")) {
          key = HmacKey.fromEnvironment(env, keyNode.get("env").asText());
        } else {
          Path keyFile = Path.of(keyNode.get("file").asText());
          Path dir = file.toAbsolutePath().getParent();
          key =
              HmacKey.fromFile(
                  keyFile.isAbsolute() || dir == null ? keyFile : dir.resolve(keyFile));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where(doc, "/hmacKey") + e.getMessage(), e);
      }
    }
    return new RedactionConfig(
        hmac ? RedactionMode.HMAC : RedactionMode.PLACEHOLDER,
        key,
        enabled,
        allowKeys,
        secretWords);
  }

  private static void checkNames(
      YamlDocument doc, JsonNode root, String field, List<String> known, Set<String> into) {
    JsonNode list = root.path(field);
    for (int i = 0; i < list.size(); i++) {
      String name = list.get(i).asText();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            where(doc, "/" + field + "/" + i)
                + "unknown detector '"
                + name
                + "' (known: "
                + String.join(", ", known)
                + ")");
      }
      into.add(name);
    }
  }

  private static String where(YamlDocument doc, String pointer) {
    var pos = doc.positionOf(pointer);
    String field = doc.fieldPath(pointer);
    return doc.file()
        + ":"
        + pos.line()
        + ":"
        + pos.column()
        + ": "
        + (field.isEmpty() ? "" : field + ": ");
  }

  private static String message(Error e) {
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    return switch (keyword) {
      case "required" -> "missing required field '" + e.getProperty() + "'";
      case "additionalProperties" -> "unknown field '" + e.getProperty() + "'";
      case "enum" -> "must be one of " + e.getSchemaNode() + " (got " + e.getInstanceNode() + ")";
      default -> {
        String m = e.getMessage();
        int colon = m.indexOf(": ");
        yield m.startsWith("$") && colon > 0 ? m.substring(colon + 2) : m;
      }
    };
  }

  private static String pointer(NodePath path) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object el = path.getElement(i);
      sb.append('/').append(el instanceof Integer ? el.toString() : YamlDocument.escape(el + ""));
    }
    return sb.toString();
  }

  private static Set<String> lower(Set<String> keys) {
    Set<String> out = new LinkedHashSet<>();
    keys.forEach(k -> out.add(k.toLowerCase(Locale.ROOT)));
    return Set.copyOf(out);
  }

  /** The schema, loaded on first use of {@link #fromYaml}. */
  private static final class SchemaHolder {
    static final Schema SCHEMA = load();

    private static Schema load() {
      try (InputStream in = RedactionConfig.class.getResourceAsStream(RedactionConfig.SCHEMA)) {
        if (in == null) {
          throw new IllegalStateException(RedactionConfig.SCHEMA + " missing from the classpath");
        }
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(new ObjectMapper().readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RedactionConfig.SCHEMA, e);
      }
    }
  }
}
