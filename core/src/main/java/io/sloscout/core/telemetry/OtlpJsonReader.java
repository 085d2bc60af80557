package io.sloscout.core.telemetry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the OTLP/JSON encoding of {@code ExportTraceServiceRequest} and {@code
 * ExportLogsServiceRequest}: one request per line (the collector's file exporter) or whole JSON
 * documents, {@code .gz} compressed or not. Bad lines and bad records go to the listener with their
 * file and line; the rest of the input is still read.
 */
public final class OtlpJsonReader {

  /** Receives what the reader finds, in input order. */
  public interface Listener {
    /** A span, with its resource. */
    void span(Span span);

    /** A log record, with its resource. */
    default void log(LogRecord record) {}

    /** A bad line or record that was skipped; the default stops the read by throwing it. */
    default void problem(OtlpFormatException problem) {
      throw problem;
    }

    /** Called after every line with the running totals of the current source. */
    default void progress(String source, long lines, long bytes) {}
  }

  /** Opens a fresh reader over the same content. */
  @FunctionalInterface
  public interface ReaderSource {
    Reader open() throws IOException;
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectReader TREE = MAPPER.readerFor(JsonNode.class);
  private static final ObjectReader LINE =
      TREE.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Reads a file; {@code .gz} files are decompressed. */
  public ReadStats read(Path file, Listener listener) throws IOException {
    boolean gzip = file.getFileName().toString().endsWith(".gz");
    return read(
        file.toString(),
        () -> {
          InputStream in = Files.newInputStream(file);
          if (gzip) {
            in = new GZIPInputStream(in, 1 << 16);
          }
          return new InputStreamReader(in, StandardCharsets.UTF_8);
        },
        listener);
  }

  /** Reads text held in memory; {@code source} names it in problems. */
  public ReadStats read(String source, String text, Listener listener) {
    try {
      return read(source, () -> new StringReader(text), listener);
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
  }

  /**
   * Reads one source. The first non-blank line decides the form: a complete JSON value means one
   * request per line, anything cut short means whole (possibly pretty-printed) documents.
   */
  public ReadStats read(String source, ReaderSource open, Listener listener) throws IOException {
    Counter count = new Counter(source, listener);
    try (BufferedReader in = new BufferedReader(open.open(), 1 << 16)) {
      String line;
      boolean decided = false;
      while ((line = in.readLine()) != null) {
        count.line(line);
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = LINE.readValue(line);
        } catch (JsonEOFException e) {
          if (!decided) {
            // The first value does not end on its line: the input is a whole document.
            return readDocuments(source, open, listener);
          }
          count.problem(new OtlpFormatException(source, count.lines, "truncated JSON line"));
          continue;
        } catch (JsonProcessingException e) {
          count.problem(new OtlpFormatException(source, count.lines, "not JSON: " + brief(e)));
          continue;
        }
        decided = true;
        request(node, count.lines, count);
      }
    }
    return count.stats();
  }

  private ReadStats readDocuments(String source, ReaderSource open, Listener listener)
      throws IOException {
    Counter count = new Counter(source, listener);
    try (Reader reader = open.open();
        MappingIterator<JsonNode> docs = TREE.readValues(reader)) {
      while (true) {
        JsonNode doc;
        long line;
        try {
          if (!docs.hasNextValue()) {
            break;
          }
          line = docs.getCurrentLocation().getLineNr();
          doc = docs.nextValue();
        } catch (JsonProcessingException e) {
          // A syntax error leaves the parser nowhere to resume: report it and stop this source.
          count.problem(
              new OtlpFormatException(
                  source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), brief(e)));
          break;
        }
        if (doc.isArray()) {
          for (JsonNode item : doc) {
            request(item, Math.max(line, 1), count);
          }
        } else {
          request(doc, Math.max(line, 1), count);
        }
      }
      JsonParser parser = docs.getParser();
      count.lines = parser.currentLocation().getLineNr();
      count.bytes = Math.max(0, parser.currentLocation().getCharOffset());
    }
    return count.stats();
  }

  private static void request(JsonNode node, long line, Counter count) {
    if (!node.isObject()) {
      count.problem(new OtlpFormatException(count.source, line, "expected a JSON object"));
      return;
    }
    boolean known = false;
    if (node.has("resourceSpans")) {
      known = true;
      spans(node.get("resourceSpans"), line, count);
    }
    if (node.has("resourceLogs")) {
      known = true;
      logs(node.get("resourceLogs"), line, count);
    }
    if (node.has("resourceMetrics")) {
      // Metrics are read by other tools; a metrics line here is not an error.
      known = true;
    }
    if (!known) {
      count.problem(
          new OtlpFormatException(
              count.source,
              line,
              "not an OTLP export request: expected resourceSpans or resourceLogs"));
      return;
    }
    count.requests++;
  }

  private static void spans(JsonNode resourceSpans, long line, Counter count) {
    walk(
        resourceSpans,
        "resourceSpans",
        "scopeSpans",
        "instrumentationLibrarySpans",
        "spans",
        line,
        count,
        (resource, span) -> count.span(span(resource, span)));
  }

  private static void logs(JsonNode resourceLogs, long line, Counter count) {
    walk(
        resourceLogs,
        "resourceLogs",
        "scopeLogs",
        "instrumentationLibraryLogs",
        "logRecords",
        line,
        count,
        (resource, log) -> count.log(log(resource, log)));
  }

  /**
   * Visits every item of a resource → scope → item request (spans or log records); a bad item is
   * reported with its path and the rest of the request is still read.
   */
  private static void walk(
      JsonNode resources,
      String resourceName,
      String scopeName,
      String legacyScopeName,
      String itemName,
      long line,
      Counter count,
      java.util.function.BiConsumer<Resource, JsonNode> item) {
    int r = 0;
    for (JsonNode rs : resources) {
      Resource resource = new Resource(attributes(rs.path("resource").path("attributes")));
      int s = 0;
      for (JsonNode scope : scopes(rs, scopeName, legacyScopeName)) {
        int i = 0;
        for (JsonNode node : scope.path(itemName)) {
          try {
            item.accept(resource, node);
          } catch (IllegalArgumentException e) {
            String where =
                resourceName
                    + "["
                    + r
                    + "]."
                    + scopeName
                    + "["
                    + s
                    + "]."
                    + itemName
                    + "["
                    + i
                    + "]";
            count.problem(
                new OtlpFormatException(count.source, line, where + ": " + e.getMessage()));
          }
          i++;
        }
        s++;
      }
      r++;
    }
  }

  private static List<JsonNode> scopes(JsonNode resourceLevel, String name, String legacyName) {
    List<JsonNode> scopes = new ArrayList<>();
    resourceLevel.path(name).forEach(scopes::add);
    // Collectors before v0.57 wrote the older name.
    resourceLevel.path(legacyName).forEach(scopes::add);
    return scopes;
  }

  static Span span(Resource resource, JsonNode s) {
    String traceId = id(s.path("traceId"), 16, "traceId", false);
    String spanId = id(s.path("spanId"), 8, "spanId", false);
    String parent = id(s.path("parentSpanId"), 8, "parentSpanId", true);
    List<SpanEvent> events = new ArrayList<>();
    for (JsonNode e : s.path("events")) {
      events.add(
          new SpanEvent(
              e.path("name").asText(""),
              nanos(e.path("timeUnixNano"), "events.timeUnixNano", true),
              attributes(e.path("attributes"))));
    }
    JsonNode status = s.path("status");
    return new Span(
        resource,
        traceId,
        spanId,
        parent,
        s.path("name").asText(""),
        enumValue(s.path("kind"), SpanKind::parse, "kind"),
        nanos(s.path("startTimeUnixNano"), "startTimeUnixNano", false),
        nanos(s.path("endTimeUnixNano"), "endTimeUnixNano", false),
        enumValue(status.path("code"), StatusCode::parse, "status.code"),
        status.path("message").asText(""),
        attributes(s.path("attributes")),
        events);
  }

  static LogRecord log(Resource resource, JsonNode l) {
    long time = nanos(l.path("timeUnixNano"), "timeUnixNano", true);
    if (time == 0) {
      time = nanos(l.path("observedTimeUnixNano"), "observedTimeUnixNano", true);
    }
    return new LogRecord(
        resource,
        time,
        severity(l.path("severityNumber")),
        l.path("severityText").asText(""),
        anyValue(l.path("body")),
        id(l.path("traceId"), 16, "traceId", true),
        id(l.path("spanId"), 8, "spanId", true),
        attributes(l.path("attributes")));
  }

  /** Attributes as text: the OTLP {@code [{key, value: AnyValue}]} list. */
  static Map<String, String> attributes(JsonNode list) {
    if (list.isMissingNode() || list.isNull()) {
      return Map.of();
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException("attributes must be a list of {key, value}");
    }
    Map<String, String> out = new HashMap<>();
    for (JsonNode kv : list) {
      String key = kv.path("key").asText("");
      if (!key.isEmpty()) {
        out.put(key, anyValue(kv.path("value")));
      }
    }
    return out;
  }

  /** An AnyValue as text; arrays as {@code [a, b]}, key-value lists as {@code {k=v}}. */
  static String anyValue(JsonNode v) {
    if (v.isMissingNode() || v.isNull()) {
      return "";
    }
    if (v.isValueNode()) {
      // Not OTLP, but some producers write bare values; keep their text.
      return v.asText();
    }
    if (v.has("stringValue")) {
      return v.get("stringValue").asText();
    }
    if (v.has("intValue")) {
      return v.get("intValue").asText();
    }
    if (v.has("doubleValue")) {
      return v.get("doubleValue").asText();
    }
    if (v.has("boolValue")) {
      return v.get("boolValue").asText();
    }
    if (v.has("bytesValue")) {
      return v.get("bytesValue").asText();
    }
    if (v.has("arrayValue")) {
      List<String> items = new ArrayList<>();
      v.get("arrayValue").path("values").forEach(item -> items.add(anyValue(item)));
      return "[" + String.join(", ", items) + "]";
    }
    if (v.has("kvlistValue")) {
      List<String> items = new ArrayList<>();
      v.get("kvlistValue")
          .path("values")
          .forEach(kv -> items.add(kv.path("key").asText() + "=" + anyValue(kv.path("value"))));
      return "{" + String.join(", ", items) + "}";
    }
    return "";
  }

  /**
   * A trace or span id as lower-case hex. OTLP/JSON writes hex; the protobuf JSON mapping's base64
   * is accepted too, since some exporters produce it.
   */
  static String id(JsonNode node, int bytes, String field, boolean optional) {
    String text = node.isTextual() ? node.asText() : "";
    if (text.isEmpty()) {
      if (optional) {
        return "";
      }
      throw new IllegalArgumentException(field + " is missing");
    }
    if (text.length() == bytes * 2 && isHex(text)) {
      String hex = text.toLowerCase(Locale.ROOT);
      if (hex.chars().allMatch(c -> c == '0')) {
        if (optional) {
          return "";
        }
        throw new IllegalArgumentException(field + " is all zeros");
      }
      return hex;
    }
    try {
      byte[] raw = Base64.getDecoder().decode(text);
      if (raw.length == bytes) {
        StringBuilder hex = new StringBuilder(bytes * 2);
        for (byte b : raw) {
          hex.append(Character.forDigit((b >> 4) & 0xf, 16))
              .append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
      }
    } catch (IllegalArgumentException notBase64) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        field + " '" + abbreviate(text) + "' is not " + bytes * 2 + " hex digits");
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** An int64 field written as a JSON string (the OTLP/JSON rule) or a number. */
  static long nanos(JsonNode node, String field, boolean optional) {
    if (node.isMissingNode() || node.isNull()) {
      if (optional) {
        return 0;
      }
      throw new IllegalArgumentException(field + " is missing");
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    try {
      return Long.parseLong(node.asText().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          field + " '" + abbreviate(node.asText()) + "' is not an integer");
    }
  }

  private static <E> E enumValue(
      JsonNode node, java.util.function.Function<String, E> parse, String field) {
    try {
      return parse.apply(node.isMissingNode() || node.isNull() ? "" : node.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " '" + abbreviate(node.asText()) + "' is unknown");
    }
  }

  private static final Map<String, Integer> SEVERITY_BASE =
      Map.of("TRACE", 1, "DEBUG", 5, "INFO", 9, "WARN", 13, "ERROR", 17, "FATAL", 21);

  static int severity(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return 0;
    }
    if (node.isIntegralNumber()) {
      return node.asInt();
    }
    String text = node.asText().trim();
    if (text.isEmpty()) {
      return 0;
    }
    if (Character.isDigit(text.charAt(0))) {
      return Integer.parseInt(text);
    }
    String name = text.replaceFirst("^SEVERITY_NUMBER_", "");
    int digits = name.length();
    while (digits > 0 && Character.isDigit(name.charAt(digits - 1))) {
      digits--;
    }
    Integer base = SEVERITY_BASE.get(name.substring(0, digits));
    if (base == null) {
      return 0;
    }
    int step = digits == name.length() ? 1 : Integer.parseInt(name.substring(digits));
    return base + Math.min(Math.max(step, 1), 4) - 1;
  }

  private static String brief(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    int cut = message.indexOf('\n');
    return cut < 0 ? message : message.substring(0, cut);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  /** Counts what one source delivers and forwards it. */
  private static final class Counter {
    final String source;
    final Listener listener;
    long lines;
    long bytes;
    long requests;
    long spans;
    long logs;
    long problems;

    Counter(String source, Listener listener) {
      this.source = source;
      this.listener = listener;
    }

    void line(String line) {
      lines++;
      bytes += line.length() + 1;
      listener.progress(source, lines, bytes);
    }

    void span(Span span) {
      spans++;
      listener.span(span);
    }

    void log(LogRecord record) {
      logs++;
      listener.log(record);
    }

    void problem(OtlpFormatException e) {
      problems++;
      listener.problem(e);
    }

    ReadStats stats() {
      return new ReadStats(lines, bytes, requests, spans, logs, problems);
    }
  }
}
