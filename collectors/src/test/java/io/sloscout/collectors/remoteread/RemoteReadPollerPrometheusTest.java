package io.sloscout.collectors.remoteread;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sloscout.collectors.kafka.EmbeddedKafka;
import io.sloscout.collectors.kafka.KafkaPublisher;
import io.sloscout.collectors.kafka.TopicNames;
import io.sloscout.collectors.remoteread.PollOutcome.Status;
import io.sloscout.collectors.remoteread.PushedSeries.Point;
import io.sloscout.collectors.remoteread.RemoteReadPoller.Settings;
import io.sloscout.collectors.remoteread.RemoteReadPoller.Target;
import io.sloscout.proto.prompb.Label;
import io.sloscout.proto.prompb.ReadRequest;
import io.sloscout.proto.prompb.TimeSeries;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.Snappy;

/**
 * The poller against a real Prometheus (remote write in, remote read out) and a real Kafka broker:
 * every pushed sample arrives exactly once, whichever response type carries it, across restarts and
 * a Kafka outage.
 */
class RemoteReadPollerPrometheusTest {

  private static final Duration SAFETY_LAG = Duration.ofMinutes(1);
  private static final Duration MAX_CHUNK = Duration.ofMinutes(20);
  private static final Duration LOOKBACK = Duration.ofHours(1);
  private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

  @TempDir static Path work;

  private static PrometheusProcess prometheus;
  private static EmbeddedKafka kafka;
  private static KafkaPublisher publisher;
  // all pushed samples lie in [base, base + 30 min], and base is 50 min ago, well inside the
  // range Prometheus' head still appends to
  private static long base;

