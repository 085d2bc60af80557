package io.sloscout.collectors.remoteread;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sloscout.collectors.kafka.KafkaPublisher;
import io.sloscout.collectors.kafka.PublishResult;
import io.sloscout.collectors.kafka.TopicNames;
import io.sloscout.collectors.remoteread.PollOutcome.Status;
import io.sloscout.collectors.remoteread.RemoteReadException.Kind;
import io.sloscout.proto.prompb.Label;
import io.sloscout.proto.prompb.LabelMatcher;
import io.sloscout.proto.prompb.Query;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls series from Prometheus-compatible remote-read endpoints and publishes them to {@code
 * slo-scout.metrics.raw} as prompb {@code WriteRequest}s keyed by service, remembering per target
 * how far Kafka has acknowledged, so that a restart neither reads a sample twice nor skips one.
 *
 * <p>Each poll reads {@code (position, now - safetyLag]} in windows of at most {@code maxChunk};
 * after Kafka acknowledged every record of a window, the window's end becomes the position.
 * Delivery is at least once: a window whose records Kafka acknowledged only in part is read and
 * published again.
 */
public final class RemoteReadPoller implements AutoCloseable {

  /**
   * One remote-read endpoint and what to read from it.
   *
   * @param url the endpoint, e.g. {@code http://prometheus:9090/api/v1/read}
   * @param selectors PromQL series selectors, e.g. {@code up{job="api"}}; one query each
   * @param interval time between polls
   * @param lookback how far back the very first poll reads
   * @param serviceLabel the label whose value is the Kafka key; {@code service} where null or
   *     blank; series without it fall back to {@code job}, then {@code unknown_service}
   * @param forceSamples ask for SAMPLES only, for servers whose streamed answers do not work
   */
  public record Target(
      String name,
      URI url,
      List<String> selectors,
      Duration interval,
      Duration lookback,
      Optional<String> bearerToken,
      String serviceLabel,
      boolean forceSamples) {

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public Target {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a remote-read target needs a name");
      }
      String prefix = "remote-read target '" + name + "': ";
      if (url == null
          || url.getScheme() == null
          || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
        throw new IllegalArgumentException(prefix + "url must be http(s): " + url);
      }
      if (selectors == null || selectors.isEmpty()) {
        throw new IllegalArgumentException(prefix + "at least one series selector is required");
      }
      selectors = List.copyOf(selectors);
      for (String selector : selectors) {
        try {
          SeriesSelectors.parse(selector);
        } catch (InvalidSelectorException e) {
          throw new IllegalArgumentException(prefix + e.getMessage(), e);
        }
      }
      if (interval == null || interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException(prefix + "interval must be positive: " + interval);
      }
      if (lookback == null || lookback.isNegative()) {
        throw new IllegalArgumentException(prefix + "lookback must not be negative: " + lookback);
      }
      bearerToken = bearerToken == null ? Optional.empty() : bearerToken;
      if (serviceLabel == null || serviceLabel.isBlank()) {
        serviceLabel = "service";
      }
      if (!LABEL_NAME.matcher(serviceLabel).matches()) {
        throw new IllegalArgumentException(
            prefix + "serviceLabel is not a label name: " + serviceLabel);
      }
    }

    /** A target that tries STREAMED_XOR_CHUNKS first and falls back to SAMPLES. */
    public Target(
        String name,
        URI url,
        List<String> selectors,
        Duration interval,
        Duration lookback,
        Optional<String> bearerToken,
        String serviceLabel) {
      this(name, url, selectors, interval, lookback, bearerToken, serviceLabel, false);
    }

    /** This target, asking for SAMPLES only where {@code force}. */
    public Target withForceSamples(boolean force) {
      return new Target(name, url, selectors, interval, lookback, bearerToken, serviceLabel, force);
    }

