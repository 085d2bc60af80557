package io.sloscout.cli.check;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The two tiny messages of {@code grpc.health.v1.Health/Check}, encoded by hand: no generated
 * classes, and the wire format of a string field and an enum field is all that is needed.
 */
final class GrpcHealth {

  /** The standard health-check method. */
  static final GrpcMethod CHECK = new GrpcMethod("grpc.health.v1.Health", "Check");

  /** {@code HealthCheckResponse.ServingStatus.SERVING}. */
  static final int SERVING = 1;

  private static final String[] NAMES = {"UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"};

  private GrpcHealth() {}

  /** A {@code HealthCheckRequest} for {@code service}; the empty name asks about the server. */
  static byte[] request(String service) {
    byte[] name = service.getBytes(StandardCharsets.UTF_8);
    if (name.length == 0) {
      return new byte[0]; // proto3 leaves default values off the wire
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(name.length + 6);
    out.write(0x0A); // field 1, length-delimited
    writeVarint(out, name.length);
    out.write(name, 0, name.length);
    return out.toByteArray();
  }

  /**
   * The {@code status} (field 1) of a {@code HealthCheckResponse}; 0 (UNKNOWN) when absent.
   *
   * @throws IllegalArgumentException when the bytes are not a well-formed message
   */
  static int status(byte[] response) {
    int status = 0;
    int[] pos = {0};
    // bounded: every pass consumes at least the tag byte
    while (pos[0] < response.length) {
      long tag = readVarint(response, pos);
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (field == 0) {
        throw new IllegalArgumentException("field number 0 in a health response");
      }
      switch (wire) {
        case 0 -> {
          long v = readVarint(response, pos);
          if (field == 1) {
            status = (int) v;
          }
        }
        case 1 -> skip(response, pos, 8);
        case 2 -> {
          long len = readVarint(response, pos);
          if (len > response.length) {
            throw new IllegalArgumentException("truncated health response");
          }
          skip(response, pos, (int) len);
        }
        case 5 -> skip(response, pos, 4);
        default ->
            throw new IllegalArgumentException("unsupported wire type " + wire + " in response");
      }
    }
    return status;
  }

  /** The name of a serving status, such as {@code NOT_SERVING}. */
  static String name(int status) {
    return status >= 0 && status < NAMES.length ? NAMES[status] : "status " + status;
  }

  private static void writeVarint(ByteArrayOutputStream out, int value) {
    int v = value;
    // bounded: at most 5 groups of 7 bits
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  private static long readVarint(byte[] b, int[] pos) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= b.length) {
        throw new IllegalArgumentException("truncated varint in health response");
      }
      byte x = b[pos[0]++];
      result |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("varint longer than 10 bytes in health response");
  }

  private static void skip(byte[] b, int[] pos, int n) {
    if (n < 0 || b.length - pos[0] < n) {
      throw new IllegalArgumentException("truncated health response");
    }
    pos[0] += n;
  }
}
