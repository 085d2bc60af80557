package io.sloscout.collectors.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.sloscout.collectors.ingest.Signal;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OTLP JSON mapping (OTLP spec, "JSON Protobuf Encoding"): protobuf's canonical JSON except
 * that trace and span ids are hex strings, not base64. Parsing rewrites the ids to base64 in a
 * Jackson tree and hands that to {@link JsonFormat}, which already accepts lowerCamelCase (and
 * original) field names, enums as integers, int64 as strings or numbers, and here ignores unknown
 * fields; printing does the reverse. Which JSON members are ids is read from the message
 * descriptors, so a member of an unknown (ignored) field is never mistaken for one.
 */
public final class OtlpJson {

  /**
   * OTLP messages nest a few levels plus attribute values; JsonFormat stops at 100 message levels.
   * Limiting Jackson too keeps a hostile body from costing deep recursion in the tree walk.
   */
  private static final int MAX_NESTING = 256;

  static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
              .build());

  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  // the OTLP id fields (bytes in protobuf, hex in OTLP JSON) by proto name, with their length
  private static final Map<String, Integer> ID_FIELDS =
      Map.of("trace_id", 16, "span_id", 8, "parent_span_id", 8);

  // per message type: its fields by JSON name and by proto name, as JsonFormat accepts both
  private static final Map<Descriptor, Map<String, FieldDescriptor>> FIELDS =
      new ConcurrentHashMap<>();

  private OtlpJson() {}

  /** Parses an OTLP/JSON export request of {@code signal} from UTF-8 bytes. */
  public static Message parse(Signal signal, byte[] json) throws BadRequestException {
    String type = HttpBodyDecoder.requestType(signal);
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw BadRequestException.malformed(
          "malformed OTLP/JSON " + type + ": " + HttpBodyDecoder.describe(e));
    } catch (IOException e) {
      throw BadRequestException.malformed("malformed OTLP/JSON " + type + ": " + e.getMessage());
    }
    if (tree == null || tree.isMissingNode()) {
      throw BadRequestException.malformed("empty OTLP/JSON body: expected a " + type + " object");
    }
    if (!tree.isObject()) {
      throw BadRequestException.malformed(
          "OTLP/JSON body must be a JSON object (a "
              + type
              + "), got "
              + LogIntakeConverter.kind(tree));
    }
    Message.Builder builder = HttpBodyDecoder.builder(signal);
    convertIds((ObjectNode) tree, builder.getDescriptorForType(), true, new ArrayDeque<>());
    try {
      PARSER.merge(MAPPER.writeValueAsString(tree), builder);
    } catch (InvalidProtocolBufferException e) {
      throw BadRequestException.malformed("malformed OTLP/JSON " + type + ": " + e.getMessage());
    } catch (JsonProcessingException e) {
      // re-serializing a tree Jackson just read does not fail; say so if it ever does
      throw BadRequestException.malformed("malformed OTLP/JSON " + type + ": " + e.getMessage());
    }
    return builder.build();
  }

  /** {@code message} in the OTLP JSON mapping, without insignificant whitespace. */
  public static String print(MessageOrBuilder message) {
    try {
      String canonical = PRINTER.print(message);
      if (!canonical.contains("Id\"")) {
        return canonical; // responses and statuses carry no ids: skip the second pass
      }
      JsonNode tree = MAPPER.readTree(canonical);
      convertIds((ObjectNode) tree, message.getDescriptorForType(), false, new ArrayDeque<>());
      return MAPPER.writeValueAsString(tree);
    } catch (IOException | BadRequestException e) {
      // only Any fields without a type registry fail to print; OTLP messages have none
      throw new IllegalStateException("cannot print " + message.getClass().getSimpleName(), e);
    }
  }

  /**
   * Rewrites the id members of {@code object} (a message of {@code type}) and of the messages in
   * it: hex to base64 when {@code toBase64}, else base64 to hex.
   */
  private static void convertIds(
      ObjectNode object, Descriptor type, boolean toBase64, Deque<String> path)
      throws BadRequestException {
    Map<String, FieldDescriptor> fields = FIELDS.computeIfAbsent(type, OtlpJson::fieldsByName);
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      FieldDescriptor field = fields.get(member.getKey());
      JsonNode value = member.getValue();
      if (field == null) {
        continue; // unknown: the parser ignores it
      }
      Integer idBytes = ID_FIELDS.get(field.getName());
      if (idBytes != null && field.getType() == FieldDescriptor.Type.BYTES) {
        if (value.isTextual()) {
          String id = value.asText();
          member.setValue(
              new TextNode(
                  toBase64
                      ? hexToBase64(member.getKey(), id, idBytes, path)
                      : HexFormat.of().formatHex(Base64.getDecoder().decode(id))));
        }
      } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        Descriptor child = field.getMessageType();
        if (field.isRepeated() && value.isArray()) {
          for (int i = 0; i < value.size(); i++) {
            if (value.get(i) instanceof ObjectNode element) {
              path.addLast(member.getKey() + "[" + i + "]");
              convertIds(element, child, toBase64, path);
              path.removeLast();
            }
          }
        } else if (value instanceof ObjectNode nested) {
          path.addLast(member.getKey());
          convertIds(nested, child, toBase64, path);
          path.removeLast();
        }
      }
    }
  }

  private static Map<String, FieldDescriptor> fieldsByName(Descriptor type) {
    Map<String, FieldDescriptor> byName = new HashMap<>();
    for (FieldDescriptor field : type.getFields()) {
      byName.put(field.getName(), field);
      byName.put(field.getJsonName(), field);
    }
    return Map.copyOf(byName);
  }

  private static String hexToBase64(String field, String hex, int bytes, Deque<String> path)
      throws BadRequestException {
    if (hex.isEmpty()) {
      return hex; // unset (a root span's parentSpanId)
    }
    if (hex.length() != 2 * bytes || !isHex(hex)) {
      throw BadRequestException.malformed(
          "invalid "
              + field
              + " '"
              + HttpBodyDecoder.printable(hex)
              + "' at "
              + (path.isEmpty() ? "the top level" : String.join(".", path))
              + ": OTLP/JSON ids are hex strings of "
              + 2 * bytes
              + " digits");
    }
    return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
  }

  /** Whether {@code s} is only ASCII hex digits. */
  static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      // ASCII only: Character.digit also takes other scripts' digits, which HexFormat refuses
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) {
        return false;
      }
    }
    return true;
  }
}
