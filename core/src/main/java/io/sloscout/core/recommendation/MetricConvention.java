package io.sloscout.core.recommendation;

/**
 * Which Prometheus series the generated SLOs query: OpenTelemetry's {@code
 * http.server.request.duration} histogram as the Prometheus exporters name it, and the span metrics
 * connector's histogram for journeys that are not HTTP requests.
 *
 * @param httpHistogram base name of the HTTP server duration histogram (seconds)
 * @param serviceLabel the label holding the service name
 * @param routeLabel the HTTP route label
 * @param methodLabel the HTTP method label
 * @param statusLabel the HTTP response status code label
 * @param spanHistogram base name of the span metrics duration histogram (seconds)
 * @param spanNameLabel the span name label of span metrics
 * @param spanKindLabel the span kind label of span metrics
 * @param spanStatusLabel the status code label of span metrics
 */
public record MetricConvention(
    String httpHistogram,
    String serviceLabel,
    String routeLabel,
    String methodLabel,
    String statusLabel,
    String spanHistogram,
    String spanNameLabel,
    String spanKindLabel,
    String spanStatusLabel) {

  /**
   * {@code http_server_request_duration_seconds} with {@code job}, {@code http_route}, {@code
   * http_request_method}, {@code http_response_status_code}; {@code
   * traces_span_metrics_duration_seconds} with {@code span_name}, {@code span_kind}, {@code
   * status_code}.
   */
  public static final MetricConvention OPENTELEMETRY =
      new MetricConvention(
          "http_server_request_duration_seconds",
          "job",
          "http_route",
          "http_request_method",
          "http_response_status_code",
          "traces_span_metrics_duration_seconds",
          "span_name",
          "span_kind",
          "status_code");
}
