package io.sloscout.flink.journey;

import io.sloscout.core.telemetry.Span;
import io.sloscout.flink.typeinfo.ValueSerializer;
import io.sloscout.flink.typeinfo.ValueTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A redacted span with the raw-topic partition it came from, for per-partition watermarks.
 *
 * @param span the span
 * @param partition its Kafka partition
 */
public record SourcedSpan(Span span, int partition) {

  /** The type information of sourced spans in a Flink stream. */
  public static final TypeInformation<SourcedSpan> TYPE =
      new ValueTypeInfo<>(SourcedSpan.class, Serializer.INSTANCE);

  /** Serializes sourced spans. */
  public static final class Serializer extends ValueSerializer<SourcedSpan> {
    private static final long serialVersionUID = 1L;
    static final Serializer INSTANCE = new Serializer();

    @Override
    public boolean isImmutableType() {
      return true;
    }

    @Override
    protected void write(SourcedSpan s, DataOutputView out) throws IOException {
      out.writeInt(s.partition);
      SpanSerializer.INSTANCE.write(s.span, out);
    }

    @Override
    protected SourcedSpan read(DataInputView in) throws IOException {
      int partition = in.readInt();
      return new SourcedSpan(SpanSerializer.INSTANCE.read(in), partition);
    }

    @Override
    public TypeSerializerSnapshot<SourcedSpan> snapshotConfiguration() {
      return new Snapshot();
    }

    /** Snapshot of this stateless serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SourcedSpan> {
      public Snapshot() {
        super(() -> INSTANCE);
      }
    }
  }
}
