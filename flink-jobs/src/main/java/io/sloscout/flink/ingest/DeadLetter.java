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
 * A raw record that could not be decoded, or only in part, with the reason.
 *
 * @param record the record as it was read
 * @param reason why, in one line
 * @param partial true when the valid items of the record were processed and only some were bad
 */
public record DeadLetter(RawRecord record, String reason, boolean partial) {

  /** The type information of dead letters in a Flink stream. */
  public static final TypeInformation<DeadLetter> TYPE =
      new ValueTypeInfo<>(DeadLetter.class, Serializer.INSTANCE);

  /** Longest reason kept; a header is not a place for a whole report. */
  public static final int MAX_REASON_CHARS = 1000;

  public DeadLetter {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(reason, "reason");
    if (reason.length() > MAX_REASON_CHARS) {
      reason = reason.substring(0, MAX_REASON_CHARS - 1) + "…";
    }
  }

  /** Serializes dead letters. */
  public static final class Serializer extends ValueSerializer<DeadLetter> {
    private static final long serialVersionUID = 1L;
    static final Serializer INSTANCE = new Serializer();

    @Override
    public boolean isImmutableType() {
      return true;
    }

    @Override
    protected void write(DeadLetter d, DataOutputView out) throws IOException {
      RawRecord.Serializer.INSTANCE.write(d.record, out);
      writeString(d.reason, out);
      out.writeBoolean(d.partial);
    }

    @Override
    protected DeadLetter read(DataInputView in) throws IOException {
      return new DeadLetter(
          RawRecord.Serializer.INSTANCE.read(in), readString(in), in.readBoolean());
    }

    @Override
    public TypeSerializerSnapshot<DeadLetter> snapshotConfiguration() {
      return new Snapshot();
    }

    /** Snapshot of this stateless serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DeadLetter> {
      public Snapshot() {
        super(() -> INSTANCE);
      }
    }
  }
}
