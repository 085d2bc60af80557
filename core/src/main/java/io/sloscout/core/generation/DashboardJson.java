package io.sloscout.core.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes dashboard JSON the way Grafana exports it: keys sorted, two-space indent, {@code "key":
 * value}, one trailing newline, the same bytes on every run and platform.
 */
final class DashboardJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DashboardJson() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  /**
   * A number as JSON: whole values without a fraction ({@code 6}, not {@code 6.0}) and binary noise
   * rounded away ({@code 0.1}, not {@code 0.10000000000000002}).
   */
  static JsonNode number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return NODES.numberNode((long) v);
    }
    return NODES.numberNode(new BigDecimal(v).round(new MathContext(12)).doubleValue());
  }

  /** Pretty-printed, keys sorted at every level, ending in a newline. */
  static String write(JsonNode root) {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    try {
      return MAPPER.writer(printer).writeValueAsString(sorted(root)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write dashboard JSON", e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> fields = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        fields.put(e.getKey(), sorted(e.getValue()));
      }
      ObjectNode out = object();
      fields.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      node.forEach(n -> items.add(sorted(n)));
      return array().addAll(items);
    }
    return node;
  }
}