  @BeforeAll
  static void startServers() throws Exception {
    // small frames, so that long series are split over several frames as they are in production
    prometheus =
        PrometheusProcess.start(
            Files.createDirectories(work.resolve("prometheus")),
            "--storage.remote.read-max-bytes-in-frame=512");
    kafka = EmbeddedKafka.startTemporary();
    kafka.createTopics(List.of(TopicNames.METRICS_RAW), 1);
    publisher =
        new KafkaPublisher(
            KafkaPublisher.Config.defaults(kafka.bootstrapServers())
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(2)));
    publisher.awaitTopics(List.of(TopicNames.METRICS_RAW));
    base =
        Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(50)).toEpochMilli();
  }

  @AfterAll
  static void stopServers() {
    if (publisher != null) {
      publisher.close(Duration.ofSeconds(5));
    }
    if (kafka != null) {
      kafka.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void streamedChunksBringExactlyThePushedSamplesIntoKafkaKeyedByService(@TempDir Path state)
      throws Exception {
    List<TimeSeries> pushed = dataset("rr_streamed");
    prometheus.write(pushed);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // the second selector selects the gauge again: it must still arrive once
    Target target =
        target(
            "streamed",
            prometheus.readUrl(),
            "{__name__=~\"rr_streamed_.*\"}",
            "rr_streamed_gauge{instance=\"a\"}");
    MutableClock clock = clockAt(base + minutes(40));
    long offset = MetricsTopic.end(kafka.bootstrapServers());

    PollOutcome outcome;
    try (RemoteReadPoller poller = poller(state, registry, clock, target)) {
      outcome = poller.pollOnce("streamed");
    }

    assertThat(outcome.status()).as("%s", outcome).isEqualTo(Status.SUCCESS);
    assertThat(outcome.format()).contains(ResponseFormat.STREAMED_XOR_CHUNKS);
    assertThat(outcome.toInclusiveMs()).isEqualTo(base + minutes(40));
    Map<String, List<Point>> expected = PushedSeries.index(pushed, Long.MIN_VALUE, Long.MAX_VALUE);
    List<MetricsTopic.Stored> stored = MetricsTopic.readFrom(kafka.bootstrapServers(), offset);
    assertExactly(stored, expected, "service");
    assertThat(outcome.samples()).isEqualTo(count(expected));
    assertThat(outcome.series()).isEqualTo(expected.size());
    // one record per service per read window (three 20-minute windows here)
    assertThat(stored).hasSize(outcome.records());
    assertThat(stored)
        .extracting(MetricsTopic.Stored::key)
        .containsOnly("checkout", "payments", "unknown_service");

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains("slo_scout_remote_read_polls_total{outcome=\"success\",target=\"streamed\"} 1")
        .contains("slo_scout_remote_read_samples_total{target=\"streamed\"} " + count(expected))
        .contains("slo_scout_remote_read_series{target=\"streamed\"} 3")
        .contains("slo_scout_remote_read_last_success_timestamp_seconds{target=\"streamed\"}")
        .contains("slo_scout_remote_read_position_timestamp_seconds{target=\"streamed\"}")
        .contains("slo_scout_remote_read_poll_duration_seconds_count{target=\"streamed\"} 1");
    assertThat(gauge(registry, "slo_scout_remote_read_last_success_timestamp_seconds"))
        .isEqualTo(clock.millis() / 1000);
    assertThat(gauge(registry, "slo_scout_remote_read_position_timestamp_seconds"))
        .isEqualTo((base + minutes(40)) / 1000);
  }

  private static double gauge(MeterRegistry registry, String name) {
    return registry.get(name).gauge().value();
  }

  @Test
  void forcedSamplesBringTheSameSamples(@TempDir Path state) throws Exception {
    List<TimeSeries> pushed = dataset("rr_samples");
    prometheus.write(pushed);
    Target target =
        target("samples", prometheus.readUrl(), "{__name__=~\"rr_samples_.*\"}")
            .withForceSamples(true);
    long offset = MetricsTopic.end(kafka.bootstrapServers());

    PollOutcome outcome;
    try (RemoteReadPoller poller =
        poller(state, new SimpleMeterRegistry(), clockAt(base + minutes(40)), target)) {
      outcome = poller.pollOnce("samples");
    }

    assertThat(outcome.status()).as("%s", outcome).isEqualTo(Status.SUCCESS);
    assertThat(outcome.format()).contains(ResponseFormat.SAMPLES);
    assertExactly(
        MetricsTopic.readFrom(kafka.bootstrapServers(), offset),
        signOfZeroLost(PushedSeries.index(pushed, Long.MIN_VALUE, Long.MAX_VALUE)),
        "service");
  }

  @Test
  void aRestartedPollerReadsOnFromItsPositionNeitherRereadingNorSkipping(@TempDir Path state)
      throws Exception {
    List<TimeSeries> first = dataset("rr_restart");
    prometheus.write(first);
    Target target = target("restart", prometheus.readUrl(), "{__name__=~\"rr_restart_.*\"}");
    long offset = MetricsTopic.end(kafka.bootstrapServers());
    // the first poll ends in the middle of the gauge's samples, so inside a TSDB chunk
    MutableClock clock = clockAt(base + minutes(12));
    PollOutcome before;
    try (RemoteReadPoller poller = poller(state, new SimpleMeterRegistry(), clock, target)) {
      before = poller.pollOnce("restart");
    }
    assertThat(before.status()).as("%s", before).isEqualTo(Status.SUCCESS);
    long firstEnd = base + minutes(12);
    assertThat(before.toInclusiveMs()).isEqualTo(firstEnd);
    List<MetricsTopic.Stored> firstRecords =
        MetricsTopic.readFrom(kafka.bootstrapServers(), offset);
    assertExactly(firstRecords, PushedSeries.index(first, Long.MIN_VALUE, firstEnd), "service");

    long offsetBetween = MetricsTopic.end(kafka.bootstrapServers());
    List<TimeSeries> second = moreSamples("rr_restart");
    prometheus.write(second);
    clock.set(Instant.ofEpochMilli(base + minutes(40)));
    PollOutcome after;
    PollOutcome again;
    try (RemoteReadPoller restarted = poller(state, new SimpleMeterRegistry(), clock, target)) {
      after = restarted.pollOnce("restart");
      again = restarted.pollOnce("restart");
    }

    assertThat(after.status()).as("%s", after).isEqualTo(Status.SUCCESS);
    assertThat(after.fromExclusiveMs()).isEqualTo(firstEnd);
    List<TimeSeries> all = new ArrayList<>(first);
    all.addAll(second);
    assertExactly(
        MetricsTopic.readFrom(kafka.bootstrapServers(), offsetBetween),
        PushedSeries.index(all, firstEnd + 1, Long.MAX_VALUE),
        "service");
    // and together: every sample exactly once
    assertExactly(
        MetricsTopic.readFrom(kafka.bootstrapServers(), offset),
        PushedSeries.index(all, Long.MIN_VALUE, Long.MAX_VALUE),
        "service");
    assertThat(again.status()).isEqualTo(Status.UP_TO_DATE);
  }

  @Test
  void whileKafkaIsDownThePositionStaysAndTheSamplesArriveOnceKafkaIsBack(@TempDir Path state)
      throws Exception {
    List<TimeSeries> pushed = dataset("rr_outage");
    prometheus.write(pushed);
    Target target = target("outage", prometheus.readUrl(), "{__name__=~\"rr_outage_.*\"}");
    long offset = MetricsTopic.end(kafka.bootstrapServers());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RemoteReadPoller poller = poller(state, registry, clockAt(base + minutes(40)), target)) {
      Path positionFile = new PositionStore(state).file("outage");
      PollOutcome failed;
      kafka.stop();
      try {
        failed = poller.pollOnce("outage");
      } finally {
        kafka.start();
      }
      assertThat(failed.status()).as("%s", failed).isEqualTo(Status.PUBLISH_FAILED);
      assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e).contains("'outage'"));
      long initial = base + minutes(40) - LOOKBACK.toMillis();
      assertThat(failed.fromExclusiveMs()).isEqualTo(initial);
      assertThat(failed.toInclusiveMs()).isEqualTo(initial);
      assertThat(new PositionStore(state).load("outage")).hasValue(initial);
      assertThat(positionFile).exists();

      PollOutcome recovered = poller.pollOnce("outage");
      assertThat(recovered.status()).as("%s", recovered).isEqualTo(Status.SUCCESS);
      assertThat(
              registry
                  .get("slo_scout_remote_read_polls")
                  .tag("outcome", "publish_failed")
                  .counter()
                  .count())
          .isEqualTo(1);
    }
    assertExactly(
        MetricsTopic.readFrom(kafka.bootstrapServers(), offset),
        PushedSeries.index(pushed, Long.MIN_VALUE, Long.MAX_VALUE),
        "service");
  }

  enum Misbehaviour {
    REJECTS_STREAMED,
    CORRUPTS_FRAMES
  }

  @ParameterizedTest
  @EnumSource(Misbehaviour.class)
  void aServerWhoseStreamedAnswersFailIsAskedForSamplesFromThenOn(
      Misbehaviour misbehaviour, @TempDir Path state) throws Exception {
    String prefix = "rr_fallback_" + misbehaviour.name().toLowerCase();
    List<TimeSeries> pushed = dataset(prefix);
    prometheus.write(pushed);
    long offset = MetricsTopic.end(kafka.bootstrapServers());
    try (Proxy proxy = new Proxy(misbehaviour)) {
      Target target = target("fallback", proxy.readUrl(), "{__name__=~\"" + prefix + "_.*\"}");
      MutableClock clock = clockAt(base + minutes(12));
      try (RemoteReadPoller poller = poller(state, new SimpleMeterRegistry(), clock, target)) {
        PollOutcome first = poller.pollOnce("fallback");
        assertThat(first.status()).as("%s", first).isEqualTo(Status.SUCCESS);
        assertThat(first.format()).contains(ResponseFormat.SAMPLES);
        assertThat(poller.responseFormat("fallback")).isEqualTo(ResponseFormat.SAMPLES);
        clock.set(Instant.ofEpochMilli(base + minutes(40)));
        PollOutcome second = poller.pollOnce("fallback");
        assertThat(second.status()).as("%s", second).isEqualTo(Status.SUCCESS);
      }
      // streamed while answers are empty (nothing to spoil), SAMPLES from the first spoiled one on
      List<ReadRequest.ResponseType> streamed =
          List.of(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS, ReadRequest.ResponseType.SAMPLES);
      List<ReadRequest.ResponseType> samplesOnly = List.of(ReadRequest.ResponseType.SAMPLES);
      int firstSamples = proxy.acceptedTypes.indexOf(samplesOnly);
      assertThat(firstSamples).as("requests: %s", proxy.acceptedTypes).isPositive();
      assertThat(proxy.acceptedTypes.subList(0, firstSamples))
          .allSatisfy(types -> assertThat(types).isEqualTo(streamed));
      assertThat(proxy.acceptedTypes.subList(firstSamples, proxy.acceptedTypes.size()))
          .hasSizeGreaterThan(1)
          .allSatisfy(types -> assertThat(types).isEqualTo(samplesOnly));
    }
    assertExactly(
        MetricsTopic.readFrom(kafka.bootstrapServers(), offset),
        signOfZeroLost(PushedSeries.index(pushed, Long.MIN_VALUE, Long.MAX_VALUE)),
        "service");
  }

  @Test
  void anErrorStatusOnBothResponseTypesFailsThePollAndKeepsTheStreamedPreference(
      @TempDir Path state) throws Exception {
    Target target = target("wrongpath", prometheus.base().resolve("/api/v1/nothing-here"), "up");
    try (RemoteReadPoller poller =
        poller(state, new SimpleMeterRegistry(), clockAt(base + minutes(40)), target)) {
      PollOutcome outcome = poller.pollOnce("wrongpath");
      assertThat(outcome.status()).isEqualTo(Status.HTTP_ERROR);
      assertThat(outcome.error())
          .hasValueSatisfying(e -> assertThat(e).contains("'wrongpath'").contains("404"));
      assertThat(outcome.toInclusiveMs()).isEqualTo(outcome.fromExclusiveMs());
      assertThat(poller.responseFormat("wrongpath")).isEqualTo(ResponseFormat.STREAMED_XOR_CHUNKS);
    }
  }

  @Test
  void aRefusedConnectionIsReportedWithTheTargetAndTheLoopKeepsGoing(@TempDir Path state)
      throws Exception {
    URI closed = URI.create("http://127.0.0.1:" + closedPort() + "/api/v1/read");
    Target target = target("gone", closed, "up");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RemoteReadPoller poller = poller(state, registry, clockAt(base + minutes(40)), target)) {
      PollOutcome outcome = poller.pollOnce("gone");
      assertThat(outcome.status()).isEqualTo(Status.CONNECTION_FAILED);
      assertThat(outcome.error())
          .hasValueSatisfying(e -> assertThat(e).contains("'gone'").contains(closed.toString()));
      assertThat(new PositionStore(state).load("gone")).hasValue(outcome.fromExclusiveMs());

      poller.start();
      // the loop keeps polling (with backoff) instead of ending at the first failure
      awaitUntil(
          () ->
              registry
                      .find("slo_scout_remote_read_polls")
                      .tag("outcome", "connection_failed")
                      .counter()
                      .count()
                  >= 2,
          "the loop to poll again after a failure");
    }
  }

  @Test
  void startedLoopsPublishWithoutCallsFromOutside(@TempDir Path state) throws Exception {
    List<TimeSeries> pushed = dataset("rr_loop");
    prometheus.write(pushed);
    Target target = target("loop", prometheus.readUrl(), "{__name__=~\"rr_loop_.*\"}");
    long offset = MetricsTopic.end(kafka.bootstrapServers());
    Map<String, List<Point>> expected = PushedSeries.index(pushed, Long.MIN_VALUE, Long.MAX_VALUE);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RemoteReadPoller poller = poller(state, registry, clockAt(base + minutes(40)), target)) {
      poller.start();
      awaitUntil(
          () ->
              registry.find("slo_scout_remote_read_polls").tag("outcome", "up_to_date").counter()
                  != null,
          "a first poll and then an up-to-date one");
    }
    assertExactly(MetricsTopic.readFrom(kafka.bootstrapServers(), offset), expected, "service");
  }

  // ---- data

  /**
   * Three series: a gauge with irregular intervals (every delta-of-delta width) and awkward values,
   * a long counter (several chunks and frames) keyed by job, one with neither service nor job.
   */
  private static List<TimeSeries> dataset(String prefix) {
    List<Point> gauge = new ArrayList<>();
    long[] gaps = {
      0, 1, 15_000, 15_000, 7_000, 7_001, 70_000, 200_000, 800_000, 1, 8_193, 16_385, 15_000,
      15_000, 15_000, 60_000, 3, 1_000
    };
    double[] values = {
      0.0,
      1.5,
      -2.25,
      1e308,
      Double.MIN_VALUE,
      -0.0,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      1.5,
      1.5,
      123456789.123,
      -1e-300,
      42,
      42,
      42.000000001,
      9.223372036854776E18,
      -7
    };
    long t = base;
    for (int i = 0; i < gaps.length; i++) {
      t += gaps[i];
      gauge.add(Point.of(t, values[i]));
    }
    List<Point> counter = new ArrayList<>();
    double total = 0;
    for (int i = 0; i < 300; i++) {
      total += (i * 7919) % 13 + 0.25 * (i % 4);
      counter.add(Point.of(base + minutes(20) + i * 1000L, total));
    }
    List<Point> orphan = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      orphan.add(Point.of(base + minutes(5) + i * 60_000L, -1e-300 * i));
    }
    return List.of(
        PushedSeries.series(
            Map.of(
                "__name__",
                prefix + "_gauge",
                "service",
                "checkout",
                "instance",
                "a",
                "job",
                "shop"),
            gauge),
        PushedSeries.series(
            Map.of("__name__", prefix + "_requests_total", "job", "payments", "instance", "b"),
            counter),
        PushedSeries.series(Map.of("__name__", prefix + "_orphan", "instance", "c"), orphan));
  }

  /** Samples after those of {@link #dataset}: the same series go on, and a new one starts. */
  private static List<TimeSeries> moreSamples(String prefix) {
    List<Point> gauge = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      gauge.add(Point.of(base + minutes(26) + i * 20_000L, i * 0.1));
    }
    List<Point> counter = new ArrayList<>();
    for (int i = 300; i < 360; i++) {
      counter.add(Point.of(base + minutes(20) + i * 1000L, 10_000 + i));
    }
    List<Point> late = List.of(Point.of(base + minutes(30), 1), Point.of(base + minutes(31), 2));
    return List.of(
        PushedSeries.series(
            Map.of(
                "__name__",
                prefix + "_gauge",
                "service",
                "checkout",
                "instance",
                "a",
                "job",
                "shop"),
            gauge),
        PushedSeries.series(
            Map.of("__name__", prefix + "_requests_total", "job", "payments", "instance", "b"),
            counter),
        PushedSeries.series(Map.of("__name__", prefix + "_late", "service", "search"), late));
  }

  // ---- assertions

  /**
   * The records hold exactly {@code expected} (no sample missing, none twice) and each record's key
   * is the service of every series in it.
   */
  private static void assertExactly(
      List<MetricsTopic.Stored> stored, Map<String, List<Point>> expected, String serviceLabel) {
    Map<String, List<Point>> actual =
        PushedSeries.index(stored.stream().map(MetricsTopic.Stored::request).toList());
    assertThat(actual).isEqualTo(expected);
    for (MetricsTopic.Stored record : stored) {
      for (TimeSeries ts : record.request().getTimeseriesList()) {
        assertThat(record.key())
            .as("key of %s", PushedSeries.key(ts))
            .isEqualTo(service(ts, serviceLabel));
      }
    }
  }

  private static String service(TimeSeries ts, String serviceLabel) {
    Map<String, String> labels =
        ts.getLabelsList().stream().collect(Collectors.toMap(Label::getName, Label::getValue));
    return labels.getOrDefault(serviceLabel, labels.getOrDefault("job", "unknown_service"));
  }

  /**
   * What a SAMPLES answer from Prometheus can carry: its protobuf encoder leaves out a value that
   * compares equal to 0, so -0.0 arrives as 0.0 (XOR chunks keep the bits).
   */
  private static Map<String, List<Point>> signOfZeroLost(Map<String, List<Point>> series) {
    Map<String, List<Point>> out = new TreeMap<>();
    series.forEach(
        (k, points) ->
            out.put(
                k,
                points.stream()
                    .map(p -> p.valueBits() == NEGATIVE_ZERO ? new Point(p.timestampMs(), 0) : p)
                    .toList()));
    return out;
  }

  private static long count(Map<String, List<Point>> series) {
    return series.values().stream().mapToLong(List::size).sum();
  }

  // ---- plumbing

  private static RemoteReadPoller poller(
      Path state, MeterRegistry registry, MutableClock clock, Target... targets) {
    return new RemoteReadPoller(
        new Settings(List.of(targets), state, MAX_CHUNK, SAFETY_LAG), publisher, registry, clock);
  }

  private static Target target(String name, URI url, String... selectors) {
    return new Target(
        name, url, List.of(selectors), Duration.ofMillis(200), LOOKBACK, Optional.empty(), null);
  }

  private static MutableClock clockAt(long epochMs) {
    return new MutableClock(Instant.ofEpochMilli(epochMs).plus(SAFETY_LAG));
  }

  private static long minutes(long m) {
    return m * 60_000;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void awaitUntil(BooleanSupplier condition, String what)
      throws InterruptedException {
    // bounded wait for an asynchronous effect; not a timing assertion
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  /**
   * Stands between poller and Prometheus and spoils streamed answers: answers them with HTTP 400,
   * or passes them on with one byte changed; SAMPLES requests pass untouched.
   */
  private static final class Proxy implements AutoCloseable {
    final List<List<ReadRequest.ResponseType>> acceptedTypes = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Proxy(Misbehaviour misbehaviour) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/api/v1/read",
          exchange -> {
            try (exchange) {
              byte[] body = exchange.getRequestBody().readAllBytes();
              List<ReadRequest.ResponseType> types =
                  ReadRequest.parseFrom(Snappy.uncompress(body)).getAcceptedResponseTypesList();
              acceptedTypes.add(types);
              boolean streamed = types.contains(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS);
              if (streamed && misbehaviour == Misbehaviour.REJECTS_STREAMED) {
                byte[] error = "remote read: unsupported response type\n".getBytes();
                exchange.sendResponseHeaders(400, error.length);
                exchange.getResponseBody().write(error);
                return;
              }
              HttpRequest.Builder forward =
                  HttpRequest.newBuilder(prometheus.readUrl())
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body));
              for (String header :
                  List.of("Content-Type", "Content-Encoding", "X-Prometheus-Remote-Read-Version")) {
                forward.header(header, exchange.getRequestHeaders().getFirst(header));
              }
              HttpResponse<byte[]> answer =
                  http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
              byte[] data = answer.body();
              if (streamed && data.length > 12) {
                data = data.clone();
                data[12] ^= 0x5a;
              }
              answer
                  .headers()
                  .firstValue("Content-Type")
                  .ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
              answer
                  .headers()
                  .firstValue("Content-Encoding")
                  .ifPresent(v -> exchange.getResponseHeaders().set("Content-Encoding", v));
              exchange.sendResponseHeaders(
                  answer.statusCode(), data.length == 0 ? -1 : data.length);
              OutputStream out = exchange.getResponseBody();
              out.write(data);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      server.start();
    }

    URI readUrl() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/read");
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
