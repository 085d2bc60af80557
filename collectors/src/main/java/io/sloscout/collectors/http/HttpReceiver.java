package io.sloscout.collectors.http;

import com.google.protobuf.Message;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.sloscout.collectors.http.HttpBodyDecoder.OtlpRequest;
import io.sloscout.collectors.http.LogIntakeConverter.Framing;
import io.sloscout.collectors.ingest.CollectorMetrics;
import io.sloscout.collectors.ingest.IngestResult;
import io.sloscout.collectors.ingest.OtlpIngest;
import io.sloscout.collectors.ingest.Signal;
import io.sloscout.collectors.ingest.TlsFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OTLP/HTTP receiver ({@code POST /v1/traces}, {@code /v1/metrics}, {@code /v1/logs}, protobuf
 * or JSON, optionally gzip) plus a JSON log intake for Fluent Bit's {@code http} output ({@code
 * POST /v1/logs/fluentbit}) and NDJSON shippers ({@code POST /v1/logs/ndjson}); everything goes to
 * {@link OtlpIngest}, and a request is answered 200 only once Kafka stored it.
 *
 * <p>Errors follow the OTLP spec: 400 with a {@code google.rpc.Status} naming what is malformed,
 * 413 over {@link Settings#maxBodyBytes()} (after decompression too, without buffering more), 415
 * for other content types, 401 without the configured bearer token, 404 and 405 for other paths and
 * methods, 503 with {@code Retry-After} when Kafka or the collector cannot take data now.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver}: no other HTTP server is on this module's
 * classpath (grpc-netty-shaded hides its Netty), and this path is not the benchmarked one. Request
 * bodies are read and decoded on a bounded worker pool (when it and its queue are full, the
 * accepting thread does the work, which slows down accepting: backpressure instead of unbounded
 * queues); while Kafka acknowledges, no thread waits: the answer is written from a small responder
 * pool once the ingest's future completes.
 */
public final class HttpReceiver implements AutoCloseable {

  /** Receiver metric label of the Fluent Bit log intake. */
  public static final String FLUENTBIT = "fluentbit";

  /** Receiver metric label of the NDJSON log intake. */
  public static final String NDJSON = "ndjson";

  private static final Logger LOG = LoggerFactory.getLogger(HttpReceiver.class);

  // longer than the Kafka producer's default delivery timeout (2 min): the ingest answers first
  private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration SHUTDOWN_RETRY = Duration.ofSeconds(5);
  private static final Duration CLOSE_DRAIN = Duration.ofSeconds(5);
  private static final int BACKLOG = 128;
  private static final int QUEUE = 256;
  private static final Set<String> LOG_MEDIA_TYPES =
      Set.of(
          "",
          "application/json",
          "application/x-ndjson",
          "application/ndjson",
          "application/jsonl",
          "application/x-jsonlines",
          "application/json-lines",
          "text/plain");

