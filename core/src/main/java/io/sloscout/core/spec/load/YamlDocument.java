package io.sloscout.core.spec.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.sloscout.core.spec.Source.Position;
import java.nio.file.Path;
import java.util.Map;

/**
 * One YAML document of a file, as a JSON tree that remembers where each node was written.
 *
 * @param file the file it came from, as the user named it
 * @param index 0-based position of the document in its file
 * @param root the document's content
 * @param positions JSON pointer ({@code /spec/objectives/0/target}) → position of that node
 */
public record YamlDocument(Path file, int index, JsonNode root, Map<String, Position> positions) {

  public YamlDocument {
    positions = Map.copyOf(positions);
  }

  /**
   * Where the node at {@code pointer} sits; for a node that does not exist, the nearest ancestor
   * that does, with the path of the missing node.
   */
  public Position positionOf(String pointer) {
    String p = pointer;
    while (true) {
      Position pos = positions.get(p);
      if (pos != null) {
        return p.equals(pointer) ? pos : new Position(pos.line(), pos.column(), fieldPath(pointer));
      }
      if (p.isEmpty()) {
        return new Position(1, 1, fieldPath(pointer));
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** The node at {@code pointer}, or a missing node. */
  public JsonNode at(String pointer) {
    return root.at(pointer);
  }

  /** The document's {@code apiVersion} (or Sloth's {@code version}), empty when absent. */
  public String apiVersion() {
    String v = root.path("apiVersion").asText("");
    return v.isEmpty() ? root.path("version").asText("") : v;
  }

  /** The document's {@code kind}, empty when absent. */
  public String kind() {
    return root.path("kind").asText("");
  }

  /**
   * Turns a JSON pointer into the dotted field path users read: {@code /spec/objectives/0/target} →
   * {@code spec.objectives[0].target}.
   */
  public String fieldPath(String pointer) {
    if (pointer.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    JsonNode node = root;
    for (String raw : pointer.substring(1).split("/", -1)) {
      String seg = raw.replace("~1", "/").replace("~0", "~");
      if (node != null && node.isArray() && seg.matches("\\d+")) {
        sb.append('[').append(seg).append(']');
        node = node.get(Integer.parseInt(seg));
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(seg);
        node = node == null ? null : node.get(seg);
      }
    }
    return sb.toString();
  }

  /** Escapes one JSON pointer segment. */
  public static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }
}
