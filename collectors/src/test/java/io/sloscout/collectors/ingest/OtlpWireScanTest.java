package io.sloscout.collectors.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.sloscout.collectors.http.BadRequestException;
import io.sloscout.collectors.http.HttpBodyDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OtlpWireScanTest {

  private static final byte[] PLACEHOLDER = {1, 2, 3, 4};
  private static final String CORPUS =
      "/io/sloscout/collectors/http/HttpBodyDecoderFuzzTestInputs/"
          + "decodingYieldsARequestOrABadRequest";

  @Test
  void aRequestOfOneServiceIsScannedLikeTheParsedOne() throws Exception {
    byte[] traces = OtlpSamples.traces("checkout", 0, 7).toByteArray();

    OtlpWireScan.Request scan = agrees(Signal.TRACES, traces);

    assertThat(scan.service()).isEqualTo("checkout");
    assertThat(scan.items()).isEqualTo(7);
    assertThat(scan.groups()).isEqualTo(1);
    assertThat(scan.singleService()).isTrue();
    assertThat(scan.bytes()).isSameAs(traces);
    assertThat(scan.message()).isEqualTo(OtlpSamples.traces("checkout", 0, 7));
  }

  @Test
  void everySignalsSamplesAgree() throws Exception {
    for (Signal signal : Signal.values()) {
      agrees(signal, sample(signal, "svc").toByteArray());
      agrees(signal, new byte[0]);
    }
  }

  @Test
  void severalServicesHaveNoSingleService() throws Exception {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(OtlpSamples.resourceSpans("a", 0, 2, 0))
            .addResourceSpans(OtlpSamples.resourceSpans("b", 2, 3, 0))
            .addResourceSpans(OtlpSamples.resourceSpans("a", 5, 1, 0))
            .build();

    OtlpWireScan.Request scan = agrees(Signal.TRACES, request.toByteArray());

    assertThat(scan.service()).isNull();
    assertThat(scan.singleService()).isFalse();
    assertThat(scan.items()).isEqualTo(6);
    assertThat(scan.groups()).isEqualTo(3);
  }

  @Test
  void groupsOfOneServiceStayOneService() throws Exception {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(OtlpSamples.resourceSpans("a", 0, 2, 0))
            .addResourceSpans(OtlpSamples.resourceSpans("a", 2, 3, 10))
            .build();

    OtlpWireScan.Request scan = agrees(Signal.TRACES, request.toByteArray());

    assertThat(scan.service()).isEqualTo("a");
    assertThat(scan.groups()).isEqualTo(2);
  }

  @Test
  void aResourceWithoutServiceNameIsTheUnknownService() throws Exception {
    assertThat(agrees(Signal.TRACES, OtlpSamples.traces(null, 0, 2).toByteArray()).service())
        .isEqualTo(ServiceBatches.UNKNOWN_SERVICE);
    // no resource at all, an empty name, a name that is no string
    ResourceSpans bare =
        OtlpSamples.resourceSpans("x", 0, 1, 0).toBuilder().clearResource().build();
    assertThat(agrees(Signal.TRACES, traces(bare).toByteArray()).service())
        .isEqualTo(ServiceBatches.UNKNOWN_SERVICE);
    assertThat(
            agrees(Signal.TRACES, traces(withResource(attribute("service.name", ""))).toByteArray())
                .service())
        .isEqualTo(ServiceBatches.UNKNOWN_SERVICE);
    KeyValue intName =
        KeyValue.newBuilder()
            .setKey("service.name")
            .setValue(AnyValue.newBuilder().setIntValue(3))
            .build();
    assertThat(agrees(Signal.TRACES, traces(withResource(intName)).toByteArray()).service())
        .isEqualTo(ServiceBatches.UNKNOWN_SERVICE);
    // the first usable service.name wins
    assertThat(
            agrees(
                    Signal.TRACES,
                    traces(
                            withResource(
                                intName,
                                attribute("service.name", "second"),
                                attribute("service.name", "third")))
                        .toByteArray())
                .service())
        .isEqualTo("second");
  }

  @Test
  void nestedAnyValuesAreWalkedAndNeverMistakenForTheName() throws Exception {
    AnyValue nested = AnyValue.newBuilder().setStringValue("deep").build();
    for (int i = 0; i < 20; i++) {
      nested =
          i % 2 == 0
              ? AnyValue.newBuilder()
                  .setArrayValue(ArrayValue.newBuilder().addValues(nested))
                  .build()
              : AnyValue.newBuilder()
                  .setKvlistValue(
                      KeyValueList.newBuilder()
                          .addValues(KeyValue.newBuilder().setKey("service.name").setValue(nested)))
                  .build();
    }
    KeyValue attribute = KeyValue.newBuilder().setKey("service.name").setValue(nested).build();
    KeyValue inner =
        KeyValue.newBuilder()
            .setKey("inner")
            .setValue(
                AnyValue.newBuilder()
                    .setKvlistValue(
                        KeyValueList.newBuilder().addValues(attribute("service.name", "nested"))))
            .build();

    OtlpWireScan.Request scan =
        agrees(
            Signal.TRACES,
            traces(withResource(attribute, inner, attribute("service.name", "top"))).toByteArray());

    assertThat(scan.service()).isEqualTo("top");
  }

  @Test
  void repeatedSingularFieldsMergeAsProtobufMergesThem() throws Exception {
    Resource resource = Resource.newBuilder().addAttributes(attribute("host.name", "h")).build();
    byte[] group =
        concat(
            field(1, resource.toByteArray()),
            // a second resource: its attributes add to the first's
            field(
                1,
                Resource.newBuilder()
                    .addAttributes(attribute("service.name", "later"))
                    .build()
                    .toByteArray()),
            field(2, ScopeSpans.newBuilder().addSpans(span()).build().toByteArray()));
    assertThat(agrees(Signal.TRACES, field(1, group)).service()).isEqualTo("later");

    // key set twice: the last wins; value set twice: merged, the last oneof member wins
    byte[] keyValue =
        concat(
            field(1, bytes("service.name")),
            field(1, bytes("other")),
            field(2, AnyValue.newBuilder().setStringValue("x").build().toByteArray()));
    assertThat(agrees(Signal.TRACES, field(1, field(1, field(1, keyValue)))).service())
        .isEqualTo(ServiceBatches.UNKNOWN_SERVICE);
    byte[] keyValue2 =
        concat(
            field(1, bytes("other")),
            field(1, bytes("service.name")),
            field(2, AnyValue.newBuilder().setStringValue("first").build().toByteArray()),
            field(2, AnyValue.newBuilder().setStringValue("second").build().toByteArray()));
    assertThat(agrees(Signal.TRACES, field(1, field(1, field(1, keyValue2)))).service())
        .isEqualTo("second");
    byte[] keyValue3 =
        concat(
            field(1, bytes("service.name")),
            field(2, AnyValue.newBuilder().setStringValue("name").build().toByteArray()),
            field(2, AnyValue.newBuilder().setBoolValue(false).build().toByteArray()));
    assertThat(agrees(Signal.TRACES, field(1, field(1, field(1, keyValue3)))).service())
        .isEqualTo(ServiceBatches.UNKNOWN_SERVICE);
    byte[] keyValue4 =
        concat(
            field(1, bytes("service.name")),
            field(2, AnyValue.newBuilder().setBoolValue(true).build().toByteArray()),
            field(2, concat(field(1, bytes("won")), new byte[] {(byte) (2 << 3 | 2), 0})));
    // bool_value with the wrong wire type is an unknown field: the string stays
    assertThat(agrees(Signal.TRACES, field(1, field(1, field(1, keyValue4)))).service())
        .isEqualTo("won");
  }

  @Test
  void metricDataPointsAreCountedInEveryMetricType() throws Exception {
    NumberDataPoint point = NumberDataPoint.newBuilder().setAsDouble(1).setTimeUnixNano(5).build();
    HistogramDataPoint histogram =
        HistogramDataPoint.newBuilder()
            .addBucketCounts(1)
            .addBucketCounts(2)
            .addExplicitBounds(0.5)
            .setCount(3)
            .build();
    ScopeMetrics scope =
        ScopeMetrics.newBuilder()
            .addMetrics(
                Metric.newBuilder()
                    .setName("g")
                    .setGauge(Gauge.newBuilder().addDataPoints(point).addDataPoints(point)))
            .addMetrics(
                Metric.newBuilder().setName("s").setSum(Sum.newBuilder().addDataPoints(point)))
            .addMetrics(
                Metric.newBuilder()
                    .setName("h")
                    .setHistogram(
                        Histogram.newBuilder()
                            .addDataPoints(histogram)
                            .addDataPoints(histogram)
                            .addDataPoints(histogram)))
            .addMetrics(
                Metric.newBuilder()
                    .setName("e")
                    .setExponentialHistogram(
                        io.opentelemetry.proto.metrics.v1.ExponentialHistogram.newBuilder()
                            .addDataPoints(
                                io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint
                                    .newBuilder()
                                    .setPositive(
                                        io.opentelemetry.proto.metrics.v1
                                            .ExponentialHistogramDataPoint.Buckets.newBuilder()
                                            .addBucketCounts(3)
                                            .addBucketCounts(300)))))
            .addMetrics(
                Metric.newBuilder()
                    .setName("q")
                    .setSummary(
                        Summary.newBuilder()
                            .addDataPoints(
                                SummaryDataPoint.newBuilder()
                                    .addQuantileValues(
                                        SummaryDataPoint.ValueAtQuantile.newBuilder()
                                            .setQuantile(0.5)))))
            .addMetrics(Metric.newBuilder().setName("none"))
            .build();
    ExportMetricsServiceRequest request =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .setResource(OtlpSamples.resource("m"))
                    .addScopeMetrics(scope))
            .build();

    assertThat(agrees(Signal.METRICS, request.toByteArray()).items()).isEqualTo(8);

    // a metric whose data is set several times: the last member wins, and protobuf's parser
    // merges every occurrence of it (gauge 2 + 2 + 2), even across the sums in between
    byte[] gauge =
        Gauge.newBuilder().addDataPoints(point).addDataPoints(point).build().toByteArray();
    byte[] sum = Sum.newBuilder().addDataPoints(point).build().toByteArray();
    byte[] metric =
        concat(field(5, gauge), field(7, sum), field(7, sum), field(5, gauge), field(5, gauge));
    byte[] twice = field(1, field(2, field(2, metric)));
    assertThat(agrees(Signal.METRICS, twice).items()).isEqualTo(6);

    // bucket counts unpacked (protobuf accepts both)
    byte[] unpacked =
        concat(
            new byte[] {(byte) (6 << 3 | 1)},
            new byte[8],
            new byte[] {(byte) (6 << 3 | 1)},
            new byte[8]);
    byte[] histogramMetric = field(9, field(1, unpacked));
    agrees(Signal.METRICS, field(1, field(2, field(2, histogramMetric))));
    // a packed field whose length is no multiple of 8
    byte[] badPacked = field(9, field(1, field(6, new byte[7])));
    rejected(Signal.METRICS, field(1, field(2, field(2, badPacked))));
  }

  @Test
  void logRecordsAreCounted() throws Exception {
    assertThat(agrees(Signal.LOGS, sample(Signal.LOGS, "l").toByteArray()).items())
        .isEqualTo(
            ((ExportLogsServiceRequest) sample(Signal.LOGS, "l"))
                .getResourceLogs(0)
                .getScopeLogs(0)
                .getLogRecordsCount());
  }

  @Test
  void unknownFieldsAndKnownFieldsOfAnotherWireTypeAreSkipped() throws Exception {
    byte[] valid = OtlpSamples.traces("u", 0, 2).toByteArray();
    // unknown varint, fixed64, fixed32, length-delimited and a group with nested content
    byte[] unknown =
        concat(
            new byte[] {(byte) (20 << 3), 0x7f},
            new byte[] {(byte) (21 << 3 | 1), 1, 2, 3, 4, 5, 6, 7, 8},
            new byte[] {(byte) (22 << 3 | 5), 1, 2, 3, 4},
            field(23, new byte[] {1, 2, 3}),
            new byte[] {
              (byte) (24 << 3 | 3),
              (byte) (25 << 3),
              1,
              (byte) (26 << 3 | 3),
              (byte) (26 << 3 | 4),
              (byte) (24 << 3 | 4)
            });
    agrees(Signal.TRACES, concat(valid, unknown));
    agrees(Signal.TRACES, concat(unknown, valid));
    // resource_spans as a varint: an unknown field, no groups
    assertThat(agrees(Signal.TRACES, concat(new byte[] {(byte) (1 << 3), 5}, valid)).groups())
        .isEqualTo(1);
    // the span's name as a varint
    byte[] span = concat(span().toByteArray(), new byte[] {(byte) (5 << 3), 1});
    assertThat(agrees(Signal.TRACES, field(1, field(2, field(2, span)))).items()).isEqualTo(1);
  }

  @Test
  void malformedRequestsAreRefusedWithProtobufsOwnException() throws Exception {
    byte[] valid = OtlpSamples.traces("t", 0, 3).toByteArray();
    // every truncation
    for (int i = 1; i < valid.length; i++) {
      agrees(Signal.TRACES, Arrays.copyOf(valid, i));
    }
    // invalid UTF-8: in a span name, in the service name, in a nested key (builders refuse it:
    // strings of placeholder bytes are replaced in the encoded request)
    Span badName = span().toBuilder().setName("\u0001\u0002\u0003\u0004").build();
    rejected(
        Signal.TRACES,
        replace(
            traces(
                    ResourceSpans.newBuilder()
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(badName))
                        .build())
                .toByteArray(),
            PLACEHOLDER,
            new byte[] {'a', 'b', 'c', (byte) 0xc3}));
    byte[] service =
        traces(withResource(attribute("service.name", "\u0001\u0002\u0003\u0004"))).toByteArray();
    rejected(
        Signal.TRACES,
        replace(service, PLACEHOLDER, new byte[] {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80}));
    agrees(
        Signal.TRACES,
        replace(service, PLACEHOLDER, new byte[] {'a', (byte) 0xe2, (byte) 0x82, (byte) 0xac}));
    KeyValue nestedKey =
        KeyValue.newBuilder()
            .setKey("k")
            .setValue(
                AnyValue.newBuilder()
                    .setKvlistValue(
                        KeyValueList.newBuilder()
                            .addValues(KeyValue.newBuilder().setKey("\u0001\u0002\u0003\u0004"))))
            .build();
    rejected(
        Signal.TRACES,
        replace(
            traces(withResource(nestedKey)).toByteArray(),
            PLACEHOLDER,
            new byte[] {'x', 'y', 'z', (byte) 0xff}));
    // wire types 6 and 7, an end-group tag alone, a mismatched group, field number 0
    rejected(Signal.TRACES, concat(valid, new byte[] {(byte) (3 << 3 | 6), 0}));
    rejected(Signal.TRACES, concat(valid, new byte[] {(byte) (3 << 3 | 7), 0}));
    rejected(Signal.TRACES, concat(valid, new byte[] {(byte) (3 << 3 | 4)}));
    rejected(Signal.TRACES, concat(new byte[] {(byte) (3 << 3 | 3), (byte) (4 << 3 | 4)}, valid));
    rejected(Signal.TRACES, concat(valid, new byte[] {0, 1}));
    // an end-group tag inside a nested message, a length past the end, a negative length
    rejected(Signal.TRACES, field(1, new byte[] {(byte) (9 << 3 | 4)}));
    rejected(Signal.TRACES, new byte[] {(byte) (1 << 3 | 2), 10, 0});
    rejected(Signal.TRACES, new byte[] {(byte) (1 << 3 | 2), -1, -1, -1, -1, 15});
    // an over-long varint
    byte[] overlong = new byte[12];
    overlong[0] = (byte) (7 << 3);
    Arrays.fill(overlong, 1, 12, (byte) 0x80);
    rejected(Signal.TRACES, overlong);
  }

  @Test
  void nestingIsLimitedLikeProtobufsRecursionLimit() throws Exception {
    // the attribute value sits at nesting 4 (request, group, resource, key value, any value)
    for (int depth = 90; depth <= 100; depth++) {
      AnyValue value = AnyValue.newBuilder().setStringValue("v").build();
      for (int i = 0; i < depth; i++) {
        value =
            AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(value)).build();
      }
      KeyValue attribute = KeyValue.newBuilder().setKey("deep").setValue(value).build();
      agrees(Signal.TRACES, traces(withResource(attribute)).toByteArray());
    }
    // groups count too
    for (int depth = 95; depth <= 101; depth++) {
      ByteArrayOutputStream groups = new ByteArrayOutputStream();
      for (int i = 0; i < depth; i++) {
        groups.write(30 << 3 | 3);
      }
      for (int i = 0; i < depth; i++) {
        groups.write(30 << 3 | 4);
      }
      agrees(Signal.TRACES, groups.toByteArray());
    }
  }

  @Test
  void randomCorruptionsAreAcceptedAndRefusedLikeParseFrom() throws Exception {
    Random random = new Random(7);
    for (Signal signal : Signal.values()) {
      byte[] valid = sample(signal, "r").toByteArray();
      for (int i = 0; i < 3000; i++) {
        byte[] corrupt = valid.clone();
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
          corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
        }
        agrees(signal, corrupt);
      }
    }
  }

  @Test
  void theFuzzSeedCorpusIsAcceptedAndRefusedLikeParseFrom() throws Exception {
    List<Path> seeds;
    try (Stream<Path> files = Files.list(Path.of(getClass().getResource(CORPUS).toURI()))) {
      seeds = files.sorted().toList();
    }
    assertThat(seeds).isNotEmpty();
    int protobuf = 0;
    for (Path seed : seeds) {
      byte[] input = Files.readAllBytes(seed);
      if (input.length < 3) {
        continue;
      }
      String[] encodings = {null, "gzip", "identity", "deflate", "br", "gzip, identity"};
      byte[] body = Arrays.copyOfRange(input, 3, input.length);
      byte[] decoded;
      try {
        decoded =
            HttpBodyDecoder.decompress(
                encodings[(input[2] & 0xff) % encodings.length], body, 1 << 20);
      } catch (BadRequestException e) {
        continue;
      }
      // every seed's body as every signal, whatever its content type: more cases than protobuf's
      for (Signal signal : Signal.values()) {
        agrees(signal, decoded);
      }
      if ((input[0] & 0xff) % 5 < 3 && (input[1] & 0xff) % 6 == 0) {
        protobuf++;
      }
    }
    assertThat(protobuf).isGreaterThanOrEqualTo(3);
  }

  @Test
  void validUtf8AgreesWithProtobuf() {
    Random random = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[random.nextInt(8)];
      for (int j = 0; j < b.length; j++) {
        b[j] = (byte) (random.nextBoolean() ? random.nextInt(128) : 0x80 + random.nextInt(128));
      }
      assertThat(OtlpWireScan.validUtf8(b, 0, b.length))
          .as(Arrays.toString(b))
          .isEqualTo(ByteString.copyFrom(b).isValidUtf8());
    }
  }

  // --- helpers

  /**
   * Asserts that the scan accepts exactly what parseFrom accepts, refuses with parseFrom's
   * exception, and reads the services and items the full parse finds.
   */
  private static OtlpWireScan.Request agrees(Signal signal, byte[] bytes) throws Exception {
    Message parsed;
    try {
      parsed = OtlpWireScan.parser(signal).parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      assertThat(OtlpWireScan.validByScan(signal, bytes))
          .as("scan accepts what parseFrom refuses: " + e.getMessage())
          .isFalse();
      assertThatThrownBy(() -> OtlpWireScan.scan(signal, bytes))
          .isInstanceOf(InvalidProtocolBufferException.class)
          .hasMessage(e.getMessage());
      return null;
    }
    assertThat(OtlpWireScan.validByScan(signal, bytes))
        .as("scan refuses what parseFrom accepts")
        .isTrue();
    OtlpWireScan.Request scan = OtlpWireScan.scan(signal, bytes);
    List<ServiceBatches.Batch> batches = ServiceBatches.byService(signal, parsed);
    long items = 0;
    int groups = 0;
    for (ServiceBatches.Batch b : batches) {
      items += b.items();
      groups += b.groups();
    }
    assertThat(scan.items()).isEqualTo(items);
    assertThat(scan.groups()).isEqualTo(groups);
    assertThat(scan.service()).isEqualTo(batches.size() == 1 ? batches.get(0).service() : null);
    assertThat(scan.singleService()).isEqualTo(batches.size() <= 1);
    assertThat(scan.message()).isEqualTo(parsed);
    return scan;
  }

  private static void rejected(Signal signal, byte[] bytes) throws Exception {
    assertThatThrownBy(() -> OtlpWireScan.parser(signal).parseFrom(bytes))
        .isInstanceOf(InvalidProtocolBufferException.class);
    assertThat(agrees(signal, bytes)).isNull();
  }

  private static Message sample(Signal signal, String service) {
    return switch (signal) {
      case TRACES -> OtlpSamples.traces(service, 0, 5);
      case METRICS -> OtlpSamples.metrics(service, 4);
      case LOGS -> OtlpSamples.logs(service, 3, "body");
    };
  }

  private static Span span() {
    return OtlpSamples.resourceSpans("s", 0, 1, 0).getScopeSpans(0).getSpans(0);
  }

  private static KeyValue attribute(String key, String value) {
    return OtlpSamples.attribute(key, value);
  }

  private static ResourceSpans withResource(KeyValue... attributes) {
    return ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAllAttributes(List.of(attributes)))
        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span()))
        .build();
  }

  private static ExportTraceServiceRequest traces(ResourceSpans group) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(group).build();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code bytes} with the only occurrence of {@code placeholder} replaced (same length). */
  private static byte[] replace(byte[] bytes, byte[] placeholder, byte[] with) {
    byte[] out = bytes.clone();
    int found = -1;
    for (int i = 0; i + placeholder.length <= out.length; i++) {
      if (Arrays.equals(out, i, i + placeholder.length, placeholder, 0, placeholder.length)) {
        assertThat(found).as("placeholder found twice").isEqualTo(-1);
        found = i;
      }
    }
    assertThat(found).as("placeholder found").isNotNegative();
    System.arraycopy(with, 0, out, found, with.length);
    return out;
  }

  /** A length-delimited field. */
  private static byte[] field(int number, byte[] value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream coded = CodedOutputStream.newInstance(out);
    coded.writeByteArray(number, value);
    coded.flush();
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    List<Byte> all = new ArrayList<>();
    for (byte[] p : parts) {
      for (byte b : p) {
        all.add(b);
      }
    }
    byte[] out = new byte[all.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = all.get(i);
    }
    return out;
  }
}
