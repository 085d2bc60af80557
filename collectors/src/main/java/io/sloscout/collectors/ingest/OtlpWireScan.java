package io.sloscout.collectors.ingest;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads what the ingest needs from an OTLP export request's protobuf bytes without building message
 * objects: each resource group's {@code service.name}, the items (spans, data points, log records),
 * and whether the bytes are a message that {@code parseFrom} accepts.
 *
 * <p>Validation walks every field by the messages' descriptors the way protobuf's parser reads it,
 * straight from the array: tags, varints of at most ten bytes and lengths bounded by the enclosing
 * message's end; known fields of a matching wire type descend (nested messages up to protobuf's
 * recursion limit of 100, strings checked for UTF-8 as proto3 requires, packed and unpacked
 * repeated scalars); any other field is skipped as an unknown field (groups matched, end-group tags
 * outside a group refused). What the scan doubts it hands to {@code parseFrom}: a request is
 * refused only with parseFrom's own exception, so answers to malformed requests read as before; and
 * one the scan wrongly doubted is still accepted.
 *
 * <p>The service name follows {@link ServiceBatches#serviceName} on the parsed message, including
 * protobuf's merging of repeated occurrences of a singular field (last key wins, the last member of
 * {@code AnyValue}'s oneof wins); a {@code Metric}'s data points are those of the last member of
 * its oneof, all occurrences of that member merged, as the generated parser does.
 */
public final class OtlpWireScan {

  /** protobuf-java's default recursion limit: nested messages allowed below the top one. */
  static final int RECURSION_LIMIT = 100;

  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LEN = 2;
  private static final int START_GROUP = 3;
  private static final int END_GROUP = 4;
  private static final int FIXED32 = 5;

  // how a known field is read, by its type
  private static final byte K_VARINT = 1;
  private static final byte K_FIXED64 = 2;
  private static final byte K_FIXED32 = 3;
  private static final byte K_STRING = 4;
  private static final byte K_BYTES = 5;
  private static final byte K_MESSAGE = 6;
  private static final byte K_GROUP = 7;
  // repeated numbers, packed
  private static final byte P_VARINT = 8;
  private static final byte P_FIXED64 = 9;
  private static final byte P_FIXED32 = 10;
  // the wire type of each kind of field
  private static final int[] WIRE_TYPE = {-1, VARINT, FIXED64, FIXED32, LEN, LEN, LEN, START_GROUP};

  private static final byte[] SERVICE_NAME = "service.name".getBytes(StandardCharsets.UTF_8);

  /** An export request that passed the scan, with what the ingest needs of it. */
  public static final class Request {
    private final Signal signal;
    private final byte[] bytes;
    private final int groups;
    private final long items;
    private final String service;
    private volatile Message message;

    Request(Signal signal, byte[] bytes, int groups, long items, String service, Message message) {
      this.signal = signal;
      this.bytes = bytes;
      this.groups = groups;
      this.items = items;
      this.service = service;
      this.message = message;
    }

    public Signal signal() {
      return signal;
    }

    /** The request's protobuf bytes, as received (not copied: do not change them). */
    public byte[] bytes() {
      return bytes;
    }

    /** Its resource groups. */
    public int groups() {
      return groups;
    }

    /** Its spans, data points or log records. */
    public long items() {
      return items;
    }

    /**
     * The {@code service.name} of every resource group ({@link ServiceBatches#UNKNOWN_SERVICE}
     * where absent); null when the groups belong to several services or there are none.
     */
    public String service() {
      return service;
    }

    /** Whether the request holds resource groups of one service only (or none). */
    public boolean singleService() {
      return service != null || groups == 0;
    }

    /** The parsed message, parsed on first use (the bytes were found valid already). */
    public Message message() {
      Message m = message;
      if (m == null) {
        try {
          m = parser(signal).parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
          // the scan accepted what protobuf refuses: a bug here, not the client's
          throw new IllegalStateException("a scanned request does not parse: " + e.getMessage(), e);
        }
        message = m;
      }
      return m;
    }
  }

  private OtlpWireScan() {}

  /**
   * Scans {@code bytes} as {@code signal}'s export request.
   *
   * @throws InvalidProtocolBufferException the very exception {@code parseFrom} throws for them
   */
  public static Request scan(Signal signal, byte[] bytes) throws InvalidProtocolBufferException {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(bytes, "bytes");
    Shape shape = Shape.of(signal);
    Scanner scanner = new Scanner(shape, bytes);
    try {
      scanner.request();
    } catch (IOException | RuntimeException doubted) {
      // malformed, or beyond what the scan follows: protobuf decides, and words the refusal
      Message message = parser(signal).parseFrom(bytes);
      List<ServiceBatches.Batch> batches = ServiceBatches.byService(signal, message);
      long items = 0;
      int groups = 0;
      for (ServiceBatches.Batch b : batches) {
        items += b.items();
        groups += b.groups();
      }
      String service = batches.size() == 1 ? batches.get(0).service() : null;
      return new Request(signal, bytes, groups, items, service, message);
    }
    return new Request(signal, bytes, scanner.groups, scanner.items, scanner.singleService(), null);
  }

  /**
   * Whether {@code bytes} are valid by the scan alone, without protobuf's parser deciding doubts:
   * for tests comparing the two.
   */
  static boolean validByScan(Signal signal, byte[] bytes) {
    try {
      new Scanner(Shape.of(signal), bytes).request();
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static Parser<? extends Message> parser(Signal signal) {
    return switch (signal) {
      case TRACES -> ExportTraceServiceRequest.parser();
      case METRICS -> ExportMetricsServiceRequest.parser();
      case LOGS -> ExportLogsServiceRequest.parser();
    };
  }

  /** How one signal's request nests, as descriptors and tags. */
  private static final class Shape {
    final Schema request;
    final int groupsTag;
    final Schema group;
    final int resourceTag;
    final int scopesTag;
    final Schema scope;
    final int itemsTag;
    final Schema item;
    final boolean metrics;

    Shape(Descriptor request, Descriptor group, Descriptor scope) {
      this.request = Schema.of(request);
      this.groupsTag = lenTag(request.findFieldByNumber(1));
      this.group = Schema.of(group);
      this.resourceTag = lenTag(group.findFieldByName("resource"));
      FieldDescriptor scopes = group.findFieldByNumber(2);
      this.scopesTag = lenTag(scopes);
      this.scope = Schema.of(scope);
      FieldDescriptor items = scope.findFieldByNumber(2);
      this.itemsTag = lenTag(items);
      this.item = Schema.of(items.getMessageType());
      this.metrics = items.getMessageType() == Metric.getDescriptor();
      if (scopes.getMessageType() != scope) {
        throw new IllegalStateException("unexpected OTLP schema: " + scopes.getFullName());
      }
    }

    static final Shape TRACES =
        new Shape(
            ExportTraceServiceRequest.getDescriptor(),
            ResourceSpans.getDescriptor(),
            ScopeSpans.getDescriptor());
    static final Shape METRICS =
        new Shape(
            ExportMetricsServiceRequest.getDescriptor(),
            ResourceMetrics.getDescriptor(),
            ScopeMetrics.getDescriptor());
    static final Shape LOGS =
        new Shape(
            ExportLogsServiceRequest.getDescriptor(),
            ResourceLogs.getDescriptor(),
            ScopeLogs.getDescriptor());

    static Shape of(Signal signal) {
      return switch (signal) {
        case TRACES -> TRACES;
        case METRICS -> METRICS;
        case LOGS -> LOGS;
      };
    }
  }

  // the messages on the way to the service name and to metric data points
  private static final Schema RESOURCE = Schema.of(Resource.getDescriptor());
  private static final int ATTRIBUTES_TAG =
      lenTag(Resource.getDescriptor().findFieldByName("attributes"));
  private static final Schema KEY_VALUE = Schema.of(KeyValue.getDescriptor());
  private static final int KEY_TAG = lenTag(KeyValue.getDescriptor().findFieldByName("key"));
  private static final int VALUE_TAG = lenTag(KeyValue.getDescriptor().findFieldByName("value"));
  private static final Schema ANY_VALUE = Schema.of(AnyValue.getDescriptor());
  private static final int STRING_VALUE =
      AnyValue.getDescriptor().findFieldByName("string_value").getNumber();
  private static final Schema METRIC = Schema.of(Metric.getDescriptor());
  // the members of Metric's data oneof, by field number: their data_points field's tag
  private static final int[] DATA_POINTS_TAG;
  private static final Schema[] DATA_HOLDER;

  static {
    var data =
        Metric.getDescriptor().getOneofs().stream()
            .filter(o -> o.getName().equals("data"))
            .findFirst()
            .orElseThrow();
    int max = 0;
    for (FieldDescriptor f : data.getFields()) {
      max = Math.max(max, f.getNumber());
    }
    DATA_POINTS_TAG = new int[max + 1];
    DATA_HOLDER = new Schema[max + 1];
    for (FieldDescriptor f : data.getFields()) {
      DATA_POINTS_TAG[f.getNumber()] = lenTag(f.getMessageType().findFieldByName("data_points"));
      DATA_HOLDER[f.getNumber()] = Schema.of(f.getMessageType());
    }
  }

  private static int lenTag(FieldDescriptor field) {
    return field.getNumber() << 3 | LEN;
  }

  /**
   * One pass over one request, reading the array directly: every read is bounded by the end of the
   * message it is in ({@code end}), as protobuf's limits bound it; anything unusual throws, and the
   * caller lets {@code parseFrom} decide.
   */
  private static final class Scanner {
    final Shape shape;
    final byte[] bytes;
    int pos;
    int groups;
    long items;
    // the service of every group so far; null before the first group and after a second service
    String service;
    boolean several;
    // the current group's service.name, null until found
    String groupService;
    // a metric's data points by the member of its data oneof
    final long[] pointsByCase = new long[DATA_HOLDER.length];

    Scanner(Shape shape, byte[] bytes) {
      this.shape = shape;
      this.bytes = bytes;
    }

    String singleService() {
      return several ? null : service;
    }

    void request() throws IOException {
      int end = bytes.length;
      while (pos < end) {
        int tag = tag(end);
        if (tag == shape.groupsTag) {
          int groupEnd = enter(end, 1);
          group(groupEnd);
        } else {
          field(shape.request, tag, end, 0);
        }
      }
    }

    private void group(int end) throws IOException {
      groupService = null;
      while (pos < end) {
        int tag = tag(end);
        if (tag == shape.resourceTag) {
          resource(enter(end, 2));
        } else if (tag == shape.scopesTag) {
          scope(enter(end, 2));
        } else {
          field(shape.group, tag, end, 1);
        }
      }
      String name = groupService != null ? groupService : ServiceBatches.UNKNOWN_SERVICE;
      if (groups++ == 0) {
        service = name;
      } else if (!several && !service.equals(name)) {
        several = true;
      }
    }

    private void resource(int end) throws IOException {
      while (pos < end) {
        int tag = tag(end);
        if (tag == ATTRIBUTES_TAG) {
          attribute(enter(end, 3));
        } else {
          field(RESOURCE, tag, end, 2);
        }
      }
    }

    /** One resource attribute: a KeyValue as protobuf merges it. */
    private void attribute(int end) throws IOException {
      int keyAt = -1;
      int keyLength = 0;
      int valueCase = 0;
      int stringAt = -1;
      int stringLength = 0;
      while (pos < end) {
        int tag = tag(end);
        if (tag == KEY_TAG) {
          keyLength = length(end);
          keyAt = string(keyLength);
        } else if (tag == VALUE_TAG) {
          int valueEnd = enter(end, 4);
          while (pos < valueEnd) {
            int t = tag(valueEnd);
            int number = t >>> 3;
            if (number == STRING_VALUE && (t & 7) == LEN) {
              valueCase = number;
              stringLength = length(valueEnd);
              stringAt = string(stringLength);
            } else {
              if (ANY_VALUE.matches(number, t & 7)) {
                // another member of the oneof replaces the string
                valueCase = number;
              }
              field(ANY_VALUE, t, valueEnd, 4);
            }
          }
        } else {
          field(KEY_VALUE, tag, end, 3);
        }
      }
      if (groupService == null
          && valueCase == STRING_VALUE
          && stringLength > 0
          && keyLength == SERVICE_NAME.length
          && Arrays.equals(bytes, keyAt, keyAt + keyLength, SERVICE_NAME, 0, SERVICE_NAME.length)) {
        groupService = new String(bytes, stringAt, stringLength, StandardCharsets.UTF_8);
      }
    }

    private void scope(int end) throws IOException {
      while (pos < end) {
        int tag = tag(end);
        if (tag == shape.itemsTag) {
          int itemEnd = enter(end, 3);
          if (shape.metrics) {
            items += metric(itemEnd);
          } else {
            items++;
            fields(shape.item, itemEnd, 3);
          }
        } else {
          field(shape.scope, tag, end, 2);
        }
      }
    }

    /**
     * The data points of one metric as protobuf's generated parser keeps them: the last member of
     * the data oneof wins, with every occurrence of that member merged (its builder outlives a
     * switch to another member and back).
     */
    private long metric(int end) throws IOException {
      int dataCase = 0;
      long[] points = pointsByCase;
      Arrays.fill(points, 0);
      while (pos < end) {
        int tag = tag(end);
        int number = tag >>> 3;
        if ((tag & 7) == LEN && number < DATA_HOLDER.length && DATA_HOLDER[number] != null) {
          dataCase = number;
          int holderEnd = enter(end, 4);
          int pointsTag = DATA_POINTS_TAG[number];
          Schema holder = DATA_HOLDER[number];
          while (pos < holderEnd) {
            int t = tag(holderEnd);
            if (t == pointsTag) {
              points[number]++;
            }
            field(holder, t, holderEnd, 4);
          }
        } else {
          field(METRIC, tag, end, 3);
        }
      }
      return points[dataCase];
    }

    /** The fields of a message ending at {@code end}, at nesting {@code depth}. */
    private void fields(Schema schema, int end, int depth) throws IOException {
      while (pos < end) {
        field(schema, tag(end), end, depth);
      }
    }

    /** One field of a message at nesting {@code depth}, its tag read. */
    private void field(Schema schema, int tag, int end, int depth) throws IOException {
      switch (schema.action(tag)) {
        case K_VARINT -> varint(end);
        case K_FIXED64 -> skip(8, end);
        case K_FIXED32 -> skip(4, end);
        case K_STRING -> string(length(end));
        case K_BYTES -> skip(length(end), end);
        case K_MESSAGE -> fields(schema.child(tag >>> 3), enter(end, depth + 1), depth + 1);
        case K_GROUP -> throw new IOException("groups are not scanned");
        case P_VARINT -> {
          int length = length(end);
          int packedEnd = pos + length;
          while (pos < packedEnd) {
            varint(packedEnd);
          }
        }
        case P_FIXED64 -> packed(8, end);
        case P_FIXED32 -> packed(4, end);
        default -> unknown(tag, end, depth);
      }
    }

    /** Packed fixed-size values of {@code size} bytes each: their length must be a multiple. */
    private void packed(int size, int end) throws IOException {
      int length = length(end);
      if (length % size != 0) {
        throw new IOException("packed values of odd length");
      }
      pos += length;
    }

    /** An unknown field (or a known one of another wire type), skipped as protobuf keeps it. */
    private void unknown(int tag, int end, int depth) throws IOException {
      switch (tag & 7) {
        case VARINT -> varint(end);
        case FIXED64 -> skip(8, end);
        case LEN -> skip(length(end), end);
        case FIXED32 -> skip(4, end);
        case START_GROUP -> {
          if (depth + 1 > RECURSION_LIMIT) {
            throw new IOException("recursion limit");
          }
          int endGroup = (tag & ~7) | END_GROUP;
          while (true) {
            if (pos >= end) {
              throw new IOException("group not ended");
            }
            int t = tag(end);
            if (t == endGroup) {
              break;
            }
            if ((t & 7) == END_GROUP) {
              throw new IOException("end-group tag does not match");
            }
            unknown(t, end, depth + 1);
          }
        }
        case END_GROUP -> throw new IOException("end-group tag outside a group");
        default -> throw new IOException("invalid wire type");
      }
    }

    /**
     * Reads the length of a nested message at nesting {@code depth} in a message ending at {@code
     * end}; returns where the nested one ends.
     */
    private int enter(int end, int depth) throws IOException {
      int length = length(end);
      if (depth > RECURSION_LIMIT) {
        throw new IOException("recursion limit");
      }
      return pos + length;
    }

    /** A tag, at least one byte before {@code end}; field number 0 is refused. */
    private int tag(int end) throws IOException {
      byte[] b = bytes;
      int p = pos;
      int first = b[p];
      if (first >= 0) {
        pos = p + 1;
        if (first >>> 3 == 0) {
          throw new IOException("invalid tag");
        }
        return first;
      }
      int tag = (int) varint(end);
      if (tag >>> 3 == 0) {
        throw new IOException("invalid tag");
      }
      return tag;
    }

    /** A length that fits before {@code end}. */
    private int length(int end) throws IOException {
      int p = pos;
      int length;
      if (p < end && bytes[p] >= 0) {
        length = bytes[p];
        pos = p + 1;
      } else {
        length = (int) varint(end);
      }
      if (length < 0 || length > end - pos) {
        throw new IOException("length out of bounds");
      }
      return length;
    }

    /** A varint of at most ten bytes, ending before {@code end}. */
    private long varint(int end) throws IOException {
      byte[] b = bytes;
      int p = pos;
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (p >= end) {
          throw new IOException("truncated varint");
        }
        byte x = b[p++];
        value |= (long) (x & 0x7f) << shift;
        if (x >= 0) {
          pos = p;
          return value;
        }
      }
      throw new IOException("malformed varint");
    }

    private void skip(int length, int end) throws IOException {
      if (length > end - pos) {
        throw new IOException("truncated");
      }
      pos += length;
    }

    /**
     * Skips a proto3 string of {@code length} bytes (in bounds), checking its UTF-8; returns its
     * offset.
     */
    private int string(int length) throws IOException {
      int at = pos;
      if (!validUtf8(bytes, at, length)) {
        throw new IOException("invalid UTF-8");
      }
      pos = at + length;
      return at;
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Whether {@code bytes[at, at + length)} is UTF-8 as protobuf checks it. */
  static boolean validUtf8(byte[] bytes, int at, int length) {
    int end = at + length;
    int i = at;
    // ASCII eight bytes at a time, the rest by protobuf's own check from the first other byte
    for (; i + 8 <= end; i += 8) {
      if (((long) LONGS.get(bytes, i) & 0x8080808080808080L) != 0) {
        break;
      }
    }
    for (; i < end; i++) {
      if (bytes[i] < 0) {
        return UnsafeByteOperations.unsafeWrap(bytes, i, end - i).isValidUtf8();
      }
    }
    return true;
  }

  /** A message type's fields by number: how each is read, and the message type of each message. */
  private static final class Schema {
    private static final Map<Descriptor, Schema> ALL = new HashMap<>();

    // how a field is read, by its whole tag (number and wire type); 0 for an unknown field
    private byte[] actions = new byte[0];
    private Schema[] children = new Schema[0];

    static synchronized Schema of(Descriptor type) {
      Schema schema = ALL.get(type);
      if (schema != null) {
        return schema;
      }
      schema = new Schema();
      ALL.put(type, schema);
      int max = 0;
      for (FieldDescriptor f : type.getFields()) {
        max = Math.max(max, f.getNumber());
      }
      byte[] actions = new byte[(max + 1) << 3];
      Schema[] children = new Schema[max + 1];
      for (FieldDescriptor f : type.getFields()) {
        int n = f.getNumber();
        byte kind = kind(f);
        actions[n << 3 | WIRE_TYPE[kind]] = kind;
        if (f.isRepeated() && kind <= K_FIXED32) {
          // repeated numbers may come packed as well
          actions[n << 3 | LEN] = (byte) (kind + P_VARINT - K_VARINT);
        }
        if (kind == K_MESSAGE) {
          children[n] = of(f.getMessageType());
        }
      }
      schema.actions = actions;
      schema.children = children;
      return schema;
    }

    private static byte kind(FieldDescriptor f) {
      return switch (f.getType()) {
        case INT32, INT64, UINT32, UINT64, SINT32, SINT64, BOOL, ENUM -> K_VARINT;
        case FIXED64, SFIXED64, DOUBLE -> K_FIXED64;
        case FIXED32, SFIXED32, FLOAT -> K_FIXED32;
        case STRING -> K_STRING;
        case BYTES -> K_BYTES;
        case MESSAGE -> K_MESSAGE;
        case GROUP -> K_GROUP;
      };
    }

    /** How a field of this tag is read; 0 when unknown (or of another wire type). */
    byte action(int tag) {
      return Integer.compareUnsigned(tag, actions.length) < 0 ? actions[tag] : 0;
    }

    Schema child(int number) {
      return children[number];
    }

    /** Whether a field of this number and wire type is one of the message's own. */
    boolean matches(int number, int wireType) {
      return action(number << 3 | wireType) != 0;
    }
  }
}
