package io.sloscout.collectors.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * One request message as it came over gRPC: its bytes (decompressed) and the message parsed from
 * them, or the status to answer when it could not be read.
 */
record ReceivedRequest(byte[] bytes, Message message, Status error) {

  /**
   * Reads request messages keeping their bytes, so that a request can go to Kafka as it came,
   * without serializing it again. Never throws: a message that cannot be read becomes a {@link
   * ReceivedRequest} with an {@link #error()}, so the call answers with a clear status.
   */
  static final class Marshaller implements MethodDescriptor.Marshaller<ReceivedRequest> {

    private final Parser<? extends Message> parser;

    Marshaller(Parser<? extends Message> parser) {
      this.parser = parser;
    }

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
        return new ReceivedRequest(new byte[0], null, e.getStatus());
      } catch (IOException | RuntimeException e) {
        return new ReceivedRequest(
            new byte[0],
            null,
            Status.INVALID_ARGUMENT.withDescription("cannot read the request: " + e.getMessage()));
      }
      try {
        return new ReceivedRequest(bytes, parser.parseFrom(bytes), null);
      } catch (InvalidProtocolBufferException e) {
        return new ReceivedRequest(
            bytes,
            null,
            Status.INVALID_ARGUMENT.withDescription(
                "the request is not a valid OTLP protobuf message: " + e.getMessage()));
      }
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
