package io.sloscout.app.demo;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A small web shop's telemetry, made with the real OpenTelemetry SDK and sent through its OTLP
 * exporters: traces over gRPC, logs over HTTP, metrics over gRPC, one SDK per service ({@code
 * frontend}, {@code catalog}, {@code cart}, {@code payment}) as four processes would.
 *
 * <p>Four user journeys enter at {@code frontend}: browse ({@code GET /}), product ({@code GET
 * /product/{id}}), cart ({@code POST /cart}) and checkout ({@code POST /checkout}); Kubernetes
 * probes hit {@code /healthz}. Some requests fail (catalog timeouts, declined payments) and log
 * errors. Planted PII rides in attributes and log bodies so redaction shows: {@link #CANARIES}.
 *
 * <p>Requests are made at a given instant, so a history can be sent first (in time order) and live
 * traffic after it.
 */
public final class ShopWorkload implements AutoCloseable {

  /** The planted PII: e-mail addresses, a card number and a phone number. */
  public static final List<String> CANARIES =
      List.of("jane.doe@example.com", "4111 1111 1111 1111", "+1 415-555-0142");

  public static final List<String> SERVICES = List.of("frontend", "catalog", "cart", "payment");

  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<Long> STATUS =
      AttributeKey.longKey("http.response.status_code");

  private record Sdk(
      SdkTracerProvider traces,
      SdkLoggerProvider logs,
      SdkMeterProvider metrics,
      Tracer tracer,
      Logger logger,
      DoubleHistogram duration,
      LongCounter orders) {}

  private final Map<String, Sdk> sdks = new LinkedHashMap<>();
  private final Random random;
  private long requests;

  /**
   * SDKs exporting to {@code otlpGrpc} ({@code host:port}) and {@code otlpHttp} (base URL).
   *
   * @param seed the random numbers behind latencies and failures
   */
  public ShopWorkload(String otlpGrpc, URI otlpHttp, long seed) {
    this.random = new Random(seed);
    String grpcEndpoint = "http://" + otlpGrpc;
    for (String service : SERVICES) {
      Resource resource =
          Resource.getDefault()
              .merge(
                  Resource.create(
                      Attributes.of(
                          AttributeKey.stringKey("service.name"),
                          service,
                          AttributeKey.stringKey("service.namespace"),
                          "demo-shop",
                          AttributeKey.stringKey("deployment.environment.name"),
                          "demo")));
      SdkTracerProvider traces =
          SdkTracerProvider.builder()
              .setResource(resource)
              .addSpanProcessor(
                  BatchSpanProcessor.builder(
                          OtlpGrpcSpanExporter.builder()
                              .setEndpoint(grpcEndpoint)
                              .setTimeout(Duration.ofSeconds(30))
                              .build())
                      .setMaxQueueSize(50_000)
                      .setMaxExportBatchSize(512)
                      .setScheduleDelay(Duration.ofMillis(200))
                      .build())
              .build();
      SdkLoggerProvider logs =
          SdkLoggerProvider.builder()
              .setResource(resource)
              .addLogRecordProcessor(
                  BatchLogRecordProcessor.builder(
                          OtlpHttpLogRecordExporter.builder()
                              .setEndpoint(otlpHttp.resolve("/v1/logs").toString())
                              .setTimeout(Duration.ofSeconds(30))
                              .build())
                      .setMaxQueueSize(50_000)
                      .setScheduleDelay(Duration.ofMillis(200))
                      .build())
              .build();
      SdkMeterProvider metrics =
          SdkMeterProvider.builder()
              .setResource(resource)
              .registerMetricReader(
                  PeriodicMetricReader.builder(
                          OtlpGrpcMetricExporter.builder().setEndpoint(grpcEndpoint).build())
                      .setInterval(Duration.ofSeconds(15))
                      .build())
              .build();
      var meter = metrics.get("io.sloscout.demo");
      sdks.put(
          service,
          new Sdk(
              traces,
              logs,
              metrics,
              traces.get("io.sloscout.demo"),
              logs.get("io.sloscout.demo"),
              meter
                  .histogramBuilder("http.server.request.duration")
                  .setUnit("s")
                  .setDescription("Duration of HTTP server requests")
                  .build(),
              meter.counterBuilder("shop.orders").setDescription("Orders placed").build()));
    }
  }

  /** Requests made so far. */
  public long requests() {
    return requests;
  }

  /**
   * Sends {@code perMinute} requests for each minute in {@code [from, to)}, in time order: the
   * shop's recent past.
   */
  public void history(Instant from, Instant to, int perMinute) {
    long stepNanos = TimeUnit.MINUTES.toNanos(1) / perMinute;
    for (long t = nanos(from); t < nanos(to); t += stepNanos) {
      request(t);
    }
    flush();
  }

  /** One request of a journey picked at random, starting at {@code startNanos} (epoch). */
  public void request(long startNanos) {
    requests++;
    int pick = random.nextInt(100);
    if (pick < 30) {
      browse(startNanos);
    } else if (pick < 65) {
      product(startNanos);
    } else if (pick < 82) {
      cart(startNanos);
    } else if (pick < 96) {
      checkout(startNanos);
    } else {
      probe(startNanos);
    }
  }

  private void browse(long t) {
    Sdk fe = sdks.get("frontend");
    long total = latency(25, 15);
    Span root = server(fe, "GET /", t, "GET", "/", "/");
    Context ctx = Context.root().with(root);
    long callStart = t + ms(2);
    long callEnd = callStart + latency(12, 8);
    Span client = client(fe, ctx, "GET", callStart, "http://catalog/products");
    Span list =
        server(
            sdks.get("catalog"),
            Context.root().with(client),
            "GET /products",
            callStart + ms(1),
            "GET",
            "/products",
            "/products");
    end(list, callEnd - ms(1), 200);
    end(client, callEnd, 200);
    end(root, t + Math.max(total, callEnd - t + ms(3)), 200);
    record(fe, "/", "GET", 200, total);
  }

  private void product(long t) {
    Sdk fe = sdks.get("frontend");
    Sdk catalog = sdks.get("catalog");
    int id = 1000 + random.nextInt(40);
    boolean timeout = random.nextInt(100) < 4;
    Span root = server(fe, "GET /product/{id}", t, "GET", "/product/{id}", "/product/" + id);
    Context ctx = Context.root().with(root);
    long callStart = t + ms(2);
    long callEnd = callStart + (timeout ? ms(1500) : latency(20, 15));
    Span client = client(fe, ctx, "GET", callStart, "http://catalog/items/" + id);
    Span item =
        server(
            catalog,
            Context.root().with(client),
            "GET /items/{id}",
            callStart + ms(1),
            "GET",
            "/items/{id}",
            "/items/" + id);
    if (timeout) {
      log(
          catalog,
          Context.root().with(item),
          callEnd - ms(2),
          Severity.ERROR,
          "inventory query timed out after 1500 ms for item " + id);
      end(item, callEnd - ms(1), 504);
      end(client, callEnd, 504);
      log(
          fe,
          ctx,
          callEnd + ms(1),
          Severity.ERROR,
          "upstream catalog timeout rendering product " + id + " for user " + CANARIES.get(0));
      end(root, callEnd + ms(3), 502);
      record(fe, "/product/{id}", "GET", 502, callEnd + ms(3) - t);
    } else {
      end(item, callEnd - ms(1), 200);
      end(client, callEnd, 200);
      long done = callEnd + latency(8, 4);
      log(
          fe,
          ctx,
          done,
          Severity.INFO,
          "rendered product page " + id + " in " + TimeUnit.NANOSECONDS.toMillis(done - t) + " ms");
      end(root, done, 200);
      record(fe, "/product/{id}", "GET", 200, done - t);
    }
  }

  private void cart(long t) {
    Sdk fe = sdks.get("frontend");
    Sdk cart = sdks.get("cart");
    Span root = server(fe, "POST /cart", t, "POST", "/cart", "/cart");
    root.setAttribute("user.email", CANARIES.get(0));
    Context ctx = Context.root().with(root);
    long callStart = t + ms(3);
    long callEnd = callStart + latency(15, 10);
    Span client = client(fe, ctx, "POST", callStart, "http://cart/cart/items");
    Span add =
        server(
            cart,
            Context.root().with(client),
            "POST /cart/items",
            callStart + ms(1),
            "POST",
            "/cart/items",
            "/cart/items");
    log(
        cart,
        Context.root().with(add),
        callEnd - ms(2),
        Severity.INFO,
        "added item to cart of " + CANARIES.get(0));
    end(add, callEnd - ms(1), 201);
    end(client, callEnd, 201);
    end(root, callEnd + ms(2), 201);
    record(fe, "/cart", "POST", 201, callEnd + ms(2) - t);
  }

  private void checkout(long t) {
    Sdk fe = sdks.get("frontend");
    Sdk cart = sdks.get("cart");
    Sdk payment = sdks.get("payment");
    boolean declined = random.nextInt(100) < 7;
    Span root = server(fe, "POST /checkout", t, "POST", "/checkout", "/checkout");
    Context ctx = Context.root().with(root);
    long c1 = t + ms(2);
    long c1End = c1 + latency(10, 6);
    Span getCart = client(fe, ctx, "GET", c1, "http://cart/cart/current");
    Span cartSrv =
        server(
            cart,
            Context.root().with(getCart),
            "GET /cart/{id}",
            c1 + ms(1),
            "GET",
            "/cart/{id}",
            "/cart/current");
    end(cartSrv, c1End - ms(1), 200);
    end(getCart, c1End, 200);
    long c2 = c1End + ms(1);
    long c2End = c2 + latency(90, 60);
    Span charge =
        fe.tracer()
            .spanBuilder("PaymentService/Charge")
            .setSpanKind(SpanKind.CLIENT)
            .setParent(ctx)
            .setStartTimestamp(c2, TimeUnit.NANOSECONDS)
            .setAttribute("rpc.system", "grpc")
            .setAttribute("rpc.service", "PaymentService")
            .setAttribute("rpc.method", "Charge")
            .startSpan();
    Span pay =
        payment
            .tracer()
            .spanBuilder("PaymentService/Charge")
            .setSpanKind(SpanKind.SERVER)
            .setParent(Context.root().with(charge))
            .setStartTimestamp(c2 + ms(1), TimeUnit.NANOSECONDS)
            .setAttribute("rpc.system", "grpc")
            .setAttribute("rpc.service", "PaymentService")
            .setAttribute("rpc.method", "Charge")
            .setAttribute("card.number", CANARIES.get(1))
            .setAttribute("customer.phone", CANARIES.get(2))
            .startSpan();
    if (declined) {
      log(
          payment,
          Context.root().with(pay),
          c2End - ms(2),
          Severity.ERROR,
          "payment declined for card " + CANARIES.get(1) + " customer " + CANARIES.get(0));
      pay.setStatus(StatusCode.ERROR, "declined");
      charge.setStatus(StatusCode.ERROR, "declined");
    } else {
      log(
          payment,
          Context.root().with(pay),
          c2End - ms(2),
          Severity.INFO,
          "payment authorized in " + TimeUnit.NANOSECONDS.toMillis(c2End - c2) + " ms");
      payment.orders().add(1);
    }
    pay.end(c2End - ms(1), TimeUnit.NANOSECONDS);
    charge.end(c2End, TimeUnit.NANOSECONDS);
    int status = declined ? 500 : 200;
    end(root, c2End + ms(3), status);
    record(fe, "/checkout", "POST", status, c2End + ms(3) - t);
  }

  private void probe(long t) {
    Sdk fe = sdks.get("frontend");
    Span root = server(fe, "GET /healthz", t, "GET", "/healthz", "/healthz");
    root.setAttribute("user_agent.original", "kube-probe/1.30");
    end(root, t + ms(1), 200);
  }

  private static Span server(
      Sdk sdk, String name, long start, String method, String route, String path) {
    return server(sdk, Context.root(), name, start, method, route, path);
  }

  private static Span server(
      Sdk sdk, Context parent, String name, long start, String method, String route, String path) {
    return sdk.tracer()
        .spanBuilder(name)
        .setSpanKind(SpanKind.SERVER)
        .setParent(parent)
        .setStartTimestamp(start, TimeUnit.NANOSECONDS)
        .setAttribute(METHOD, method)
        .setAttribute(ROUTE, route)
        .setAttribute(PATH, path)
        .setAttribute("user_agent.original", "Mozilla/5.0 (demo shopper)")
        .startSpan();
  }

  private static Span client(Sdk sdk, Context parent, String method, long start, String url) {
    return sdk.tracer()
        .spanBuilder(method)
        .setSpanKind(SpanKind.CLIENT)
        .setParent(parent)
        .setStartTimestamp(start, TimeUnit.NANOSECONDS)
        .setAttribute(METHOD, method)
        .setAttribute("url.full", url)
        .startSpan();
  }

  private static void end(Span span, long at, long status) {
    span.setAttribute(STATUS, status);
    if (status >= 500) {
      span.setStatus(StatusCode.ERROR);
    }
    span.end(at, TimeUnit.NANOSECONDS);
  }

  private static void log(Sdk sdk, Context ctx, long at, Severity severity, String body) {
    sdk.logger()
        .logRecordBuilder()
        .setContext(ctx)
        .setTimestamp(at, TimeUnit.NANOSECONDS)
        .setObservedTimestamp(at, TimeUnit.NANOSECONDS)
        .setSeverity(severity)
        .setSeverityText(severity.name())
        .setBody(body)
        .emit();
  }

  private static void record(Sdk sdk, String route, String method, long status, long nanos) {
    sdk.duration().record(nanos / 1e9, Attributes.of(ROUTE, route, METHOD, method, STATUS, status));
  }

  /** A latency around {@code medianMs}, with a long tail. */
  private long latency(int medianMs, int spreadMs) {
    double ms = medianMs + Math.abs(random.nextGaussian()) * spreadMs;
    if (random.nextInt(100) == 0) {
      ms *= 6;
    }
    return ms(Math.max(1, Math.round(ms)));
  }

  private static long ms(long ms) {
    return TimeUnit.MILLISECONDS.toNanos(ms);
  }

  private static long nanos(Instant i) {
    return TimeUnit.SECONDS.toNanos(i.getEpochSecond()) + i.getNano();
  }

  /** Sends everything buffered now; false when an export failed or timed out. */
  public boolean flush() {
    List<CompletableResultCode> results = new ArrayList<>();
    for (Sdk sdk : sdks.values()) {
      results.add(sdk.traces().forceFlush());
      results.add(sdk.logs().forceFlush());
      results.add(sdk.metrics().forceFlush());
    }
    return CompletableResultCode.ofAll(results).join(60, TimeUnit.SECONDS).isSuccess();
  }

  @Override
  public void close() {
    for (Sdk sdk : sdks.values()) {
      sdk.traces().shutdown().join(30, TimeUnit.SECONDS);
      sdk.logs().shutdown().join(30, TimeUnit.SECONDS);
      sdk.metrics().shutdown().join(30, TimeUnit.SECONDS);
    }
  }
}
