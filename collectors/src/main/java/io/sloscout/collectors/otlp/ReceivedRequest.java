package io.sloscout.collectors.otlp;

import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * One request message as it came over gRPC: its bytes (decompressed), not parsed yet (the handler
 * scans them, and parses only what it must), or the status to answer when they could not be read.
 */
record ReceivedRequest(byte[] bytes, Status error) {

  /**
   * Reads request messages as bytes, so that a request can go to Kafka as it came, without parsing
   * or serializing it again. Never throws: a message that cannot be read becomes a {@link
   * ReceivedRequest} with an {@link #error()}, so the call answers with a clear status.
   */
  static final class Marshaller implements MethodDescriptor.Marshaller<ReceivedRequest> {

    static final Marshaller INSTANCE = new Marshaller();

    @Override
    public InputStream stream(ReceivedRequest value) {
      return new ByteArrayInputStream(value.bytes());
    }

    @Override
    public ReceivedRequest parse(InputStream stream) {
      byte[] bytes;
      try {
        bytes = readAll(stream);
      } catch (StatusRuntimeException e) {
        // grpc enforces the size limit on decompressed messages while they are read
        return new ReceivedRequest(new byte[0], e.getStatus());
      } catch (IOException | RuntimeException e) {
        return new ReceivedRequest(
            new byte[0],
            Status.INVALID_ARGUMENT.withDescription("cannot read the request: " + e.getMessage()));
      }
      return new ReceivedRequest(bytes, null);
    }

    private static byte[] readAll(InputStream stream) throws IOException {
      try (stream) {
        if (stream instanceof KnownLength) {
          // uncompressed messages: the size is known, so one exact copy
          int size = stream.available();
          byte[] bytes = new byte[size];
          int read = stream.readNBytes(bytes, 0, size);
          int next = stream.read();
          if (read == size && next == -1) {
            return bytes;
          }
          ByteArrayOutputStream all = new ByteArrayOutputStream(size + 1024);
          all.write(bytes, 0, read);
          if (next != -1) {
            all.write(next);
            stream.transferTo(all);
          }
          return all.toByteArray();
        }
        return stream.readAllBytes();
      }
    }
  }
}
