package io.sloscout.collectors.remoteread;

import java.io.ByteArrayOutputStream;

/**
 * Builds XOR chunks for tests: {@link #bits} writes a hand-chosen bit pattern; {@link #encode} is a
 * reference encoder written from the format description, used to cross-check the decoder on many
 * samples.
 */
final class ChunkBits {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private int current;
  private int used;

  /** A chunk whose header says {@code count} samples; the bitstream follows. */
  static ChunkBits withCount(int count) {
    ChunkBits bits = new ChunkBits();
    bits.bits(count, 16);
    return bits;
  }

  /** Appends the low {@code n} bits of {@code value}, most significant first. */
  ChunkBits bits(long value, int n) {
    for (int i = n - 1; i >= 0; i--) {
      current = (current << 1) | (int) ((value >>> i) & 1);
      used++;
      if (used == 8) {
        bytes.write(current);
        current = 0;
        used = 0;
      }
    }
    return this;
  }

  /** Appends bits written as a string of '0' and '1' (spaces ignored). */
  ChunkBits bits(String pattern) {
    for (char c : pattern.toCharArray()) {
      if (c == '0' || c == '1') {
        bits(c - '0', 1);
      }
    }
    return this;
  }

  ChunkBits uvarint(long value) {
    while ((value & ~0x7fL) != 0) {
      bits((value & 0x7f) | 0x80, 8);
      value >>>= 7;
    }
    return bits(value, 8);
  }

  ChunkBits varint(long value) {
    return uvarint((value << 1) ^ (value >> 63));
  }

  ChunkBits value(double value) {
    return bits(Double.doubleToRawLongBits(value), 64);
  }

  /** The chunk, the last byte padded with zero bits. */
  byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes.toByteArray());
    if (used > 0) {
      out.write(current << (8 - used));
    }
    return out.toByteArray();
  }

  /** A chunk of these samples, encoded as the TSDB does. */
  static byte[] encode(long[] timestamps, double[] values) {
    ChunkBits out = withCount(timestamps.length);
    long previousDelta = 0;
    int leading = -1;
    int trailing = 0;
    for (int i = 0; i < timestamps.length; i++) {
      long bitsNow = Double.doubleToRawLongBits(values[i]);
      if (i == 0) {
        out.varint(timestamps[0]).bits(bitsNow, 64);
        continue;
      }
      long delta = timestamps[i] - timestamps[i - 1];
      if (i == 1) {
        out.uvarint(delta);
      } else {
        long dod = delta - previousDelta;
        if (dod == 0) {
          out.bits("0");
        } else if (fits(dod, 14)) {
          out.bits("10").bits(dod, 14);
        } else if (fits(dod, 17)) {
          out.bits("110").bits(dod, 17);
        } else if (fits(dod, 20)) {
          out.bits("1110").bits(dod, 20);
        } else {
          out.bits("1111").bits(dod, 64);
        }
      }
      previousDelta = delta;
      long xor = bitsNow ^ Double.doubleToRawLongBits(values[i - 1]);
      if (xor == 0) {
        out.bits("0");
        continue;
      }
      int lead = Math.min(Long.numberOfLeadingZeros(xor), 31);
      int trail = Long.numberOfTrailingZeros(xor);
      if (leading >= 0 && lead >= leading && trail >= trailing) {
        out.bits("10").bits(xor >>> trailing, 64 - leading - trailing);
      } else {
        leading = lead;
        trailing = trail;
        int significant = 64 - lead - trail;
        out.bits("11").bits(lead, 5).bits(significant == 64 ? 0 : significant, 6);
        out.bits(xor >>> trail, significant);
      }
    }
    return out.toBytes();
  }

  private static boolean fits(long value, int bits) {
    return -((1L << (bits - 1)) - 1) <= value && value <= 1L << (bits - 1);
  }
}