    /** Like the record's, without the bearer token's value. */
    @Override
    public String toString() {
      return "Target[name="
          + name
          + ", url="
          + url
          + ", selectors="
          + selectors
          + ", interval="
          + interval
          + ", lookback="
          + lookback
          + ", bearerToken="
          + (bearerToken.isPresent() ? "<set>" : "<none>")
          + ", serviceLabel="
          + serviceLabel
          + ", forceSamples="
          + forceSamples
          + "]";
    }
  }

  /**
   * The poller's settings.
   *
   * @param stateDir where each target's position file lives
   * @param maxChunk the longest time range one read request asks for, e.g. 1h
   * @param safetyLag the most recent span never read, where samples may still arrive, e.g. 1m
   */
  public record Settings(
      List<Target> targets, Path stateDir, Duration maxChunk, Duration safetyLag) {
    public Settings {
      if (targets == null) {
        throw new IllegalArgumentException("targets is required (may be empty)");
      }
      targets = List.copyOf(targets);
      Set<String> names = new HashSet<>();
      for (Target target : targets) {
        if (!names.add(target.name())) {
          throw new IllegalArgumentException("two remote-read targets are named " + target.name());
        }
      }
      if (stateDir == null) {
        throw new IllegalArgumentException("stateDir is required");
      }
      if (maxChunk == null || maxChunk.toMillis() <= 0) {
        throw new IllegalArgumentException("maxChunk must be at least 1ms: " + maxChunk);
      }
      if (safetyLag == null || safetyLag.isNegative()) {
        throw new IllegalArgumentException("safetyLag must not be negative: " + safetyLag);
      }
    }
  }

  /** Largest {@code WriteRequest} per record: under Kafka's default 1 MiB message limit. */
  static final int MAX_RECORD_BYTES = 1_000_000;

  private static final Logger LOG = LoggerFactory.getLogger(RemoteReadPoller.class);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration PUBLISH_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  private static final String METRIC = "slo_scout_remote_read_";

  private final Settings settings;
  private final KafkaPublisher publisher;
  private final MeterRegistry registry;
  private final Clock clock;
  private final PositionStore positions;
  private final RemoteReadClient client;
  private final Map<String, TargetState> targets = new LinkedHashMap<>();
  private ScheduledExecutorService scheduler;
  private volatile boolean closed;

  /** A poller on the system clock. */
  public RemoteReadPoller(Settings settings, KafkaPublisher publisher, MeterRegistry registry) {
    this(settings, publisher, registry, Clock.systemUTC());
  }

  /** A poller that takes "now" from {@code clock}. */
  public RemoteReadPoller(
      Settings settings, KafkaPublisher publisher, MeterRegistry registry, Clock clock) {
    if (settings == null || publisher == null || registry == null || clock == null) {
      throw new IllegalArgumentException("settings, publisher, registry and clock are required");
    }
    this.settings = settings;
    this.publisher = publisher;
    this.registry = registry;
    this.clock = clock;
    this.positions = new PositionStore(settings.stateDir());
    // HTTP/1.1: Prometheus serves cleartext HTTP/1.1, and an h2c upgrade attempt gains nothing
    this.client =
        new RemoteReadClient(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(),
            REQUEST_TIMEOUT);
    for (Target target : settings.targets()) {
      targets.put(target.name(), new TargetState(target));
    }
  }

  /** Starts one polling loop per target; the first polls begin at once. */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("the remote-read poller is closed");
    }
    if (scheduler != null || targets.isEmpty()) {
      return;
    }
    scheduler = Executors.newScheduledThreadPool(targets.size(), new DaemonThreads());
    for (TargetState state : targets.values()) {
      scheduler.execute(() -> loop(state));
    }
  }

  /**
   * Reads {@code (position, now - safetyLag]} from the target, publishes it, and moves the position
   * after Kafka acknowledged each window; never throws for a failure of the target, Kafka or the
   * state file, which the outcome reports instead.
   */
  public PollOutcome pollOnce(String targetName) throws InterruptedException {
    TargetState state = targets.get(targetName);
    if (state == null) {
      throw new IllegalArgumentException("no remote-read target named " + targetName);
    }
    if (closed) {
      throw new IllegalStateException("the remote-read poller is closed");
    }
    state.lock.lockInterruptibly();
    try {
      long started = System.nanoTime();
      PollOutcome outcome = poll(state);
      state.duration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      record(state, outcome);
      return outcome;
    } finally {
      state.lock.unlock();
    }
  }

  /** The response type the next poll of {@code targetName} asks for first. */
  public ResponseFormat responseFormat(String targetName) {
    TargetState state = targets.get(targetName);
    if (state == null) {
      throw new IllegalArgumentException("no remote-read target named " + targetName);
    }
    return state.format;
  }

  /** Stops the loops, interrupting polls under way; the publisher stays open (it is not ours). */
  @Override
  public void close() {
    ScheduledExecutorService running;
    synchronized (this) {
      closed = true;
      running = scheduler;
    }
    if (running == null) {
      return;
    }
    running.shutdownNow();
    try {
      if (!running.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("remote-read polls did not stop within 30s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private PollOutcome poll(TargetState state) throws InterruptedException {
    Target target = state.target;
    long end = clock.millis() - settings.safetyLag().toMillis();
    if (state.position == null) {
      try {
        OptionalLong stored = positions.load(target.name());
        if (stored.isPresent()) {
          state.position = stored.getAsLong();
        } else {
          // remembered before reading, so that a restart before the first success starts here
          // too instead of at a later "now - lookback", which would skip what lies between
          long initial = end - target.lookback().toMillis();
          positions.save(target.name(), target.url(), initial);
          state.position = initial;
        }
      } catch (IOException e) {
        return failed(state, Status.STATE_FAILED, 0, 0, null, e.getMessage());
      }
    }
    long from = state.position;
    if (end <= from) {
      return new PollOutcome(
          target.name(),
          Status.UP_TO_DATE,
          from,
          from,
          0,
          0,
          0,
          Optional.empty(),
          Optional.empty());
    }
    Progress progress = new Progress(from);
    while (progress.position < end) {
      long windowEnd = Math.min(end, progress.position + settings.maxChunk().toMillis());
      List<Query> queries = queries(state, progress.position + 1, windowEnd);
      RemoteReadClient.Result result;
      try {
        result = readWithFallback(state, queries);
      } catch (RemoteReadException e) {
        return failed(state, statusOf(e.kind()), from, progress.position, progress, e.getMessage());
      }
      progress.format = result.format();
      if (result.skippedChunks() > 0) {
        LOG.warn(
            "remote-read target '{}': skipped {} chunks that are not XOR floats"
                + " (native histograms are not read yet)",
            target.name(),
            result.skippedChunks());
      }
      List<ServiceBatches.Batch> batches;
      try {
        batches = ServiceBatches.build(result.series(), target.serviceLabel(), MAX_RECORD_BYTES);
      } catch (IllegalArgumentException e) {
        return failed(
            state, Status.BAD_RESPONSE, from, progress.position, progress, e.getMessage());
      }
      String publishError = publish(batches);
      if (publishError != null) {
        return failed(
            state, Status.PUBLISH_FAILED, from, progress.position, progress, publishError);
      }
      try {
        positions.save(target.name(), target.url(), windowEnd);
      } catch (IOException e) {
        return failed(
            state,
            Status.STATE_FAILED,
            from,
            progress.position,
            progress,
            "writing position file " + positions.file(target.name()) + " failed: " + e);
      }
      state.position = windowEnd;
      progress.position = windowEnd;
      progress.records += batches.size();
      progress.samples += result.samples();
      for (SeriesSamples s : result.series()) {
        progress.series.add(s.labels());
      }
      state.samples.increment(result.samples());
    }
    return new PollOutcome(
        target.name(),
        Status.SUCCESS,
        from,
        progress.position,
        progress.series.size(),
        progress.samples,
        progress.records,
        Optional.ofNullable(progress.format),
        Optional.empty());
  }

  /** What a poll achieved so far. */
  private static final class Progress {
    long position;
    long samples;
    int records;
    final Set<List<Label>> series = new HashSet<>();
    ResponseFormat format;

    Progress(long position) {
      this.position = position;
    }
  }

  private RemoteReadClient.Result readWithFallback(TargetState state, List<Query> queries)
      throws RemoteReadException, InterruptedException {
    Target target = state.target;
    ResponseFormat asked = state.format;
    try {
      return client.read(target.url(), target.bearerToken(), queries, asked);
    } catch (RemoteReadException e) {
      if (asked != ResponseFormat.STREAMED_XOR_CHUNKS || !samplesMayHelp(e)) {
        throw e;
      }
      LOG.warn(
          "remote-read target '{}': the streamed read failed ({}); trying SAMPLES",
          target.name(),
          e.getMessage());
      RemoteReadClient.Result result =
          client.read(target.url(), target.bearerToken(), queries, ResponseFormat.SAMPLES);
      // only once SAMPLES worked: a server that fails both ways may be down, not old
      state.format = ResponseFormat.SAMPLES;
      LOG.warn(
          "remote-read target '{}': SAMPLES works; asking this target for SAMPLES from now on",
          target.name());
      return result;
    }
  }

  /**
   * Whether the streamed failure may be the response type's fault: an answer we could not decode,
   * or an error status other than those that say "not allowed" or "overloaded, later".
   */
  private static boolean samplesMayHelp(RemoteReadException e) {
    if (e.kind() == Kind.BAD_RESPONSE) {
      return true;
    }
    if (e.kind() != Kind.HTTP_STATUS) {
      return false;
    }
    int status = e.status();
    return status != 401
        && status != 403
        && status != 407
        && status != 408
        && status != 429
        && status != 502
        && status != 503
        && status != 504;
  }

  private static List<Query> queries(TargetState state, long startMs, long endMs) {
    List<Query> queries = new ArrayList<>();
    for (List<LabelMatcher> matchers : state.matchers) {
      queries.add(
          Query.newBuilder()
              .setStartTimestampMs(startMs)
              .setEndTimestampMs(endMs)
              .addAllMatchers(matchers)
              .build());
    }
    return queries;
  }

  /** Hands every batch to Kafka and waits for all acknowledgements; null, or what went wrong. */
  private String publish(List<ServiceBatches.Batch> batches) throws InterruptedException {
    if (batches.isEmpty()) {
      return null;
    }
    String topic = TopicNames.METRICS_RAW;
    try {
      publisher.awaitTopics(List.of(topic));
    } catch (RuntimeException e) {
      return "Kafka does not know topic " + topic + " (down or missing): " + e.getMessage();
    }
    long deadline = System.nanoTime() + PUBLISH_TIMEOUT.toNanos();
    List<CompletableFuture<PublishResult.Acknowledgement>> acks = new ArrayList<>();
    for (ServiceBatches.Batch batch : batches) {
      byte[] value = batch.request().toByteArray();
      while (true) {
        PublishResult result = publisher.tryPublish(topic, batch.key(), value);
        if (result instanceof PublishResult.Submitted submitted) {
          acks.add(submitted.acknowledged());
          break;
        }
        if (result instanceof PublishResult.WouldBlock) {
          // a pull source can wait for the budget, unlike a receiver with a client on the line
          if (System.nanoTime() > deadline) {
            return "Kafka's in-flight budget stayed full for " + PUBLISH_TIMEOUT;
          }
          Thread.sleep(20);
          continue;
        }
        if (result instanceof PublishResult.TooLarge tooLarge) {
          return "a record of "
              + tooLarge.recordBytes()
              + " bytes for service "
              + batch.key()
              + " is larger than the publisher's limit of "
              + tooLarge.maxRecordBytes();
        }
        return "the Kafka publisher is closed";
      }
    }
    for (CompletableFuture<PublishResult.Acknowledgement> ack : acks) {
      try {
        ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        return "Kafka did not acknowledge every record: " + e.getCause().getMessage();
      } catch (TimeoutException e) {
        return "Kafka did not acknowledge every record within " + PUBLISH_TIMEOUT;
      }
    }
    return null;
  }

  private PollOutcome failed(
      TargetState state, Status status, long from, long to, Progress progress, String error) {
    String message = "remote-read target '" + state.target.name() + "': " + error;
    LOG.warn("{} ({})", message, status.label());
    return new PollOutcome(
        state.target.name(),
        status,
        from,
        to,
        progress == null ? 0 : progress.series.size(),
        progress == null ? 0 : progress.samples,
        progress == null ? 0 : progress.records,
        Optional.ofNullable(progress == null ? null : progress.format),
        Optional.of(message));
  }

  private static Status statusOf(Kind kind) {
    return switch (kind) {
      case CONNECTION -> Status.CONNECTION_FAILED;
      case HTTP_STATUS -> Status.HTTP_ERROR;
      case BAD_RESPONSE -> Status.BAD_RESPONSE;
    };
  }

  private void record(TargetState state, PollOutcome outcome) {
    Counter.builder(METRIC + "polls")
        .description("Remote-read polls by outcome")
        .tag("target", state.target.name())
        .tag("outcome", outcome.status().label())
        .register(registry)
        .increment();
    state.positionSeconds.set(outcome.toInclusiveMs() / 1000);
    if (outcome.succeeded()) {
      state.lastSuccessSeconds.set(clock.millis() / 1000);
      if (outcome.status() == Status.SUCCESS) {
        state.series.set(outcome.series());
      }
    }
  }

  private void loop(TargetState state) {
    if (closed) {
      return;
    }
    long started = System.nanoTime();
    Duration delay;
    try {
      PollOutcome outcome = pollOnce(state.target.name());
      if (outcome.succeeded()) {
        state.failures = 0;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        delay = state.target.interval().minus(elapsed);
      } else {
        delay = backoff(state);
      }
    } catch (InterruptedException e) {
      return;
    } catch (RuntimeException e) {
      if (closed) {
        return;
      }
      LOG.error("remote-read target '{}': poll failed unexpectedly", state.target.name(), e);
      delay = backoff(state);
    }
    ScheduledExecutorService running = scheduler;
    if (closed || running == null) {
      return;
    }
    try {
      running.schedule(() -> loop(state), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /** 1 s, doubling per failure in a row, at most max(interval, 1 min). */
  private static Duration backoff(TargetState state) {
    int failures = Math.min(++state.failures, 20);
    Duration cap =
        state.target.interval().compareTo(MAX_BACKOFF) > 0 ? state.target.interval() : MAX_BACKOFF;
    Duration delay = FIRST_BACKOFF.multipliedBy(1L << (failures - 1));
    return delay.compareTo(cap) > 0 ? cap : delay;
  }

  /** A target's position, response type and meters; polls of one target hold its lock. */
  private final class TargetState {
    final Target target;
    final List<List<LabelMatcher>> matchers = new ArrayList<>();
    final ReentrantLock lock = new ReentrantLock();
    final Counter samples;
    final Timer duration;
    final AtomicLong series = new AtomicLong();
    final AtomicLong lastSuccessSeconds = new AtomicLong();
    final AtomicLong positionSeconds = new AtomicLong();
    volatile ResponseFormat format;
    // null until loaded from the position file (or set from the lookback) by the first poll
    Long position;
    // touched only by the target's loop
    int failures;

    TargetState(Target target) {
      this.target = target;
      for (String selector : target.selectors()) {
        matchers.add(SeriesSelectors.parse(selector));
      }
      this.format =
          target.forceSamples() ? ResponseFormat.SAMPLES : ResponseFormat.STREAMED_XOR_CHUNKS;
      String name = target.name();
      samples =
          Counter.builder(METRIC + "samples")
              .description("Samples read and acknowledged by Kafka")
              .tag("target", name)
              .register(registry);
      duration =
          Timer.builder(METRIC + "poll_duration")
              .description("Time a poll took, reading and publishing")
              .tag("target", name)
              .register(registry);
      Gauge.builder(METRIC + "series", series, AtomicLong::get)
          .description("Series the last successful poll that read data published")
          .tag("target", name)
          .strongReference(true)
          .register(registry);
      Gauge.builder(METRIC + "last_success_timestamp_seconds", lastSuccessSeconds, AtomicLong::get)
          .description("Unix time of the last poll that left nothing behind")
          .tag("target", name)
          .strongReference(true)
          .register(registry);
      Gauge.builder(METRIC + "position_timestamp_seconds", positionSeconds, AtomicLong::get)
          .description("Unix time up to which samples are in Kafka")
          .tag("target", name)
          .strongReference(true)
          .register(registry);
    }
  }

  private static final class DaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread thread = new Thread(r, "remote-read-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
