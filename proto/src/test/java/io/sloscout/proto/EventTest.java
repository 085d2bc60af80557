package io.sloscout.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.sloscout.proto.v1.Event;
import io.sloscout.proto.v1.EventKind;
import io.sloscout.proto.v1.SpanKind;
import io.sloscout.proto.v1.Status;
import io.sloscout.proto.v1.StatusCode;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EventTest {

  private static final ByteString TRACE_ID =
      ByteString.copyFrom(HexFormat.of().parseHex("5b8efff798038103d269b633813fc60c"));
  private static final ByteString SPAN_ID =
      ByteString.copyFrom(HexFormat.of().parseHex("eee19b7ec3c1b174"));

  @Test
  void aSpanEventSurvivesARoundTrip() throws InvalidProtocolBufferException {
    Event span =
        Event.newBuilder()
            .setKind(EventKind.EVENT_KIND_SPAN)
            .setService("checkout")
            .setTemplateId("t-9f2c")
            .setTemplate("GET /product/{id}")
            .setTimeUnixNano(1_700_000_000_123_456_789L)
            .setTraceId(TRACE_ID)
            .setSpanId(SPAN_ID)
            .setParentSpanId(ByteString.copyFrom(new byte[8]))
            .putAttributes("http.route", "/product/{id}")
            .putAttributes("user.email", "<EMAIL>")
            .setDurationNano(12_345_678)
            .setStatus(
                Status.newBuilder()
                    .setCode(StatusCode.STATUS_CODE_ERROR)
                    .setMessage("upstream <IP> timed out")
                    .setHttpStatusCode(504))
            .setSpanKind(SpanKind.SPAN_KIND_SERVER)
            .setSourceTopic("slo-scout.spans.raw")
            .setSourcePartition(2)
            .setSourceOffset(981)
            .build();

    Event parsed = Event.parseFrom(span.toByteArray());

    assertThat(parsed).isEqualTo(span);
    assertThat(parsed.getStatus().hasGrpcStatusCode()).isFalse();
  }

  @Test
  void aLogEventSurvivesARoundTrip() throws InvalidProtocolBufferException {
    Event log =
        Event.newBuilder()
            .setKind(EventKind.EVENT_KIND_LOG)
            .setService("payments")
            .setTemplateId("t-01")
            .setTemplate("card <CREDIT_CARD> declined after <*> ms")
            .setTimeUnixNano(1)
            .setTraceId(TRACE_ID)
            .setSeverityNumber(17)
            .setStatus(Status.newBuilder().setCode(StatusCode.STATUS_CODE_ERROR))
            .setSourceOffset(-1)
            .build();

    assertThat(Event.parseFrom(log.toByteArray())).isEqualTo(log);
  }

  @Test
  void aMetricEventKeepsItsValueAndAnExplicitGrpcOk() throws InvalidProtocolBufferException {
    Event metric =
        Event.newBuilder()
            .setKind(EventKind.EVENT_KIND_METRIC)
            .setService("cart")
            .setTemplateId("m-1")
            .setTemplate("rpc_server_duration_seconds")
            .setTimeUnixNano(Long.MIN_VALUE) // fixed64: the full unsigned range survives
            .setValue(0.25)
            .setStatus(Status.newBuilder().setGrpcStatusCode(0))
            .build();

    Event parsed = Event.parseFrom(metric.toByteArray());

    assertThat(parsed).isEqualTo(metric);
    assertThat(parsed.getValue()).isEqualTo(0.25);
    // optional: an explicit OK (0) must stay distinguishable from "no gRPC status"
    assertThat(parsed.getStatus().hasGrpcStatusCode()).isTrue();
    assertThat(parsed.getStatus().getGrpcStatusCode()).isZero();
  }

  @Test
  void aReaderOfThisVersionSkipsFieldsAddedLater() throws InvalidProtocolBufferException {
    Event known = Event.newBuilder().setKind(EventKind.EVENT_KIND_LOG).setService("a").build();
    // field 99, varint 7: what a newer producer might add
    byte[] withFutureField =
        ByteString.copyFrom(known.toByteArray())
            .concat(ByteString.copyFrom(new byte[] {(byte) 0x98, 0x06, 0x07}))
            .toByteArray();

    Event parsed = Event.parseFrom(withFutureField);

    assertThat(parsed.getService()).isEqualTo("a");
    assertThat(parsed.getKind()).isEqualTo(EventKind.EVENT_KIND_LOG);
  }
}
