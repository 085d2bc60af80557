package io.sloscout.collectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sloscout.collectors.http.HttpBodyDecoder.OtlpRequest;
import io.sloscout.collectors.http.HttpReceiver.LogIntake;
import io.sloscout.collectors.http.LogIntakeConverter.Framing;
import io.sloscout.collectors.ingest.Signal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the receiver's body decoding: whatever a client sends, decoding yields a request or a
 * {@link BadRequestException} (400, 413, 415), never another exception.
 *
 * <p>Input layout, so that seeds are easy to write: byte 0 picks the endpoint (0 traces, 1 metrics,
 * 2 logs, 3 NDJSON log intake, 4 Fluent Bit log intake), byte 1 the {@code Content-Type}, byte 2
 * the {@code Content-Encoding}, the rest is the body. Plain {@code mvn test} replays the seeds in
 * {@code HttpBodyDecoderFuzzTestInputs/decodingYieldsARequestOrABadRequest}; {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class HttpBodyDecoderFuzzTest {

  private static final long MAX_BYTES = 1 << 20;
  private static final Signal[] SIGNALS = {Signal.TRACES, Signal.METRICS, Signal.LOGS};
  private static final String[] CONTENT_TYPES = {
    "application/x-protobuf",
    "application/json",
    "application/json; charset=utf-8",
    "application/x-ndjson",
    "text/plain",
    null
  };
  private static final String[] ENCODINGS = {
    null, "gzip", "identity", "deflate", "br", "gzip, identity"
  };
  private static final LogIntakeConverter LOGS = new LogIntakeConverter(LogIntake.defaults());

  private static final String HOOKS = "jazzer.hooks";
  private static String hooksBefore;

  /**
   * Replaying seeds needs none of Jazzer's hooks (they guide fuzzing and run its sanitizers);
   * installing them retransforms every loaded class and costs ~45 s in this module's test JVM. When
   * fuzzing (JAZZER_FUZZ set), or when {@code jazzer.hooks} is set explicitly, nothing changes.
   * Read by Jazzer when it sets up the test, which JUnit does after this.
   */
  @BeforeAll
  static void replayWithoutHooks() {
    hooksBefore = System.getProperty(HOOKS);
    String fuzz = System.getenv("JAZZER_FUZZ");
    if ((fuzz == null || fuzz.isEmpty()) && hooksBefore == null) {
      System.setProperty(HOOKS, "false");
    }
  }

  @AfterAll
  static void restoreHooks() {
    if (hooksBefore == null) {
      System.clearProperty(HOOKS);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void decodingYieldsARequestOrABadRequest(byte[] input) throws Exception {
    if (input.length < 3) {
      return;
    }
    int endpoint = (input[0] & 0xff) % 5;
    String contentType = CONTENT_TYPES[(input[1] & 0xff) % CONTENT_TYPES.length];
    String encoding = ENCODINGS[(input[2] & 0xff) % ENCODINGS.length];
    byte[] body = Arrays.copyOfRange(input, 3, input.length);
    try {
      if (endpoint < 3) {
        OtlpRequest request =
            HttpBodyDecoder.decodeOtlp(SIGNALS[endpoint], contentType, encoding, body, MAX_BYTES);
        checkOtlp(request);
      } else {
        byte[] decoded = HttpBodyDecoder.decompress(encoding, body, MAX_BYTES);
        Framing framing = endpoint == 3 ? Framing.LINES : Framing.sniff(decoded);
        LogIntakeConverter.Result result = LOGS.convert(decoded, framing, "svc", 1L);
        assertThat(result.request().getResourceLogsCount()).isLessThanOrEqualTo(result.records());
        assertThat(result.rejected() == 0).isEqualTo(result.firstError().isEmpty());
        // what goes to Kafka must parse back with protobuf's default limits
        assertThat(
                io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest.parseFrom(
                    result.request().toByteArray()))
            .isEqualTo(result.request());
      }
    } catch (BadRequestException e) {
      assertThat(e.status()).isIn(400, 413, 415);
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  private static void checkOtlp(OtlpRequest request) throws Exception {
    if (request.format() == WireFormat.PROTOBUF) {
      assertThat(request.wireBytes()).isNotNull();
      assertThat(HttpBodyDecoder.parseProtobuf(request.signal(), request.wireBytes()))
          .isEqualTo(request.message());
    } else {
      assertThat(request.wireBytes()).isNull();
      // the JSON mapping round-trips: printing (hex ids) and parsing again is the identity
      byte[] printed = OtlpJson.print(request.message()).getBytes(StandardCharsets.UTF_8);
      assertThat(OtlpJson.parse(request.signal(), printed)).isEqualTo(request.message());
    }
    // answers are always encodable
    OtlpHttpResponses.encode(
        request.format(), OtlpHttpResponses.exportResponse(request.signal(), 1, "x"));
  }
}
