package io.sloscout.collectors.remoteread;

import com.google.protobuf.InvalidProtocolBufferException;
import io.sloscout.collectors.remoteread.RemoteReadException.Kind;
import io.sloscout.proto.prompb.ChunkedReadResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * Reads the frames of a {@code STREAMED_XOR_CHUNKS} answer: each an unsigned varint length, the
 * big-endian CRC32C of the data, then that many bytes of a {@code ChunkedReadResponse}.
 */
final class ChunkedFrameReader {

  private final InputStream in;
  private final int maxFrameBytes;
  private int frames;

  ChunkedFrameReader(InputStream in, int maxFrameBytes) {
    this.in = in;
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * The next frame, or null where the stream ends cleanly between frames; throws {@link
   * RemoteReadException} for a truncated, oversized or corrupt frame, and {@link IOException} when
   * the connection fails.
   */
  ChunkedReadResponse next() throws RemoteReadException, IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    frames++;
    long length = readUvarint(first);
    if (length > maxFrameBytes) {
      throw bad("frame of " + length + " bytes is larger than the limit of " + maxFrameBytes);
    }
    byte[] crc = in.readNBytes(4);
    if (crc.length < 4) {
      throw bad("stream ends inside the CRC32C of the frame");
    }
    long expected =
        ((crc[0] & 0xffL) << 24)
            | ((crc[1] & 0xffL) << 16)
            | ((crc[2] & 0xffL) << 8)
            | (crc[3] & 0xffL);
    byte[] data = in.readNBytes((int) length);
    if (data.length < length) {
      throw bad("stream ends after " + data.length + " of the frame's " + length + " bytes");
    }
    CRC32C checksum = new CRC32C();
    checksum.update(data);
    if (checksum.getValue() != expected) {
      throw bad(
          String.format(
              "CRC32C mismatch: the frame says %08x, its %d bytes give %08x (corrupt data)",
              expected, length, checksum.getValue()));
    }
    try {
      return ChunkedReadResponse.parseFrom(data);
    } catch (InvalidProtocolBufferException e) {
      throw new RemoteReadException(
          Kind.BAD_RESPONSE,
          "frame " + frames + ": not a ChunkedReadResponse: " + e.getMessage(),
          e);
    }
  }

  private long readUvarint(int first) throws IOException, RemoteReadException {
    long value = first & 0x7f;
    int b = first;
    int shift = 7;
    while ((b & 0x80) != 0) {
      if (shift > 35) {
        // a frame length needs at most 5 bytes; more is not a frame header
        throw bad("frame length varint longer than 5 bytes");
      }
      b = in.read();
      if (b < 0) {
        throw bad("stream ends inside the frame length");
      }
      value |= (long) (b & 0x7f) << shift;
      shift += 7;
    }
    return value;
  }

  private RemoteReadException bad(String problem) {
    return new RemoteReadException(Kind.BAD_RESPONSE, "frame " + frames + ": " + problem);
  }
}
