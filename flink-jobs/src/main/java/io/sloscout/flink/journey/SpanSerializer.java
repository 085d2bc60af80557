package io.sloscout.flink.journey;

import io.sloscout.core.telemetry.Resource;
import io.sloscout.core.telemetry.Span;
import io.sloscout.core.telemetry.SpanEvent;
import io.sloscout.core.telemetry.SpanKind;
import io.sloscout.core.telemetry.StatusCode;
import io.sloscout.flink.typeinfo.ValueSerializer;
import io.sloscout.flink.typeinfo.ValueTypeInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes core {@link Span}s (immutable records) for streams and trace state. */
public final class SpanSerializer extends ValueSerializer<Span> {

  private static final long serialVersionUID = 1L;

  public static final SpanSerializer INSTANCE = new SpanSerializer();

  /** The type information of spans in a Flink stream. */
  public static final TypeInformation<Span> TYPE = new ValueTypeInfo<>(Span.class, INSTANCE);

  private static final SpanKind[] KINDS = SpanKind.values();
  private static final StatusCode[] CODES = StatusCode.values();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  protected void write(Span s, DataOutputView out) throws IOException {
    writeMap(s.resource().attributes(), out);
    out.writeUTF(s.traceId());
    out.writeUTF(s.spanId());
    out.writeUTF(s.parentSpanId());
    writeString(s.name(), out);
    out.writeByte(s.kind().ordinal());
    out.writeLong(s.startUnixNanos());
    out.writeLong(s.endUnixNanos());
    out.writeByte(s.status().ordinal());
    writeString(s.statusMessage(), out);
    writeMap(s.attributes(), out);
    out.writeInt(s.events().size());
    for (SpanEvent e : s.events()) {
      writeString(e.name(), out);
      out.writeLong(e.timeUnixNanos());
      writeMap(e.attributes(), out);
    }
  }

  @Override
  protected Span read(DataInputView in) throws IOException {
    Resource resource = new Resource(readMap(in));
    String traceId = in.readUTF();
    String spanId = in.readUTF();
    String parent = in.readUTF();
    String name = readString(in);
    SpanKind kind = KINDS[in.readByte()];
    long start = in.readLong();
    long end = in.readLong();
    StatusCode status = CODES[in.readByte()];
    String message = readString(in);
    Map<String, String> attributes = readMap(in);
    int n = in.readInt();
    List<SpanEvent> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      events.add(new SpanEvent(readString(in), in.readLong(), readMap(in)));
    }
    return new Span(
        resource,
        traceId,
        spanId,
        parent,
        name,
        kind,
        start,
        end,
        status,
        message,
        attributes,
        events);
  }

  static void writeMap(Map<String, String> map, DataOutputView out) throws IOException {
    out.writeInt(map.size());
    for (Map.Entry<String, String> e : map.entrySet()) {
      writeString(e.getKey(), out);
      writeString(e.getValue() == null ? "" : e.getValue(), out);
    }
  }

  static Map<String, String> readMap(DataInputView in) throws IOException {
    int n = in.readInt();
    if (n == 0) {
      return Map.of();
    }
    Map<String, String> map = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      map.put(readString(in), readString(in));
    }
    return map;
  }

  @Override
  public TypeSerializerSnapshot<Span> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of this stateless serializer. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Span> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
