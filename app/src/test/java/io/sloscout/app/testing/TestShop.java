package io.sloscout.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The tests' own shop, sent with the OpenTelemetry SDK's OTLP exporters (traces over gRPC, logs
 * over HTTP), with planted PII unique to these tests.
 */
public final class TestShop {

  /** Planted PII, unique to these tests so a leak is found by plain search. */
  public static final String EMAIL = "up.it.canary@example.org";

  public static final String CARD = "4000 0566 5566 5556";
  public static final String PHONE = "+1 201-555-0163";

  /** The forms in which a canary could leak. */
  public static final List<String> CANARY_FORMS =
      List.of(EMAIL, "up.it.canary", CARD, "4000056655665556", PHONE, "2015550163", "555-0163");

  private TestShop() {}

  /**
   * A shop whose past minutes are sent, in time order, by two services' SDKs: traces over gRPC,
   * logs over HTTP. {@code frontend} serves {@code GET /product/{id}} (calling {@code catalog}) and
   * {@code POST /checkout} (calling {@code payment}); some requests fail.
   */
  public static void send(int grpcPort, int otlpHttpPort, Duration history) {
    Map<String, SdkTracerProvider> tracers = new java.util.LinkedHashMap<>();
    Map<String, SdkLoggerProvider> loggers = new java.util.LinkedHashMap<>();
    for (String service : List.of("frontend", "catalog", "payment")) {
      Resource resource =
          Resource.getDefault()
              .merge(
                  Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)));
      tracers.put(
          service,
          SdkTracerProvider.builder()
              .setResource(resource)
              .addSpanProcessor(
                  BatchSpanProcessor.builder(
                          OtlpGrpcSpanExporter.builder()
                              .setEndpoint("http://127.0.0.1:" + grpcPort)
                              .build())
                      .setMaxQueueSize(20_000)
                      .build())
              .build());
      loggers.put(
          service,
          SdkLoggerProvider.builder()
              .setResource(resource)
              .addLogRecordProcessor(
                  BatchLogRecordProcessor.builder(
                          OtlpHttpLogRecordExporter.builder()
                              .setEndpoint("http://127.0.0.1:" + otlpHttpPort + "/v1/logs")
                              .build())
                      .setMaxQueueSize(20_000)
                      .build())
              .build());
    }
    Tracer frontend = tracers.get("frontend").get("up-it");
    Tracer catalog = tracers.get("catalog").get("up-it");
    Tracer payment = tracers.get("payment").get("up-it");
    Logger frontendLog = loggers.get("frontend").get("up-it");
    Logger paymentLog = loggers.get("payment").get("up-it");

    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant start = end.minus(history);
    int i = 0;
    for (Instant t = start; t.isBefore(end); t = t.plusSeconds(2), i++) {
      long s = TimeUnit.SECONDS.toNanos(t.getEpochSecond());
      // product page
      boolean slow = i % 9 == 4;
      Span root =
          frontend
              .spanBuilder("GET /product/{id}")
              .setSpanKind(SpanKind.SERVER)
              .setStartTimestamp(s, TimeUnit.NANOSECONDS)
              .setAttribute("http.request.method", "GET")
              .setAttribute("http.route", "/product/{id}")
              .setAttribute("url.path", "/product/" + (100 + i % 20))
              .setAttribute("user.email", EMAIL)
              .startSpan();
      Span call =
          frontend
              .spanBuilder("GET")
              .setSpanKind(SpanKind.CLIENT)
              .setParent(Context.root().with(root))
              .setStartTimestamp(s + ms(2), TimeUnit.NANOSECONDS)
              .setAttribute(
                  "url.full", "http://catalog/items/" + (100 + i % 20) + "?owner=" + EMAIL)
              .startSpan();
      Span item =
          catalog
              .spanBuilder("GET /items/{id}")
              .setSpanKind(SpanKind.SERVER)
              .setParent(Context.root().with(call))
              .setStartTimestamp(s + ms(3), TimeUnit.NANOSECONDS)
              .setAttribute("http.request.method", "GET")
              .setAttribute("http.route", "/items/{id}")
              .startSpan();
      long itemEnd = s + ms(slow ? 900 : 20 + i % 15);
      item.setAttribute("http.response.status_code", slow ? 504L : 200L);
      item.end(itemEnd, TimeUnit.NANOSECONDS);
      call.end(itemEnd + ms(1), TimeUnit.NANOSECONDS);
      root.setAttribute("http.response.status_code", slow ? 502L : 200L);
      if (slow) {
        root.setStatus(StatusCode.ERROR);
        log(
            frontendLog,
            Context.root().with(root),
            itemEnd + ms(2),
            Severity.ERROR,
            "catalog timed out for shopper " + EMAIL + " phone " + PHONE);
      } else {
        log(
            frontendLog,
            Context.root().with(root),
            itemEnd + ms(2),
            Severity.INFO,
            "rendered product page " + (100 + i % 20) + " in " + (20 + i % 15) + " ms");
      }
      root.end(itemEnd + ms(3), TimeUnit.NANOSECONDS);

      // checkout
      long c = s + ms(700);
      boolean declined = i % 6 == 1;
      Span checkout =
          frontend
              .spanBuilder("POST /checkout")
              .setSpanKind(SpanKind.SERVER)
              .setStartTimestamp(c, TimeUnit.NANOSECONDS)
              .setAttribute("http.request.method", "POST")
              .setAttribute("http.route", "/checkout")
              .startSpan();
      Span charge =
          payment
              .spanBuilder("PaymentService/Charge")
              .setSpanKind(SpanKind.SERVER)
              .setParent(Context.root().with(checkout))
              .setStartTimestamp(c + ms(5), TimeUnit.NANOSECONDS)
              .setAttribute("rpc.system", "grpc")
              .setAttribute("rpc.service", "PaymentService")
              .setAttribute("rpc.method", "Charge")
              .setAttribute("card.number", CARD)
              .startSpan();
      long chargeEnd = c + ms(60 + i % 40);
      if (declined) {
        charge.setStatus(StatusCode.ERROR, "declined");
        log(
            paymentLog,
            Context.root().with(charge),
            chargeEnd - ms(1),
            Severity.ERROR,
            "payment declined for card " + CARD + " of " + EMAIL);
      } else {
        log(
            paymentLog,
            Context.root().with(charge),
            chargeEnd - ms(1),
            Severity.INFO,
            "payment authorized in " + (60 + i % 40) + " ms");
      }
      charge.end(chargeEnd, TimeUnit.NANOSECONDS);
      checkout.setAttribute("http.response.status_code", declined ? 500L : 200L);
      if (declined) {
        checkout.setStatus(StatusCode.ERROR);
      }
      checkout.end(chargeEnd + ms(2), TimeUnit.NANOSECONDS);
    }
    for (SdkTracerProvider p : tracers.values()) {
      assertThat(p.shutdown().join(60, TimeUnit.SECONDS).isSuccess()).isTrue();
    }
    for (SdkLoggerProvider p : loggers.values()) {
      assertThat(p.shutdown().join(60, TimeUnit.SECONDS).isSuccess()).isTrue();
    }
  }

  private static void log(Logger logger, Context ctx, long at, Severity severity, String body) {
    logger
        .logRecordBuilder()
        .setContext(ctx)
        .setTimestamp(at, TimeUnit.NANOSECONDS)
        .setSeverity(severity)
        .setBody(body)
        .emit();
  }

  private static long ms(long ms) {
    return TimeUnit.MILLISECONDS.toNanos(ms);
  }
}
