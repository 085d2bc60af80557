package io.sloscout.flink.events;

import io.sloscout.flink.typeinfo.ValueSerializer;
import io.sloscout.flink.typeinfo.ValueTypeInfo;
import io.sloscout.proto.v1.Event;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes {@code slo_scout.v1.Event} as its protobuf bytes; events are immutable. */
public final class EventSerializer extends ValueSerializer<Event> {

  private static final long serialVersionUID = 1L;

  public static final EventSerializer INSTANCE = new EventSerializer();

  /** The type information of events in a Flink stream. */
  public static final TypeInformation<Event> TYPE = new ValueTypeInfo<>(Event.class, INSTANCE);

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  protected void write(Event value, DataOutputView out) throws IOException {
    writeBytes(value.toByteArray(), out);
  }

  @Override
  protected Event read(DataInputView in) throws IOException {
    return Event.parseFrom(readBytes(in));
  }

  @Override
  public TypeSerializerSnapshot<Event> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of this stateless serializer. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Event> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
