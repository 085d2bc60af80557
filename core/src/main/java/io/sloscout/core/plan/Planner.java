package io.sloscout.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what {@code generate} would write with an output folder: files to add, change or remove,
 * and inside rules files, the recording rules and alerts that change.
 */
public final class Planner {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private Planner() {}

  /** The plan for writing {@code generated} into {@code folder}. */
  public static Plan plan(OutputFolder folder, SortedMap<String, String> generated)
      throws IOException {
    SortedSet<String> paths = new TreeSet<>(generated.keySet());
    SortedSet<String> managed = folder.managedFiles();
    paths.addAll(managed);
    List<FileChange> changes = new ArrayList<>();
    for (String path : paths) {
      String next = generated.get(path);
      String current = folder.read(path);
      if (next == null) {
        if (current != null) {
          changes.add(new FileChange(path, ChangeKind.REMOVE, items(path, current, null)));
        }
      } else if (current == null) {
        changes.add(new FileChange(path, ChangeKind.ADD, items(path, null, next)));
      } else if (current.equals(next)) {
        changes.add(new FileChange(path, ChangeKind.UNCHANGED, List.of()));
      } else {
        changes.add(new FileChange(path, ChangeKind.CHANGE, items(path, current, next)));
      }
    }
    return new Plan(folder.dir().toString(), changes);
  }

  private static List<ItemChange> items(String path, String before, String after) {
    try {
      if (path.endsWith(".rules.yaml")) {
        return diff(rules(before), rules(after));
      }
      if (path.endsWith(".rules.test.yaml")) {
        return diff(ruleTests(before), ruleTests(after));
      }
      if (path.endsWith(".dashboard.json")) {
        return diff(panels(before), panels(after));
      }
    } catch (IOException | RuntimeException e) {
      // A hand-edited or broken file still gets a file-level plan; items are a refinement.
      return List.of(
          new ItemChange(
              ChangeKind.CHANGE, "(file)", "cannot compare contents: " + e.getMessage()));
    }
    return List.of();
  }

  /** Item key → comparable content. Duplicate keys get a {@code #n} suffix. */
  private static Map<String, Map<String, String>> rules(String yaml) throws IOException {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    if (yaml == null) {
      return out;
    }
    JsonNode root = YAML.readTree(yaml);
    for (JsonNode group : root.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        boolean alert = rule.has("alert");
        String name = alert ? rule.path("alert").asText() : rule.path("record").asText();
        JsonNode labels = rule.path("labels");
        String key =
            (alert ? "alert " : "record ")
                + name
                + " "
                + selector(
                    labels, alert ? List.of("severity") : List.of("sloth_id", "sloth_window"));
        Map<String, String> parts = new TreeMap<>();
        parts.put("expr", rule.path("expr").asText().strip());
        parts.put("labels", canonical(labels));
        parts.put("annotations", canonical(rule.path("annotations")));
        parts.put("for", rule.path("for").asText(""));
        parts.put("group", group.path("name").asText());
        put(out, key, parts);
      }
    }
    return out;
  }

  private static Map<String, Map<String, String>> ruleTests(String yaml) throws IOException {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    if (yaml == null) {
      return out;
    }
    JsonNode root = YAML.readTree(yaml);
    int i = 0;
    for (JsonNode test : root.path("tests")) {
      String name = test.path("name").asText("");
      String key = "test " + (name.isEmpty() ? "#" + i : name);
      put(out, key, Map.of("content", canonical(test)));
      i++;
    }
    return out;
  }

  private static Map<String, Map<String, String>> panels(String json) throws IOException {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    if (json == null) {
      return out;
    }
    collectPanels(JSON.readTree(json).path("panels"), out);
    return out;
  }

  private static void collectPanels(JsonNode panels, Map<String, Map<String, String>> out) {
    for (JsonNode p : panels) {
      String key = "panel \"" + p.path("title").asText("") + "\" (" + p.path("type").asText() + ")";
      JsonNode copy = p.deepCopy();
      if (copy.isObject()) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("panels");
      }
      put(out, key, Map.of("content", canonical(copy)));
      collectPanels(p.path("panels"), out);
    }
  }

  private static void put(
      Map<String, Map<String, String>> out, String key, Map<String, String> parts) {
    String k = key;
    for (int n = 2; out.containsKey(k); n++) {
      k = key + " #" + n;
    }
    out.put(k, parts);
  }

  private static List<ItemChange> diff(
      Map<String, Map<String, String>> before, Map<String, Map<String, String>> after) {
    List<ItemChange> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> e : after.entrySet()) {
      Map<String, String> old = before.get(e.getKey());
      if (old == null) {
        out.add(new ItemChange(ChangeKind.ADD, e.getKey(), ""));
      } else if (!old.equals(e.getValue())) {
        List<String> parts = new ArrayList<>();
        for (String part : new TreeSet<>(e.getValue().keySet())) {
          if (!e.getValue().get(part).equals(old.get(part))) {
            parts.add(part);
          }
        }
        out.add(
            new ItemChange(
                ChangeKind.CHANGE,
                e.getKey(),
                parts.contains("content") ? "" : String.join(", ", parts) + " changed"));
      }
    }
    for (String key : before.keySet()) {
      if (!after.containsKey(key)) {
        out.add(new ItemChange(ChangeKind.REMOVE, key, ""));
      }
    }
    return out;
  }

  private static String selector(JsonNode labels, List<String> keys) {
    StringBuilder sb = new StringBuilder("{");
    for (String k : keys) {
      if (labels.has(k)) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append(k).append("=\"").append(labels.path(k).asText()).append('"');
      }
    }
    return sb.append('}').toString();
  }

  /** Order-independent text of a node, so key order alone is never a change. */
  private static String canonical(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return "";
    }
    if (node.isObject()) {
      TreeMap<String, String> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        sorted.put(e.getKey(), canonical(e.getValue()));
      }
      return sorted.toString();
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(n -> items.add(canonical(n)));
      return items.toString();
    }
    return node.asText();
  }
}
