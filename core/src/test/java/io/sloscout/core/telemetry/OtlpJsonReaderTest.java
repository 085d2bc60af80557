package io.sloscout.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpJsonReaderTest {

  static final String SPAN_LINE =
      "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"cart\"}}]},"
          + "\"scopeSpans\":[{\"scope\":{\"name\":\"x\"},\"spans\":[{\"traceId\":\"5B8EFFF798038103D269B633813FC60C\","
          + "\"spanId\":\"EEE19B7EC3C1B174\",\"parentSpanId\":\"\",\"name\":\"GET /cart\",\"kind\":2,"
          + "\"startTimeUnixNano\":\"1544712660000000000\",\"endTimeUnixNano\":1544712661000000000,"
          + "\"attributes\":[{\"key\":\"http.response.status_code\",\"value\":{\"intValue\":\"503\"}},"
          + "{\"key\":\"ok\",\"value\":{\"boolValue\":true}},{\"key\":\"ratio\",\"value\":{\"doubleValue\":0.5}},"
          + "{\"key\":\"tags\",\"value\":{\"arrayValue\":{\"values\":[{\"stringValue\":\"a\"},{\"intValue\":2}]}}}],"
          + "\"events\":[{\"name\":\"exception\",\"timeUnixNano\":\"1544712660500000000\",\"attributes\":"
          + "[{\"key\":\"exception.type\",\"value\":{\"stringValue\":\"Boom\"}}]}],"
          + "\"status\":{\"code\":2,\"message\":\"upstream down\"}}]}]}]}";

  static final String LOG_LINE =
      "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"cart\"}}]},"
          + "\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"1544712660300000000\",\"severityNumber\":17,"
          + "\"severityText\":\"Error\",\"body\":{\"stringValue\":\"cart 42 not found\"},"
          + "\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b174\"}]}]}]}";

  static final class Collect implements OtlpJsonReader.Listener {
    final List<Span> spans = new ArrayList<>();
    final List<LogRecord> logs = new ArrayList<>();
    final List<OtlpFormatException> problems = new ArrayList<>();

    @Override
    public void span(Span span) {
      spans.add(span);
    }

    @Override
    public void log(LogRecord record) {
      logs.add(record);
    }

    @Override
    public void problem(OtlpFormatException problem) {
      problems.add(problem);
    }
  }

  @Test
  void readsOneRequestPerLineWithEveryAnyValueForm() {
    Collect c = new Collect();
    ReadStats stats = new OtlpJsonReader().read("t.jsonl", SPAN_LINE + "\n\n" + LOG_LINE + "\n", c);

    assertThat(stats.requests()).isEqualTo(2);
    assertThat(stats.lines()).isEqualTo(3);
    Span s = c.spans.get(0);
    assertThat(s.service()).isEqualTo("cart");
    assertThat(s.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(s.spanId()).isEqualTo("eee19b7ec3c1b174");
    assertThat(s.isRoot()).isTrue();
    assertThat(s.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(s.durationNanos()).isEqualTo(1_000_000_000L);
    assertThat(s.status()).isEqualTo(StatusCode.ERROR);
    assertThat(s.statusMessage()).isEqualTo("upstream down");
    assertThat(s.attributes())
        .containsEntry("http.response.status_code", "503")
        .containsEntry("ok", "true")
        .containsEntry("ratio", "0.5")
        .containsEntry("tags", "[a, 2]");
    assertThat(s.events())
        .singleElement()
        .satisfies(e -> assertThat(e.name()).isEqualTo("exception"));
    LogRecord l = c.logs.get(0);
    assertThat(l.isError()).isTrue();
    assertThat(l.body()).isEqualTo("cart 42 not found");
    assertThat(l.traceId()).isEqualTo(s.traceId());
    assertThat(c.problems).isEmpty();
  }

  @Test
  void readsAWholePrettyPrintedDocument() {
    String pretty = SPAN_LINE.replace(",", ",\n  ").replace("{", "{\n    ");
    Collect c = new Collect();
    ReadStats stats = new OtlpJsonReader().read("doc.json", pretty, c);
    assertThat(c.problems).isEmpty();
    assertThat(stats.spans()).isEqualTo(1);
    assertThat(c.spans.get(0).attributes()).containsEntry("tags", "[a, 2]");
  }

  @Test
  void acceptsEnumNamesAndBase64Ids() {
    String line =
        SPAN_LINE
            .replace("\"kind\":2", "\"kind\":\"SPAN_KIND_CLIENT\"")
            .replace("\"code\":2", "\"code\":\"STATUS_CODE_OK\"")
            .replace("EEE19B7EC3C1B174", "7uGbfsPBsXQ=");
    Collect c = new Collect();
    new OtlpJsonReader().read("t.jsonl", line, c);
    assertThat(c.problems).isEmpty();
    assertThat(c.spans.get(0).kind()).isEqualTo(SpanKind.CLIENT);
    assertThat(c.spans.get(0).status()).isEqualTo(StatusCode.OK);
    assertThat(c.spans.get(0).spanId()).isEqualTo("eee19b7ec3c1b174");
  }

  @Test
  void skipsBadLinesAndRecordsNamingFileAndLine() {
    String text =
        SPAN_LINE
            + "\n{oops\n"
            + "{\"something\":1}\n"
            + SPAN_LINE.replace("\"1544712660000000000\"", "\"soon\"")
            + "\n"
            + SPAN_LINE
            + "\n";
    Collect c = new Collect();
    ReadStats stats = new OtlpJsonReader().read("in.jsonl", text, c);

    assertThat(c.spans).hasSize(2);
    assertThat(stats.problems()).isEqualTo(3);
    assertThat(c.problems)
        .extracting(OtlpFormatException::getMessage)
        .satisfiesExactly(
            m -> assertThat(m).startsWith("in.jsonl:2: "),
            m -> assertThat(m).startsWith("in.jsonl:3: ").contains("resourceSpans"),
            m ->
                assertThat(m)
                    .startsWith("in.jsonl:4: resourceSpans[0].scopeSpans[0].spans[0]: ")
                    .contains("startTimeUnixNano"));
  }

  @Test
  void byDefaultTheFirstProblemStopsTheRead() {
    OtlpJsonReader.Listener strict = span -> {};
    assertThatThrownBy(() -> new OtlpJsonReader().read("x.jsonl", SPAN_LINE + "\n[1,\n", strict))
        .isInstanceOf(OtlpFormatException.class)
        .hasMessageStartingWith("x.jsonl:2: ");
  }

  @Test
  void rejectsMalformedIds() {
    Collect c = new Collect();
    new OtlpJsonReader().read("t.jsonl", SPAN_LINE.replace("EEE19B7EC3C1B174", "xyz"), c);
    assertThat(c.spans).isEmpty();
    assertThat(c.problems.get(0)).hasMessageContaining("spanId 'xyz' is not 16 hex digits");
  }

  @Test
  void readsGzipFiles(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("t.jsonl.gz");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write((SPAN_LINE + "\n" + SPAN_LINE + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Files.write(f, bytes.toByteArray());
    Collect c = new Collect();
    assertThat(new OtlpJsonReader().read(f, c).spans()).isEqualTo(2);
  }

  @Test
  void mapsSeverityNamesToNumbers() {
    assertThat(
            OtlpJsonReader.severity(
                new com.fasterxml.jackson.databind.node.TextNode("SEVERITY_NUMBER_ERROR3")))
        .isEqualTo(19);
    assertThat(OtlpJsonReader.severity(new com.fasterxml.jackson.databind.node.TextNode("WARN")))
        .isEqualTo(13);
  }
}