  /**
   * How the receiver listens.
   *
   * @param host the address to bind ({@code 0.0.0.0}: all interfaces)
   * @param port the port; 0 picks a free one (see {@link #port()})
   * @param maxBodyBytes the largest request body, compressed and after decompression
   * @param bearerToken when present, requests need {@code Authorization: Bearer <token>}
   * @param tls when present, HTTPS with this PEM certificate chain and PKCS#8 key
   * @param logIntake the fields the JSON log intake reads
   */
  public record Settings(
      String host,
      int port,
      long maxBodyBytes,
      Optional<String> bearerToken,
      Optional<TlsFiles> tls,
      LogIntake logIntake) {

    /** OTLP/HTTP's default port. */
    public static final int DEFAULT_PORT = 4318;

    /** 20 MiB, the OpenTelemetry Collector's default limit. */
    public static final long DEFAULT_MAX_BODY_BYTES = 20L * 1024 * 1024;

    public Settings {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host is required");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
      }
      // bodies are held in byte arrays
      if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("maxBodyBytes must be in (0, 2 GiB): " + maxBodyBytes);
      }
      Objects.requireNonNull(bearerToken, "bearerToken");
      if (bearerToken.isPresent() && bearerToken.get().isBlank()) {
        throw new IllegalArgumentException("bearerToken must not be blank when present");
      }
      Objects.requireNonNull(tls, "tls");
      Objects.requireNonNull(logIntake, "logIntake");
    }

    /** All interfaces, port 4318, 20 MiB bodies, no token, no TLS, default log fields. */
    public static Settings defaults() {
      return new Settings(
          "0.0.0.0",
          DEFAULT_PORT,
          DEFAULT_MAX_BODY_BYTES,
          Optional.empty(),
          Optional.empty(),
          LogIntake.defaults());
    }

    /** These settings on another host and port. */
    public Settings withAddress(String host, int port) {
      return new Settings(host, port, maxBodyBytes, bearerToken, tls, logIntake);
    }

    /** These settings with another body limit. */
    public Settings withMaxBodyBytes(long maxBodyBytes) {
      return new Settings(host, port, maxBodyBytes, bearerToken, tls, logIntake);
    }

    /** These settings requiring {@code token}. */
    public Settings withBearerToken(String token) {
      return new Settings(host, port, maxBodyBytes, Optional.of(token), tls, logIntake);
    }

    /** These settings serving HTTPS with {@code files}. */
    public Settings withTls(TlsFiles files) {
      return new Settings(host, port, maxBodyBytes, bearerToken, Optional.of(files), logIntake);
    }

    /** These settings with other log fields. */
    public Settings withLogIntake(LogIntake logIntake) {
      return new Settings(host, port, maxBodyBytes, bearerToken, tls, logIntake);
    }
  }

  /**
   * Where the JSON log intake finds a record's parts. The field settings are comma-separated
   * candidate names, tried in order; the first present one is used.
   *
   * @param serviceField record fields naming the service (resource attribute service.name)
   * @param serviceHeader the request header naming the service of records without such a field
   * @param serviceQueryParam the query parameter naming it when the header is absent too
   * @param bodyField record fields holding the log body
   * @param timeField record fields holding the time: epoch seconds (Fluent Bit's {@code
   *     json_date_key}, a double), milli/micro/nanoseconds, or ISO-8601
   * @param severityField record fields holding the level, mapped to the OTLP severity number
   */
  public record LogIntake(
      String serviceField,
      String serviceHeader,
      String serviceQueryParam,
      String bodyField,
      String timeField,
      String severityField) {

    public LogIntake {
      for (String field :
          new String[] {
            serviceField, serviceHeader, serviceQueryParam, bodyField, timeField, severityField
          }) {
        if (field == null || names(field).isEmpty()) {
          throw new IllegalArgumentException("log intake field names must not be blank");
        }
      }
    }

    /**
     * {@code service}, header {@code X-Service-Name}, query {@code service}, body {@code log} then
     * {@code message}, time {@code date} then {@code timestamp}, {@code time}, level {@code level}.
     */
    public static LogIntake defaults() {
      return new LogIntake(
          "service", "X-Service-Name", "service", "log,message", "date,timestamp,time", "level");
    }

    /** The names of a comma-separated setting, trimmed, blanks dropped. */
    static List<String> names(String commaSeparated) {
      List<String> names = new ArrayList<>();
      for (String name : commaSeparated.split(",")) {
        if (!name.isBlank()) {
          names.add(name.trim());
        }
      }
      return List.copyOf(names);
    }
  }

  private enum Endpoint {
    TRACES("/v1/traces", Signal.TRACES, CollectorMetrics.OTLP_HTTP),
    METRICS("/v1/metrics", Signal.METRICS, CollectorMetrics.OTLP_HTTP),
    LOGS("/v1/logs", Signal.LOGS, CollectorMetrics.OTLP_HTTP),
    FLUENTBIT_LOGS("/v1/logs/fluentbit", Signal.LOGS, FLUENTBIT),
    NDJSON_LOGS("/v1/logs/ndjson", Signal.LOGS, NDJSON);

    final String path;
    final Signal signal;
    final String receiver;

    Endpoint(String path, Signal signal, String receiver) {
      this.path = path;
      this.signal = signal;
      this.receiver = receiver;
    }

    static Optional<Endpoint> of(String path) {
      if (path == null) {
        return Optional.empty(); // "OPTIONS *" and other requests without a path
      }
      String p =
          path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      for (Endpoint e : values()) {
        if (e.path.equals(p)) {
          return Optional.of(e);
        }
      }
      return Optional.empty();
    }

    boolean otlp() {
      return receiver.equals(CollectorMetrics.OTLP_HTTP);
    }
  }

  private final Settings settings;
  private final OtlpIngest ingest;
  private final CollectorMetrics metrics;
  private final LogIntakeConverter logConverter;
  private final Clock clock;
  private final HttpServer server;
  private final ThreadPoolExecutor workers;
  private final ExecutorService responders;
  private final byte[] tokenDigest;
  private final Object stopLock = new Object();
  private final Object lock = new Object();
  private int inFlight; // guarded by lock
  private volatile boolean stopping;
  private boolean stopped; // guarded by lock

  private HttpReceiver(
      Settings settings,
      OtlpIngest ingest,
      Clock clock,
      HttpServer server,
      ThreadPoolExecutor workers,
      ExecutorService responders) {
    this.settings = settings;
    this.ingest = ingest;
    this.metrics = ingest.metrics();
    this.logConverter = new LogIntakeConverter(settings.logIntake());
    this.clock = clock;
    this.server = server;
    this.workers = workers;
    this.responders = responders;
    this.tokenDigest = settings.bearerToken().map(HttpReceiver::sha256).orElse(null);
  }

  /**
   * Binds and starts serving; fails when the address is taken or the TLS files do not load.
   *
   * @throws IOException when binding fails or the TLS files cannot be read
   */
  public static HttpReceiver start(Settings settings, OtlpIngest ingest) throws IOException {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(ingest, "ingest");
    InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
    HttpServer server;
    if (settings.tls().isPresent()) {
      SSLContext context = PemKeyStores.serverContext(settings.tls().get());
      HttpsServer https = HttpsServer.create(address, BACKLOG);
      https.setHttpsConfigurator(new HttpsConfigurator(context));
      server = https;
    } else {
      server = HttpServer.create(address, BACKLOG);
    }
    int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    ThreadPoolExecutor workers =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUE),
            daemonThreads("otlp-http-worker-"),
            new ThreadPoolExecutor.CallerRunsPolicy());
    workers.allowCoreThreadTimeOut(true);
    ThreadPoolExecutor responders =
        new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("otlp-http-responder-"));
    responders.allowCoreThreadTimeOut(true);
    HttpReceiver receiver =
        new HttpReceiver(settings, ingest, Clock.systemUTC(), server, workers, responders);
    server.createContext("/", receiver::handle);
    server.setExecutor(workers);
    server.start();
    LOG.info(
        "OTLP/HTTP receiver on {}://{}:{}",
        settings.tls().isPresent() ? "https" : "http",
        settings.host(),
        receiver.port());
    return receiver;
  }

  /** The port listened on (the chosen one when the settings said 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Requests being received, decoded or waiting for Kafka's acknowledgement now. */
  public int inFlightRequests() {
    synchronized (lock) {
      return inFlight;
    }
  }

  /** Whether {@link #drainAndStop} has begun: new requests are answered 503 from then on. */
  public boolean draining() {
    return stopping;
  }

  /**
   * Stops taking requests (new ones are answered 503 with {@code Retry-After}), waits up to {@code
   * timeout} for those in progress to be answered, then closes every connection.
   */
  public void drainAndStop(Duration timeout) {
    // one stop at a time: a second caller waits for the first, then finds the receiver stopped
    synchronized (stopLock) {
      drainThenStop(timeout);
    }
  }

  private void drainThenStop(Duration timeout) {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopping = true;
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        while (inFlight > 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            LOG.warn("OTLP/HTTP receiver stops with {} request(s) unanswered", inFlight);
            break;
          }
          lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stopped = true;
    }
    // delay 0: before JDK 21 the JDK's own grace period lasts its whole length even when no
    // exchange is open (JDK-8304065); the wait above ends as soon as the last answer is out
    server.stop(0);
    workers.shutdown();
    responders.shutdown();
  }

  /** {@link #drainAndStop} with a 5 s grace period. */
  @Override
  public void close() {
    drainAndStop(CLOSE_DRAIN);
  }

  private void handle(HttpExchange exchange) {
    boolean admitted = started();
    boolean answered = true;
    try {
      answered = route(exchange, admitted);
    } catch (IOException e) {
      // the client went away or sent a broken stream: nobody to answer
      LOG.debug("OTLP/HTTP exchange failed: {}", e.toString());
    } catch (RuntimeException e) {
      LOG.error("OTLP/HTTP request failed", e);
      replyError(exchange, WireFormat.JSON, 500, "internal error: " + e.getClass().getSimpleName());
    } finally {
      if (answered) {
        exchange.close();
        finished();
      }
    }
  }

  /** Answers the request; returns false when the answer comes later, asynchronously. */
  private boolean route(HttpExchange exchange, boolean admitted) throws IOException {
    Optional<Endpoint> found = Endpoint.of(exchange.getRequestURI().getPath());
    Headers headers = exchange.getRequestHeaders();
    String contentType = headers.getFirst("Content-Type");
    WireFormat replyFormat = WireFormat.of(contentType).orElse(WireFormat.JSON);
    if (found.isEmpty()) {
      replyError(
          exchange,
          replyFormat,
          404,
          "no such endpoint: "
              + HttpBodyDecoder.printable(exchange.getRequestURI().getPath())
              + " (OTLP/HTTP: /v1/traces, /v1/metrics, /v1/logs; logs: /v1/logs/fluentbit,"
              + " /v1/logs/ndjson)");
      return true;
    }
    Endpoint endpoint = found.get();
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      replyError(
          exchange,
          replyFormat,
          405,
          "method "
              + HttpBodyDecoder.printable(exchange.getRequestMethod())
              + " not allowed: "
              + endpoint.path
              + " takes POST");
      return true;
    }
    if (!admitted) {
      replyThrottled(
          exchange,
          replyFormat,
          new IngestResult.Throttled(SHUTDOWN_RETRY, "the collector is shutting down"));
      return true;
    }
    if (!authorized(headers.getFirst("Authorization"))) {
      metrics.refusedRequest(endpoint.signal, endpoint.receiver, "unauthenticated");
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"slo-scout\"");
      replyError(exchange, replyFormat, 401, "missing or invalid bearer token");
      return true;
    }
    try {
      CompletableFuture<IngestResult> answer;
      Reply reply;
      if (endpoint.otlp()) {
        answer = receiveOtlp(exchange, endpoint, contentType);
        reply = (result) -> replyOtlp(exchange, endpoint.signal, replyFormat, result, 0, "");
      } else {
        LogBatch batch = receiveLogs(exchange, endpoint, contentType);
        if (batch.converted.records() == 0) {
          replyOtlp(
              exchange, Signal.LOGS, WireFormat.JSON, new IngestResult.Accepted(0, 0, ""), 0, "");
          return true;
        }
        answer = batch.answer;
        reply =
            (result) ->
                replyOtlp(
                    exchange,
                    Signal.LOGS,
                    WireFormat.JSON,
                    result,
                    batch.converted.rejected(),
                    rejectionMessage(batch.converted));
      }
      answerLater(exchange, answer, reply);
      return false;
    } catch (BadRequestException e) {
      metrics.refusedRequest(endpoint.signal, endpoint.receiver, e.reason());
      replyError(
          exchange, endpoint.otlp() ? replyFormat : WireFormat.JSON, e.status(), e.getMessage());
      return true;
    }
  }

  private CompletableFuture<IngestResult> receiveOtlp(
      HttpExchange exchange, Endpoint endpoint, String contentType)
      throws IOException, BadRequestException {
    if (WireFormat.of(contentType).isEmpty()) {
      // refuse before reading the body
      throw BadRequestException.unsupportedMediaType(
          "unsupported Content-Type '"
              + HttpBodyDecoder.printable(contentType)
              + "': OTLP/HTTP takes application/x-protobuf or application/json");
    }
    byte[] body = readBody(exchange);
    OtlpRequest request =
        HttpBodyDecoder.decodeOtlp(
            endpoint.signal,
            contentType,
            exchange.getRequestHeaders().getFirst("Content-Encoding"),
            body,
            settings.maxBodyBytes());
    if (request.scanned() != null) {
      return ingest.submitBytes(request.scanned(), endpoint.receiver);
    }
    return ingest.submit(endpoint.signal, request.message(), null, endpoint.receiver);
  }

  private record LogBatch(
      LogIntakeConverter.Result converted, CompletableFuture<IngestResult> answer) {}

  private LogBatch receiveLogs(HttpExchange exchange, Endpoint endpoint, String contentType)
      throws IOException, BadRequestException {
    String mediaType = WireFormat.mediaType(contentType);
    if (!LOG_MEDIA_TYPES.contains(mediaType)) {
      throw BadRequestException.unsupportedMediaType(
          "unsupported Content-Type '"
              + HttpBodyDecoder.printable(contentType)
              + "': the log intake takes JSON (application/json, application/x-ndjson)"
              + (mediaType.contains("msgpack")
                  ? "; set 'format json_lines' in Fluent Bit's http output"
                  : ""));
    }
    List<String[]> query = query(exchange.getRequestURI().getRawQuery());
    String format = queryParam(query, "format");
    format = format == null ? null : format.trim().toLowerCase(Locale.ROOT);
    if (endpoint == Endpoint.FLUENTBIT_LOGS
        && format != null
        && !Set.of("json", "json_lines", "json_stream").contains(format)) {
      throw BadRequestException.malformed(
          "unsupported format '"
              + HttpBodyDecoder.printable(format)
              + "': use json, json_lines or json_stream");
    }
    byte[] body =
        HttpBodyDecoder.decompress(
            exchange.getRequestHeaders().getFirst("Content-Encoding"),
            readBody(exchange),
            settings.maxBodyBytes());
    // Fluent Bit's json is an array, json_lines and json_stream are objects one after the other:
    // the first character tells, whatever the format parameter or content type claim
    Framing framing = endpoint == Endpoint.NDJSON_LOGS ? Framing.LINES : Framing.sniff(body);
    LogIntakeConverter.Result converted =
        logConverter.convert(body, framing, defaultService(exchange, query), nowNanos());
    if (converted.records() == 0) {
      return new LogBatch(converted, null);
    }
    return new LogBatch(
        converted, ingest.submit(Signal.LOGS, converted.request(), null, endpoint.receiver));
  }

  private String defaultService(HttpExchange exchange, List<String[]> query) {
    String header = exchange.getRequestHeaders().getFirst(settings.logIntake().serviceHeader());
    if (header != null && !header.isBlank()) {
      return header.trim();
    }
    String param = queryParam(query, settings.logIntake().serviceQueryParam());
    if (param != null && !param.isBlank()) {
      return param.trim();
    }
    return LogIntakeConverter.UNKNOWN_SERVICE;
  }

  private static String rejectionMessage(LogIntakeConverter.Result converted) {
    if (converted.rejected() == 0) {
      return "";
    }
    return converted.rejected()
        + " of "
        + (converted.records() + converted.rejected())
        + " log records rejected; first: "
        + converted.firstError();
  }

  @FunctionalInterface
  private interface Reply {
    void send(IngestResult result) throws IOException;
  }

  private void answerLater(
      HttpExchange exchange, CompletableFuture<IngestResult> answer, Reply reply) {
    answer
        .copy()
        .completeOnTimeout(
            new IngestResult.Throttled(SHUTDOWN_RETRY, "Kafka did not answer in time"),
            ANSWER_TIMEOUT.toSeconds(),
            TimeUnit.SECONDS)
        .whenCompleteAsync(
            (result, error) -> {
              try {
                if (error != null) {
                  LOG.error("OTLP ingest failed", error);
                  replyError(exchange, WireFormat.JSON, 500, "internal error");
                } else {
                  reply.send(result);
                }
              } catch (IOException | RuntimeException e) {
                LOG.debug("could not answer an OTLP/HTTP request: {}", e.toString());
              } finally {
                exchange.close();
                finished();
              }
            },
            responders);
  }

  private void replyOtlp(
      HttpExchange exchange,
      Signal signal,
      WireFormat format,
      IngestResult result,
      long rejectedBefore,
      String messageBefore)
      throws IOException {
    if (result instanceof IngestResult.Accepted accepted) {
      String message = messageBefore;
      if (!accepted.errorMessage().isEmpty()) {
        message =
            message.isEmpty() ? accepted.errorMessage() : message + "; " + accepted.errorMessage();
      }
      Message response =
          OtlpHttpResponses.exportResponse(
              signal, rejectedBefore + accepted.rejectedItems(), message);
      reply(exchange, 200, format, OtlpHttpResponses.encode(format, response));
    } else if (result instanceof IngestResult.Throttled throttled) {
      replyThrottled(exchange, format, throttled);
    } else if (result instanceof IngestResult.Refused refused) {
      replyError(exchange, format, refused.tooLarge() ? 413 : 400, refused.reason());
    }
  }

  private void replyThrottled(
      HttpExchange exchange, WireFormat format, IngestResult.Throttled throttled) {
    // Retry-After takes whole seconds; round up so a client never comes back too early
    long seconds = Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000);
    exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
    replyError(exchange, format, 503, throttled.reason());
  }

  /** Sends an error status with a google.rpc.Status body; never throws. */
  private static void replyError(
      HttpExchange exchange, WireFormat format, int status, String message) {
    try {
      reply(
          exchange,
          status,
          format,
          OtlpHttpResponses.encode(format, OtlpHttpResponses.status(status, message)));
    } catch (IOException | RuntimeException e) {
      // headers already sent, or the client is gone: nothing more to tell it
      LOG.debug("could not send HTTP {}: {}", status, e.toString());
    }
  }

  private static void reply(HttpExchange exchange, int status, WireFormat format, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", format.mediaType());
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * The request body, at most {@code maxBodyBytes}; over it, up to as much again is read and
   * dropped (so the client, still sending, gets to read the 413) before the 413 is raised.
   */
  private byte[] readBody(HttpExchange exchange) throws IOException, BadRequestException {
    long max = settings.maxBodyBytes();
    long declared = contentLength(exchange.getRequestHeaders().getFirst("Content-Length"));
    InputStream in = exchange.getRequestBody();
    if (declared > max) {
      discard(in, max);
      throw HttpBodyDecoder.tooLarge(max, "");
    }
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(declared >= 0 ? (int) declared : 16 * 1024);
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > max) {
        discard(in, max);
        throw HttpBodyDecoder.tooLarge(max, "");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static void discard(InputStream in, long atMost) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long left = atMost;
    int n;
    while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
      left -= n;
    }
  }

  private static long contentLength(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private boolean authorized(String authorization) {
    if (tokenDigest == null) {
      return true;
    }
    if (authorization == null) {
      return false;
    }
    String value = authorization.trim();
    if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    // digests, compared in constant time: neither the token nor its length leaks through timing
    return MessageDigest.isEqual(tokenDigest, sha256(value.substring(7).trim()));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The query's parameters, decoded; malformed escapes leave a parameter out. */
  private static List<String[]> query(String rawQuery) {
    List<String[]> params = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        params.add(
            new String[] {
              URLDecoder.decode(name, StandardCharsets.UTF_8),
              URLDecoder.decode(value, StandardCharsets.UTF_8)
            });
      } catch (IllegalArgumentException e) {
        // a broken %-escape: this parameter is unusable, the others still count
      }
    }
    return params;
  }

  private static String queryParam(List<String[]> query, String name) {
    for (String[] param : query) {
      if (param[0].equals(name)) {
        return param[1];
      }
    }
    return null;
  }

  private long nowNanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /**
   * Counts a request in and says whether it came before the drain began. Decided under the lock the
   * drain sets {@code stopping} with, so a request counted in flight is never refused later because
   * the drain began between counting and routing.
   */
  private boolean started() {
    synchronized (lock) {
      inFlight++;
      return !stopping;
    }
  }

  private void finished() {
    synchronized (lock) {
      inFlight--;
      if (inFlight == 0) {
        lock.notifyAll();
      }
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
