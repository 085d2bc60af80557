package io.sloscout.collectors.remoteread;

import io.sloscout.collectors.remoteread.RemoteReadException.Kind;

/**
 * Decodes a Prometheus TSDB XOR chunk (Gorilla compression) into its samples.
 *
 * <p>Layout, from the TSDB chunk format description: a 2-byte big-endian sample count, then a
 * bitstream, most significant bit first. The first sample is a signed varint timestamp and the raw
 * 64 bits of its value. The second is the timestamp delta as an unsigned varint and its value XOR'd
 * with the first. Every later timestamp is a delta-of-delta behind a prefix: {@code 0} for 0,
 * {@code 10} + 14 bits, {@code 110} + 17 bits, {@code 1110} + 20 bits, {@code 1111} + 64 bits;
 * every later value is XOR'd with the one before: {@code 0} when equal, {@code 10} + the
 * significant bits inside the previous leading/trailing zero window, or {@code 11} + 5 bits of
 * leading zeros + 6 bits of significant-bit count (0 meaning 64) + the significant bits.
 */
final class XorChunkDecoder {

  /** Receives the samples of a chunk in order. */
  @FunctionalInterface
  interface SampleSink {
    void accept(long timestampMs, double value);
  }

  private XorChunkDecoder() {}

  /**
   * Feeds every sample of {@code chunk} to {@code sink} and returns how many there were; throws on
   * a chunk that ends early or is otherwise not a valid XOR chunk.
   */
  static int decode(byte[] chunk, SampleSink sink) throws RemoteReadException {
    if (chunk.length < 2) {
      throw corrupt("XOR chunk of " + chunk.length + " bytes has no 2-byte sample count");
    }
    int count = ((chunk[0] & 0xff) << 8) | (chunk[1] & 0xff);
    if (count == 0) {
      return 0;
    }
    BitReader in = new BitReader(chunk, 16, count);
    long t = in.readVarint();
    long valueBits = in.readBits(64);
    sink.accept(t, Double.longBitsToDouble(valueBits));
    if (count == 1) {
      return 1;
    }
    in.sample = 1;
    long delta = in.readUvarint();
    t += delta;
    XorState xor = new XorState();
    valueBits = xor.next(in, valueBits);
    sink.accept(t, Double.longBitsToDouble(valueBits));
    for (int i = 2; i < count; i++) {
      in.sample = i;
      delta += readDeltaOfDelta(in);
      t += delta;
      valueBits = xor.next(in, valueBits);
      sink.accept(t, Double.longBitsToDouble(valueBits));
    }
    return count;
  }

  private static long readDeltaOfDelta(BitReader in) throws RemoteReadException {
    int ones = 0;
    while (ones < 4 && in.readBit()) {
      ones++;
    }
    int size;
    switch (ones) {
      case 0:
        return 0;
      case 1:
        size = 14;
        break;
      case 2:
        size = 17;
        break;
      case 3:
        size = 20;
        break;
      default:
        return in.readBits(64);
    }
    long bits = in.readBits(size);
    // the writer stores the low bits of values in [-(2^(n-1) - 1), 2^(n-1)], so 2^(n-1) itself is
    // positive and only larger patterns are negative
    if (bits > (1L << (size - 1))) {
      bits -= 1L << size;
    }
    return bits;
  }

  /** The leading/trailing zero window the previous value XOR used; none before the first. */
  private static final class XorState {
    private int leading = -1;
    private int trailing;

    long next(BitReader in, long previousBits) throws RemoteReadException {
      if (!in.readBit()) {
        return previousBits;
      }
      if (in.readBit()) {
        leading = (int) in.readBits(5);
        int significant = (int) in.readBits(6);
        if (significant == 0) {
          significant = 64;
        }
        trailing = 64 - leading - significant;
        if (trailing < 0) {
          throw in.corruptHere(
              leading + " leading zeros and " + significant + " significant bits exceed 64");
        }
      } else if (leading < 0) {
        throw in.corruptHere("value reuses a leading/trailing zero window before any was set");
      }
      int significant = 64 - leading - trailing;
      long xor = in.readBits(significant) << trailing;
      return previousBits ^ xor;
    }
  }

  /** Reads bits most significant first from a byte array, from a starting bit offset. */
  private static final class BitReader {
    private final byte[] data;
    private final long limit;
    private final int count;
    private long position;
    int sample;

    BitReader(byte[] data, long position, int count) {
      this.data = data;
      this.limit = (long) data.length * 8;
      this.position = position;
      this.count = count;
    }

    boolean readBit() throws RemoteReadException {
      require(1);
      int bit = (data[(int) (position >>> 3)] >>> (7 - (int) (position & 7))) & 1;
      position++;
      return bit != 0;
    }

    /** {@code n} bits (0 to 64) as an unsigned number. */
    long readBits(int n) throws RemoteReadException {
      require(n);
      long value = 0;
      int remaining = n;
      while (remaining > 0) {
        int offset = (int) (position & 7);
        int available = 8 - offset;
        int take = Math.min(available, remaining);
        int current = data[(int) (position >>> 3)] & 0xff;
        int bits = (current >>> (available - take)) & ((1 << take) - 1);
        value = (value << take) | bits;
        position += take;
        remaining -= take;
      }
      return value;
    }

    long readUvarint() throws RemoteReadException {
      long value = 0;
      for (int shift = 0; shift < 70; shift += 7) {
        long b = readBits(8);
        if (shift == 63 && b > 1) {
          throw corruptHere("varint overflows 64 bits");
        }
        value |= (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw corruptHere("varint longer than 10 bytes");
    }

    long readVarint() throws RemoteReadException {
      long unsigned = readUvarint();
      long value = unsigned >>> 1;
      return (unsigned & 1) != 0 ? ~value : value;
    }

    private void require(int bits) throws RemoteReadException {
      if (position + bits > limit) {
        throw corruptHere(
            "chunk ends early: " + bits + " more bits needed at bit " + position + " of " + limit);
      }
    }

    RemoteReadException corruptHere(String problem) {
      return corrupt("XOR chunk, sample " + (sample + 1) + " of " + count + ": " + problem);
    }
  }

  private static RemoteReadException corrupt(String message) {
    return new RemoteReadException(Kind.BAD_RESPONSE, message);
  }
}
