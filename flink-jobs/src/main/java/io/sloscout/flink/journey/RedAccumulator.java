package io.sloscout.flink.journey;

import io.sloscout.core.journey.LatencyDistribution;
import io.sloscout.flink.typeinfo.ValueSerializer;
import io.sloscout.flink.typeinfo.ValueTypeInfo;
import io.sloscout.storage.LatencySketch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Rate, errors and latency of the requests of one series in one window: an HdrHistogram of
 * microseconds (the range and precision of core's {@link LatencyDistribution}) and exact counts at
 * its bucket bounds. Not thread-safe.
 */
public final class RedAccumulator {

  /** The type information of accumulators in window state. */
  public static final TypeInformation<RedAccumulator> TYPE =
      new ValueTypeInfo<>(RedAccumulator.class, Serializer.INSTANCE);

  private static final long[] BOUND_NANOS = new long[LatencyDistribution.BUCKETS_SECONDS.size()];

  static {
    for (int i = 0; i < BOUND_NANOS.length; i++) {
      BOUND_NANOS[i] = Math.round(LatencyDistribution.BUCKETS_SECONDS.get(i) * 1e9);
    }
  }

  final Histogram histogram;
  final long[] atOrUnder;
  long requests;
  long errors;

  public RedAccumulator() {
    this(LatencySketch.newHistogram(), new long[BOUND_NANOS.length], 0, 0);
  }

  private RedAccumulator(Histogram histogram, long[] atOrUnder, long requests, long errors) {
    this.histogram = histogram;
    this.atOrUnder = atOrUnder;
    this.requests = requests;
    this.errors = errors;
  }

  /** Records one request. */
  public void record(long durationNanos, boolean failed) {
    requests++;
    if (failed) {
      errors++;
    }
    long micros = Math.max(0, Math.min(LatencySketch.MAX_MICROS, (durationNanos + 500) / 1000));
    histogram.recordValue(micros);
    for (int i = BOUND_NANOS.length - 1; i >= 0 && durationNanos <= BOUND_NANOS[i]; i--) {
      atOrUnder[i]++;
    }
  }

  /** Adds another accumulator's requests to this one. */
  public void add(RedAccumulator other) {
    requests += other.requests;
    errors += other.errors;
    histogram.add(other.histogram);
    for (int i = 0; i < atOrUnder.length; i++) {
      atOrUnder[i] += other.atOrUnder[i];
    }
  }

  public long requests() {
    return requests;
  }

  public long errors() {
    return errors;
  }

  /** The latencies in HdrHistogram's compressed encoding. */
  public byte[] sketch() {
    return LatencySketch.of(histogram).toBytes();
  }

  /** Requests at or under each bound of {@link LatencyDistribution#BUCKETS_SECONDS}. */
  public long[] atOrUnder() {
    return atOrUnder.clone();
  }

  RedAccumulator copy() {
    return new RedAccumulator(histogram.copy(), atOrUnder.clone(), requests, errors);
  }

  /** Serializes accumulators: counters and the compressed histogram. */
  public static final class Serializer extends ValueSerializer<RedAccumulator> {
    private static final long serialVersionUID = 1L;
    static final Serializer INSTANCE = new Serializer();

    @Override
    public boolean isImmutableType() {
      return false;
    }

    @Override
    protected RedAccumulator deepCopy(RedAccumulator from) {
      return from.copy();
    }

    @Override
    protected void write(RedAccumulator a, DataOutputView out) throws IOException {
      out.writeLong(a.requests);
      out.writeLong(a.errors);
      out.writeInt(a.atOrUnder.length);
      for (long n : a.atOrUnder) {
        out.writeLong(n);
      }
      writeBytes(LatencySketch.of(a.histogram).toBytes(), out);
    }

    @Override
    protected RedAccumulator read(DataInputView in) throws IOException {
      long requests = in.readLong();
      long errors = in.readLong();
      long[] atOrUnder = new long[in.readInt()];
      for (int i = 0; i < atOrUnder.length; i++) {
        atOrUnder[i] = in.readLong();
      }
      Histogram h;
      try {
        h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(readBytes(in)), 0);
      } catch (DataFormatException e) {
        throw new IOException("a latency histogram in state is corrupt", e);
      }
      return new RedAccumulator(h, atOrUnder, requests, errors);
    }

    @Override
    public TypeSerializerSnapshot<RedAccumulator> snapshotConfiguration() {
      return new Snapshot();
    }

    /** Snapshot of this stateless serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RedAccumulator> {
      public Snapshot() {
        super(() -> INSTANCE);
      }
    }
  }
}
