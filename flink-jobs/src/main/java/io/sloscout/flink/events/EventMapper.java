package io.sloscout.flink.events;

import com.google.protobuf.ByteString;
import io.sloscout.core.journey.Operations;
import io.sloscout.core.telemetry.LogRecord;
import io.sloscout.core.telemetry.Span;
import io.sloscout.proto.v1.Event;
import io.sloscout.proto.v1.EventKind;
import io.sloscout.proto.v1.SpanKind;
import io.sloscout.proto.v1.Status;
import io.sloscout.proto.v1.StatusCode;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Maps redacted core telemetry to {@code slo_scout.v1.Event}s. Spans whose operation comes from an
 * HTTP route, a URL path or an RPC method get their template and id here (templating a route needs
 * no state); log bodies and plain span names get theirs from the template miner downstream, so
 * their {@code template_id} is left empty and {@code template} holds the redacted text to mine.
 */
public final class EventMapper {

  /** Template kind of spans. */
  public static final String SPAN = "span";

  /** Template kind of logs. */
  public static final String LOG = "log";

  /** Attribute keys kept on events: what journey, SLO and search consumers read. */
  public static final Set<String> KEPT_KEYS =
      Set.of(
          "service.namespace",
          "service.version",
          "deployment.environment",
          "deployment.environment.name",
          "http.request.method",
          "http.method",
          "http.route",
          "http.response.status_code",
          "http.status_code",
          "rpc.system",
          "rpc.service",
          "rpc.method",
          "rpc.grpc.status_code",
          "db.system",
          "messaging.system",
          "messaging.destination.name",
          "k8s.namespace.name",
          "k8s.deployment.name",
          "k8s.cronjob.name",
          "k8s.job.name",
          "slo.tier",
          "service.tier",
          "tier",
          "slo.revenue_impact",
          "slo.customer_facing",
          "slo.data_sensitivity");

  private static final HexFormat HEX = HexFormat.of();
  private static final Pattern METHOD_AND_PATH = Pattern.compile("([A-Z]+) (/\\S*)");

  private final Operations operations;

  /**
   * @param pathTemplater turns a request path into its route template
   */
  public EventMapper(UnaryOperator<String> pathTemplater) {
    this.operations = new Operations(pathTemplater);
  }

  /**
   * The event of a redacted span; the template is the span's operation ({@code GET /product/{id}}),
   * final when it comes from a route, path or RPC method.
   */
  public Event.Builder span(Span s) {
    Event.Builder e =
        Event.newBuilder()
            .setKind(EventKind.EVENT_KIND_SPAN)
            .setService(s.service())
            .setTimeUnixNano(s.startUnixNanos())
            .setTraceId(bytes(s.traceId()))
            .setSpanId(bytes(s.spanId()))
            .setParentSpanId(bytes(s.parentSpanId()))
            .setDurationNano(s.durationNanos())
            .setSpanKind(SpanKind.forNumber(s.kind().ordinal()));
    keep(s.resource().attributes(), e);
    keep(s.attributes(), e);
    Status.Builder status =
        Status.newBuilder()
            .setCode(StatusCode.forNumber(s.status().ordinal()))
            .setMessage(s.statusMessage());
    int http = Operations.statusCode(s);
    if (http > 0) {
      status.setHttpStatusCode(http);
    }
    String grpc = s.attribute("rpc.grpc.status_code");
    if (grpc != null) {
      try {
        status.setGrpcStatusCode(Integer.parseInt(grpc.trim()));
      } catch (NumberFormatException notANumber) {
        // a producer's odd value: the attribute is kept as text
      }
    }
    e.setStatus(status);
    String operation = operations.of(s);
    e.setTemplate(operation);
    if (structured(s)) {
      // from a route, a path or an RPC method: already a template, and one the miner would
      // mangle (it masks paths)
      e.setTemplateId(TemplateIds.of(SPAN, s.service(), operation));
    }
    return e;
  }

  /** The event of a redacted log record; its body is mined into a template downstream. */
  public Event.Builder log(LogRecord r) {
    Event.Builder e =
        Event.newBuilder()
            .setKind(EventKind.EVENT_KIND_LOG)
            .setService(r.resource().serviceName())
            .setTimeUnixNano(r.timeUnixNanos())
            .setTraceId(bytes(r.traceId()))
            .setSpanId(bytes(r.spanId()))
            .setSeverityNumber(r.severityNumber())
            .setTemplate(r.body());
    keep(r.resource().attributes(), e);
    keep(r.attributes(), e);
    e.setStatus(
        Status.newBuilder()
            .setCode(r.isError() ? StatusCode.STATUS_CODE_ERROR : StatusCode.STATUS_CODE_UNSET));
    return e;
  }

  /** Whether the operation of {@code s} comes from its attributes or a "METHOD /path" name. */
  static boolean structured(Span s) {
    return notEmpty(s.attribute("http.route"))
        || Operations.path(s) != null
        || notEmpty(s.attribute("rpc.method"))
        || METHOD_AND_PATH.matcher(s.name()).matches();
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  private static void keep(Map<String, String> attributes, Event.Builder e) {
    for (Map.Entry<String, String> a : attributes.entrySet()) {
      if (KEPT_KEYS.contains(a.getKey())) {
        e.putAttributes(a.getKey(), a.getValue());
      }
    }
  }

  private static ByteString bytes(String hex) {
    return hex.isEmpty() ? ByteString.EMPTY : ByteString.copyFrom(HEX.parseHex(hex));
  }

  /** The template kind of an event: {@link #SPAN} or {@link #LOG}. */
  public static String kindOf(Event e) {
    return e.getKind() == EventKind.EVENT_KIND_LOG ? LOG : SPAN;
  }
}
