package io.sloscout.core.spec.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sloscout.core.spec.Source.Position;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads multi-document YAML into {@link YamlDocument}s that keep every node's line and column. */
public final class YamlReader {

  private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

  private YamlReader() {}

  /**
   * Reads every non-empty document of {@code text}.
   *
   * @throws YamlSyntaxException with line and column when the text is not valid YAML, or when a
   *     mapping repeats a key
   */
  public static List<YamlDocument> read(Path file, String text) throws YamlSyntaxException {
    List<YamlDocument> docs = new ArrayList<>();
    try (JsonParser p = MAPPER.getFactory().createParser(text)) {
      int index = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        Map<String, Position> positions = new HashMap<>();
        JsonNode node = build(p, t, "", "", null, positions);
        if (!node.isNull() && !node.isMissingNode()) {
          docs.add(new YamlDocument(file, index, node, positions));
        }
        index++;
      }
    } catch (YamlSyntaxException e) {
      throw e;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      int line = loc == null ? 0 : loc.getLineNr();
      int col = loc == null ? 0 : loc.getColumnNr();
      throw new YamlSyntaxException(line, col, "invalid YAML: " + summary(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new YamlSyntaxException(0, 0, "cannot read: " + e.getMessage());
    }
    return docs;
  }

  private static JsonNode build(
      JsonParser p,
      JsonToken t,
      String pointer,
      String path,
      JsonLocation keyLoc,
      Map<String, Position> positions)
      throws IOException, YamlSyntaxException {
    // A block mapping or list "starts" at its first child; users look for the key that holds it.
    boolean container = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY;
    JsonLocation loc = container && keyLoc != null ? keyLoc : p.currentTokenLocation();
    positions.put(pointer, new Position(loc.getLineNr(), loc.getColumnNr(), path));
    switch (t) {
      case START_OBJECT -> {
        ObjectNode obj = JsonNodeFactory.instance.objectNode();
        JsonToken k;
        while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonLocation nameLoc = p.currentTokenLocation();
          if (obj.has(name)) {
            throw new YamlSyntaxException(
                nameLoc.getLineNr(),
                nameLoc.getColumnNr(),
                "duplicate key '" + name + "'" + (path.isEmpty() ? "" : " in " + path));
          }
          String childPath = path.isEmpty() ? name : path + "." + name;
          JsonNode child =
              build(
                  p,
                  p.nextToken(),
                  pointer + "/" + YamlDocument.escape(name),
                  childPath,
                  nameLoc,
                  positions);
          obj.set(name, child);
        }
        return obj;
      }
      case START_ARRAY -> {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        int i = 0;
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          arr.add(build(p, e, pointer + "/" + i, path + "[" + i + "]", null, positions));
          i++;
        }
        return arr;
      }
      default -> {
        return MAPPER.readTree(p);
      }
    }
  }

  /**
   * SnakeYAML's message without its source excerpt: the context ("while parsing a flow sequence")
   * and the problem ("expected ',' or ']', but got <stream end>"); the location is reported
   * separately.
   */
  static String summary(String message) {
    if (message == null || message.isBlank()) {
      return "syntax error";
    }
    java.util.List<String> parts = new java.util.ArrayList<>();
    for (String l : message.split("\\R")) {
      // excerpt lines are indented; " in 'reader', line …" repeats the location
      if (!l.isBlank() && !Character.isWhitespace(l.charAt(0))) {
        parts.add(l.strip());
      }
    }
    return parts.isEmpty() ? message.strip() : String.join(": ", parts);
  }

  /** Invalid YAML, with where it broke. */
  public static final class YamlSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    public YamlSyntaxException(int line, int column, String message) {
      super(message);
      this.line = line;
      this.column = column;
    }

    public int line() {
      return line;
    }

    public int column() {
      return column;
    }
  }
}
