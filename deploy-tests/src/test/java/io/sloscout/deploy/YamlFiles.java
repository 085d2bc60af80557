package io.sloscout.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reading and writing YAML for the tests. */
final class YamlFiles {

  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  static final ObjectMapper JSON = new ObjectMapper();

  private YamlFiles() {}

  /** Every non-empty document of a multi-document YAML stream. */
  static List<JsonNode> documents(String yaml) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode() && !doc.isEmpty()) {
          docs.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("not YAML:\n" + yaml, e);
    }
    return docs;
  }

  /** One YAML document. */
  static JsonNode read(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * One YAML document with anchors, aliases and merge keys ({@code <<: *anchor}) resolved, as
   * Docker Compose reads it.
   */
  static JsonNode readResolved(Path file) {
    try {
      LoaderOptions options = new LoaderOptions();
      Object loaded =
          new Yaml(new SafeConstructor(options))
              .load(Files.readString(file, StandardCharsets.UTF_8));
      return JSON.valueToTree(loaded);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static void write(Path file, JsonNode node) {
    try {
      YAML.writeValue(file.toFile(), node);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * {@code overlay} merged into {@code base} as Helm merges {@code -f} files: maps deep, anything
   * else replaced, null removes the key.
   */
  static ObjectNode merge(ObjectNode base, JsonNode overlay) {
    ObjectNode out = base.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> fields = overlay.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode current = out.get(f.getKey());
      if (f.getValue().isNull()) {
        out.remove(f.getKey());
      } else if (current != null && current.isObject() && f.getValue().isObject()) {
        out.set(f.getKey(), merge((ObjectNode) current, f.getValue()));
      } else {
        out.set(f.getKey(), f.getValue().deepCopy());
      }
    }
    return out;
  }
}
