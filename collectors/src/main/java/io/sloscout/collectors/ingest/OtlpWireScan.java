package io.sloscout.collectors.ingest;

import com.google.protobuf.CodedInputStream;
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
 * <p>Validation walks every field by the messages' descriptors the way protobuf's parser reads it:
 * tags, varints and lengths through {@link CodedInputStream}; known fields of a matching wire type
 * descend (nested messages up to protobuf's recursion limit of 100, strings checked for UTF-8 as
 * proto3 requires, packed and unpacked repeated scalars); any other field is skipped as an unknown
 * field (groups matched, end-group tags outside a group refused). What the scan doubts it hands to
 * {@code parseFrom}: a request is refused only with parseFrom's own exception, so answers to
 * malformed requests read as before; and one the scan wrongly doubted is still accepted.
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

  /** One pass over one request. */
  private static final class Scanner {
    final Shape shape;
    final byte[] bytes;
    final CodedInputStream in;
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
      this.in = CodedInputStream.newInstance(bytes);
    }

    String singleService() {
      return several ? null : service;
    }

    void request() throws IOException {
      in.pushLimit(bytes.length);
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == shape.groupsTag) {
          int limit = enter(1);
          group();
          in.popLimit(limit);
        } else {
          field(shape.request, tag, 0);
        }
      }
    }

    private void group() throws IOException {
      groupService = null;
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == shape.resourceTag) {
          int limit = enter(2);
          resource();
          in.popLimit(limit);
        } else if (tag == shape.scopesTag) {
          int limit = enter(2);
          scope();
          in.popLimit(limit);
        } else {
          field(shape.group, tag, 1);
        }
      }
      String name = groupService != null ? groupService : ServiceBatches.UNKNOWN_SERVICE;
      if (groups++ == 0) {
        service = name;
      } else if (!several && !service.equals(name)) {
        several = true;
      }
    }

    private void resource() throws IOException {
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == ATTRIBUTES_TAG) {
          int limit = enter(3);
          attribute();
          in.popLimit(limit);
        } else {
          field(RESOURCE, tag, 2);
        }
      }
    }

    /** One resource attribute: a KeyValue as protobuf merges it. */
    private void attribute() throws IOException {
      int keyAt = -1;
      int keyLength = 0;
      int valueCase = 0;
      int stringAt = -1;
      int stringLength = 0;
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == KEY_TAG) {
          keyLength = in.readRawVarint32();
          keyAt = string(keyLength);
        } else if (tag == VALUE_TAG) {
          int limit = enter(4);
          int t;
          while ((t = in.readTag()) != 0) {
            int number = t >>> 3;
            if (number == STRING_VALUE && (t & 7) == LEN) {
              valueCase = number;
              stringLength = in.readRawVarint32();
              stringAt = string(stringLength);
            } else {
              if (ANY_VALUE.matches(number, t & 7)) {
                // another member of the oneof replaces the string
                valueCase = number;
              }
              field(ANY_VALUE, t, 4);
            }
          }
          in.popLimit(limit);
        } else {
          field(KEY_VALUE, tag, 3);
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

    private void scope() throws IOException {
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == shape.itemsTag) {
          int limit = enter(3);
          if (shape.metrics) {
            items += metric();
          } else {
            items++;
            fields(shape.item, 3);
          }
          in.popLimit(limit);
        } else {
          field(shape.scope, tag, 2);
        }
      }
    }

    /**
     * The data points of one metric as protobuf's generated parser keeps them: the last member of
     * the data oneof wins, with every occurrence of that member merged (its builder outlives a
     * switch to another member and back).
     */
    private long metric() throws IOException {
      int dataCase = 0;
      long[] points = pointsByCase;
      Arrays.fill(points, 0);
      int tag;
      while ((tag = in.readTag()) != 0) {
        int number = tag >>> 3;
        if ((tag & 7) == LEN && number < DATA_HOLDER.length && DATA_HOLDER[number] != null) {
          dataCase = number;
          int limit = enter(4);
          int pointsTag = DATA_POINTS_TAG[number];
          Schema holder = DATA_HOLDER[number];
          int t;
          while ((t = in.readTag()) != 0) {
            if (t == pointsTag) {
              points[number]++;
            }
            field(holder, t, 4);
          }
          in.popLimit(limit);
        } else {
          field(METRIC, tag, 3);
        }
      }
      return points[dataCase];
    }

    /** The fields of a message whose limit is pushed, at nesting {@code depth}. */
    private void fields(Schema schema, int depth) throws IOException {
      int tag;
      while ((tag = in.readTag()) != 0) {
        field(schema, tag, depth);
      }
    }

    /** One field of a message at nesting {@code depth}, its tag read. */
    private void field(Schema schema, int tag, int depth) throws IOException {
      int number = tag >>> 3;
      int wireType = tag & 7;
      byte kind = schema.kind(number);
      if (kind != 0) {
        if (wireType == wireType(kind)) {
          switch (kind) {
            case K_VARINT -> in.readRawVarint64();
            case K_FIXED64 -> in.skipRawBytes(8);
            case K_FIXED32 -> in.skipRawBytes(4);
            case K_STRING -> string(in.readRawVarint32());
            case K_BYTES -> in.skipRawBytes(in.readRawVarint32());
            case K_MESSAGE -> {
              int limit = enter(depth + 1);
              fields(schema.child(number), depth + 1);
              in.popLimit(limit);
            }
            default -> throw new IOException("groups are not scanned");
          }
          return;
        }
        if (wireType == LEN && schema.packable(number)) {
          int limit = in.pushLimit(in.readRawVarint32());
          while (in.getBytesUntilLimit() > 0) {
            switch (kind) {
              case K_VARINT -> in.readRawVarint64();
              case K_FIXED64 -> in.skipRawBytes(8);
              default -> in.skipRawBytes(4);
            }
          }
          in.popLimit(limit);
          return;
        }
      }
      unknown(tag, depth);
    }

    /** An unknown field (or a known one of another wire type), skipped as protobuf keeps it. */
    private void unknown(int tag, int depth) throws IOException {
      switch (tag & 7) {
        case VARINT -> in.readRawVarint64();
        case FIXED64 -> in.skipRawBytes(8);
        case LEN -> in.skipRawBytes(in.readRawVarint32());
        case FIXED32 -> in.skipRawBytes(4);
        case START_GROUP -> {
          if (depth + 1 > RECURSION_LIMIT) {
            throw new IOException("recursion limit");
          }
          int end = (tag & ~7) | END_GROUP;
          while (true) {
            int t = in.readTag();
            if (t == end) {
              break;
            }
            if (t == 0 || (t & 7) == END_GROUP) {
              throw new IOException("end-group tag does not match");
            }
            unknown(t, depth + 1);
          }
        }
        case END_GROUP -> throw new IOException("end-group tag outside a group");
        default -> throw new IOException("invalid wire type");
      }
    }

    /** Pushes the limit of a nested message at nesting {@code depth}; returns the old limit. */
    private int enter(int depth) throws IOException {
      int length = in.readRawVarint32();
      if (depth > RECURSION_LIMIT) {
        throw new IOException("recursion limit");
      }
      return in.pushLimit(length);
    }

    /** Skips a proto3 string of {@code length} bytes, checking its UTF-8; returns its offset. */
    private int string(int length) throws IOException {
      if (length < 0 || length > in.getBytesUntilLimit()) {
        throw new IOException("string out of bounds");
      }
      int at = in.getTotalBytesRead();
      if (!validUtf8(bytes, at, length)) {
        throw new IOException("invalid UTF-8");
      }
      in.skipRawBytes(length);
      return at;
    }
  }

  /** Whether {@code bytes[at, at + length)} is UTF-8 as protobuf checks it. */
  static boolean validUtf8(byte[] bytes, int at, int length) {
    int end = at + length;
    for (int i = at; i < end; i++) {
      if (bytes[i] < 0) {
        // not ASCII: protobuf's own check
        return UnsafeByteOperations.unsafeWrap(bytes, i, end - i).isValidUtf8();
      }
    }
    return true;
  }

  private static int wireType(byte kind) {
    return switch (kind) {
      case K_VARINT -> VARINT;
      case K_FIXED64 -> FIXED64;
      case K_FIXED32 -> FIXED32;
      case K_GROUP -> START_GROUP;
      default -> LEN;
    };
  }

  /** A message type's fields by number: how each is read, and the message type of each message. */
  private static final class Schema {
    private static final Map<Descriptor, Schema> ALL = new HashMap<>();

    private byte[] kinds = new byte[0];
    private boolean[] packable = new boolean[0];
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
      byte[] kinds = new byte[max + 1];
      boolean[] packable = new boolean[max + 1];
      Schema[] children = new Schema[max + 1];
      for (FieldDescriptor f : type.getFields()) {
        int n = f.getNumber();
        kinds[n] = kind(f);
        packable[n] = f.isRepeated() && kinds[n] <= K_FIXED32;
        if (kinds[n] == K_MESSAGE) {
          children[n] = of(f.getMessageType());
        }
      }
      schema.kinds = kinds;
      schema.packable = packable;
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

    byte kind(int number) {
      return number < kinds.length ? kinds[number] : 0;
    }

    boolean packable(int number) {
      return packable[number];
    }

    Schema child(int number) {
      return children[number];
    }

    boolean matches(int number, int wireType) {
      byte kind = kind(number);
      return kind != 0 && (wireType == wireType(kind) || (wireType == LEN && packable[number]));
    }
  }
}
