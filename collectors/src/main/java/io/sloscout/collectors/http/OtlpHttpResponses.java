package io.sloscout.collectors.http;

import com.google.protobuf.Message;
import com.google.rpc.Code;
import com.google.rpc.Status;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.sloscout.collectors.ingest.Signal;
import java.nio.charset.StandardCharsets;

/**
 * The bodies OTLP/HTTP answers with (OTLP spec, "OTLP/HTTP Response"): an {@code
 * Export*ServiceResponse} on success, with {@code partial_success} when items were rejected or
 * there is a warning, and a {@code google.rpc.Status} on failure; both in the request's encoding.
 */
final class OtlpHttpResponses {

  private OtlpHttpResponses() {}

  /** The success response of {@code signal} with {@code rejected} items and its message. */
  static Message exportResponse(Signal signal, long rejected, String errorMessage) {
    boolean partial = rejected > 0 || !errorMessage.isEmpty();
    return switch (signal) {
      case TRACES -> {
        ExportTraceServiceResponse.Builder r = ExportTraceServiceResponse.newBuilder();
        if (partial) {
          r.setPartialSuccess(
              ExportTracePartialSuccess.newBuilder()
                  .setRejectedSpans(rejected)
                  .setErrorMessage(errorMessage));
        }
        yield r.build();
      }
      case METRICS -> {
        ExportMetricsServiceResponse.Builder r = ExportMetricsServiceResponse.newBuilder();
        if (partial) {
          r.setPartialSuccess(
              ExportMetricsPartialSuccess.newBuilder()
                  .setRejectedDataPoints(rejected)
                  .setErrorMessage(errorMessage));
        }
        yield r.build();
      }
      case LOGS -> {
        ExportLogsServiceResponse.Builder r = ExportLogsServiceResponse.newBuilder();
        if (partial) {
          r.setPartialSuccess(
              ExportLogsPartialSuccess.newBuilder()
                  .setRejectedLogRecords(rejected)
                  .setErrorMessage(errorMessage));
        }
        yield r.build();
      }
    };
  }

  /** The error body for HTTP {@code httpStatus}, its gRPC code the nearest equivalent. */
  static Status status(int httpStatus, String message) {
    return Status.newBuilder()
        .setCode(grpcCode(httpStatus).getNumber())
        .setMessage(message)
        .build();
  }

  static Code grpcCode(int httpStatus) {
    return switch (httpStatus) {
      case 400, 415 -> Code.INVALID_ARGUMENT;
      case 401 -> Code.UNAUTHENTICATED;
      case 404 -> Code.NOT_FOUND;
      case 405 -> Code.UNIMPLEMENTED;
      case 413 -> Code.RESOURCE_EXHAUSTED;
      case 429, 503 -> Code.UNAVAILABLE;
      default -> Code.INTERNAL;
    };
  }

  /** {@code message} as protobuf bytes or OTLP JSON (UTF-8). */
  static byte[] encode(WireFormat format, Message message) {
    return switch (format) {
      case PROTOBUF -> message.toByteArray();
      case JSON -> OtlpJson.print(message).getBytes(StandardCharsets.UTF_8);
    };
  }
}
