package io.sloscout.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.zip.DataFormatException;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution as stored: an HdrHistogram of microseconds in its compressed encoding.
 * Sketches of different minutes merge without losing more than the histogram's precision, which is
 * how totals over a range get their percentiles. Immutable.
 */
public final class LatencySketch {

  /** Highest latency the histograms of {@link #newHistogram()} track: one hour. */
  public static final long MAX_MICROS = 3_600_000_000L;

  /** Precision of {@link #newHistogram()}, as in {@code LatencyDistribution}. */
  public static final int SIGNIFICANT_DIGITS = 2;

  private static final LatencySketch EMPTY = of(newHistogram());

  private final byte[] encoded;

  private LatencySketch(byte[] encoded) {
    this.encoded = encoded;
  }

  /**
   * A histogram to record latencies into, in microseconds, with the range and precision of {@code
   * io.sloscout.core.journey.LatencyDistribution}.
   */
  public static Histogram newHistogram() {
    return new Histogram(MAX_MICROS, SIGNIFICANT_DIGITS);
  }

  /** The sketch of a histogram of microseconds. */
  public static LatencySketch of(AbstractHistogram micros) {
    Checks.notNull(micros, "histogram");
    ByteBuffer buffer = ByteBuffer.allocate(micros.getNeededByteBufferCapacity());
    int length = micros.encodeIntoCompressedByteBuffer(buffer);
    return new LatencySketch(Arrays.copyOf(buffer.array(), length));
  }

  /** A sketch with no values. */
  public static LatencySketch empty() {
    return EMPTY;
  }

  /**
   * A sketch from its stored bytes.
   *
   * @throws IllegalArgumentException when the bytes are not a compressed HdrHistogram
   */
  public static LatencySketch fromBytes(byte[] encoded) {
    Checks.notNull(encoded, "latencySketch");
    LatencySketch sketch = new LatencySketch(encoded.clone());
    sketch.histogram(); // fail here, naming the field, rather than on the first read
    return sketch;
  }

  /** Bytes read back from our own table: checked when they are decoded, not before. */
  static LatencySketch stored(byte[] encoded) {
    return new LatencySketch(encoded);
  }

  /** The merge of {@code sketches}: the distribution of all their values together. */
  public static LatencySketch merge(Collection<LatencySketch> sketches) {
    Checks.notNull(sketches, "sketches");
    if (sketches.size() == 1) {
      return sketches.iterator().next();
    }
    // auto-resizing, so sketches recorded with other ranges merge too
    Histogram merged = new Histogram(SIGNIFICANT_DIGITS);
    for (LatencySketch s : sketches) {
      merged.add(s.histogram());
    }
    return of(merged);
  }

  /** The stored bytes (a copy). */
  public byte[] toBytes() {
    return encoded.clone();
  }

  /** A decoded copy of the histogram, in microseconds. */
  public Histogram histogram() {
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(encoded), 0);
    } catch (DataFormatException | RuntimeException e) {
      throw new IllegalArgumentException(
          "latencySketch is not a compressed HdrHistogram: " + e.getMessage(), e);
    }
  }

  /** Values recorded. */
  public long count() {
    return histogram().getTotalCount();
  }

  /** The latency at quantile {@code q} (0..1) in milliseconds; 0 when empty. */
  public double quantileMillis(double q) {
    Histogram h = histogram();
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(q * 100) / 1000.0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencySketch other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "LatencySketch[" + encoded.length + " bytes]";
  }
}
