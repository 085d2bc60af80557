package io.sloscout.flink.ingest;

import io.sloscout.flink.typeinfo.ValueSerializer;
import io.sloscout.flink.typeinfo.ValueTypeInfo;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * One Kafka record of a raw topic, undecoded: the bytes travel as they came so that a record that
 * cannot be decoded reaches the dead-letter topic unchanged.
 *
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset
 * @param key the record key (service.name), or null
 * @param value the record value, or null for a tombstone
 */
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {

  /** The type information of raw records in a Flink stream. */
  public static final TypeInformation<RawRecord> TYPE =
      new ValueTypeInfo<>(RawRecord.class, Serializer.INSTANCE);

  public RawRecord {
    Objects.requireNonNull(topic, "topic");
  }

  /** Where the record came from, for messages. */
  public String coordinates() {
    return topic + "-" + partition + "@" + offset;
  }

  /** Serializes raw records; they are never changed once read. */
  public static final class Serializer extends ValueSerializer<RawRecord> {
    private static final long serialVersionUID = 1L;
    static final Serializer INSTANCE = new Serializer();

    @Override
    public boolean isImmutableType() {
      return true;
    }

    @Override
    protected void write(RawRecord r, DataOutputView out) throws IOException {
      writeString(r.topic, out);
      out.writeInt(r.partition);
      out.writeLong(r.offset);
      writeNullable(r.key, out);
      writeNullable(r.value, out);
    }

    @Override
    protected RawRecord read(DataInputView in) throws IOException {
      return new RawRecord(
          readString(in), in.readInt(), in.readLong(), readNullable(in), readNullable(in));
    }

    private static void writeNullable(byte[] bytes, DataOutputView out) throws IOException {
      if (bytes == null) {
        out.writeInt(-1);
      } else {
        writeBytes(bytes, out);
      }
    }

    private static byte[] readNullable(DataInputView in) throws IOException {
      int n = in.readInt();
      if (n < 0) {
        return null;
      }
      byte[] bytes = new byte[n];
      in.readFully(bytes);
      return bytes;
    }

    @Override
    public TypeSerializerSnapshot<RawRecord> snapshotConfiguration() {
      return new Snapshot();
    }

    /** Snapshot of this stateless serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RawRecord> {
      public Snapshot() {
        super(() -> INSTANCE);
      }
    }
  }
}
