package io.sloscout.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.sloscout.proto.prompb.Chunk;
import io.sloscout.proto.prompb.ChunkedReadResponse;
import io.sloscout.proto.prompb.ChunkedSeries;
import io.sloscout.proto.prompb.Label;
import io.sloscout.proto.prompb.LabelMatcher;
import io.sloscout.proto.prompb.Query;
import io.sloscout.proto.prompb.QueryResult;
import io.sloscout.proto.prompb.ReadHints;
import io.sloscout.proto.prompb.ReadRequest;
import io.sloscout.proto.prompb.ReadResponse;
import io.sloscout.proto.prompb.Sample;
import io.sloscout.proto.prompb.TimeSeries;
import io.sloscout.proto.prompb.WriteRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PrompbTest {

  @Test
  void aReadRequestEncodesToTheHandWrittenGoldenBytes() throws IOException {
    ReadRequest request =
        ReadRequest.newBuilder()
            .addQueries(
                Query.newBuilder()
                    .setStartTimestampMs(1000)
                    .setEndTimestampMs(2000)
                    .addMatchers(
                        LabelMatcher.newBuilder()
                            .setType(LabelMatcher.Type.EQ)
                            .setName("__name__")
                            .setValue("up"))
                    .addMatchers(
                        LabelMatcher.newBuilder()
                            .setType(LabelMatcher.Type.RE)
                            .setName("job")
                            .setValue("api|web")))
            .addAcceptedResponseTypes(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS)
            .build();

    byte[] golden = goldenHex("golden/read-request.hex");

    assertThat(HexFormat.of().formatHex(request.toByteArray()))
        .isEqualTo(HexFormat.of().formatHex(golden));
    assertThat(ReadRequest.parseFrom(golden)).isEqualTo(request);
  }

  @Test
  void aSamplesResponseSurvivesARoundTrip() throws InvalidProtocolBufferException {
    ReadResponse response =
        ReadResponse.newBuilder()
            .addResults(
                QueryResult.newBuilder()
                    .addTimeseries(
                        TimeSeries.newBuilder()
                            .addLabels(label("__name__", "http_requests_total"))
                            .addLabels(label("service", "checkout"))
                            .addSamples(Sample.newBuilder().setValue(1.5).setTimestamp(1_000))
                            .addSamples(
                                Sample.newBuilder().setValue(Double.NaN).setTimestamp(2_000))))
            .build();

    assertRoundTrip(response, ReadResponse.parseFrom(response.toByteArray()));
  }

  @Test
  void aReadRequestWithHintsSurvivesARoundTrip() throws InvalidProtocolBufferException {
    ReadRequest request =
        ReadRequest.newBuilder()
            .addQueries(
                Query.newBuilder()
                    .setStartTimestampMs(-5)
                    .setEndTimestampMs(Long.MAX_VALUE)
                    .addMatchers(
                        LabelMatcher.newBuilder()
                            .setType(LabelMatcher.Type.NRE)
                            .setName("env")
                            .setValue("dev.*"))
                    .setHints(
                        ReadHints.newBuilder()
                            .setStepMs(15_000)
                            .setFunc("rate")
                            .setStartMs(1)
                            .setEndMs(2)
                            .addGrouping("job")
                            .setBy(true)
                            .setRangeMs(300_000)))
            .addAcceptedResponseTypes(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS)
            .addAcceptedResponseTypes(ReadRequest.ResponseType.SAMPLES)
            .build();

    assertRoundTrip(request, ReadRequest.parseFrom(request.toByteArray()));
  }

  @Test
  void aChunkedFrameSurvivesARoundTrip() throws InvalidProtocolBufferException {
    ChunkedReadResponse frame =
        ChunkedReadResponse.newBuilder()
            .setQueryIndex(3)
            .addChunkedSeries(
                ChunkedSeries.newBuilder()
                    .addLabels(label("__name__", "up"))
                    .addChunks(
                        Chunk.newBuilder()
                            .setMinTimeMs(10)
                            .setMaxTimeMs(20)
                            .setType(Chunk.Encoding.XOR)
                            .setData(ByteString.copyFrom(new byte[] {0, 1, (byte) 0xff}))))
            .build();

    assertRoundTrip(frame, ChunkedReadResponse.parseFrom(frame.toByteArray()));
  }

  @Test
  void aMetricsBatchSurvivesARoundTrip() throws InvalidProtocolBufferException {
    WriteRequest batch =
        WriteRequest.newBuilder()
            .addTimeseries(
                TimeSeries.newBuilder()
                    .addLabels(label("__name__", "up"))
                    .addSamples(Sample.newBuilder().setValue(1).setTimestamp(42)))
            .build();

    assertRoundTrip(batch, WriteRequest.parseFrom(batch.toByteArray()));
  }

  private static Label label(String name, String value) {
    return Label.newBuilder().setName(name).setValue(value).build();
  }

  private static void assertRoundTrip(Message original, Message parsed) {
    assertThat(parsed).isEqualTo(original);
    assertThat(parsed.toByteString()).isEqualTo(original.toByteString());
  }

  static byte[] goldenHex(String resource) throws IOException {
    try (InputStream in = PrompbTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      String hex =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(line -> !line.startsWith("#"))
              .collect(Collectors.joining())
              .replaceAll("\\s+", "");
      return HexFormat.of().parseHex(hex);
    }
  }
}
