package io.sloscout.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON for the jsonb columns. */
final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** Checks that {@code json} is a JSON array; the message names {@code field}. */
  static String requireArray(String json, String field) {
    Checks.notNull(json, field);
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(field + " must be JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException(field + " must be a JSON array");
    }
    return json;
  }

  static List<String> readStrings(String json) {
    try {
      return MAPPER.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new StorageException("stored JSON is not a list of strings: " + json, e);
    }
  }

  static Map<String, Double> readDoubles(String json) {
    try {
      return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Double>>() {});
    } catch (JsonProcessingException e) {
      throw new StorageException("stored JSON is not an object of numbers: " + json, e);
    }
  }
}
