package io.sloscout.collectors.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.sloscout.collectors.ingest.ServiceBatches.Batch;
import io.sloscout.collectors.kafka.KafkaPublisher;
import io.sloscout.collectors.kafka.PublishException;
import io.sloscout.collectors.kafka.PublishResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Takes parsed OTLP export requests from any receiver and stores them in the raw Kafka topics: one
 * record per {@code service.name} (the key), the value an OTLP request of that service's resource
 * groups. A request of one service goes to Kafka as the exact bytes it arrived as.
 *
 * <p>The answer completes only once Kafka acknowledged every record of the request (OTLP: never
 * acknowledge data that is not stored). Before anything is published, the request's bytes are
 * reserved against the publisher's in-flight budget, so that a request throttled for backpressure
 * published nothing. This is as exact as this class can make it: the reservation covers only
 * requests that pass here, so where something else shares the publisher (the remote-read poller), a
 * later record of a request may still meet a full budget; and a request whose records Kafka
 * acknowledges only in part (a broker going away midway) is answered as throttled although some
 * records are stored. In both cases the client's retry stores those records twice: at least once,
 * as OTLP allows, never less.
 *
 * <p>Thread-safe. The returned futures complete on the Kafka producer's I/O thread or on the
 * caller's: receivers should move their answer to their own executor.
 */
public final class OtlpIngest {

  /** The wait a client is asked for when the in-flight budget is spent. */
  static final Duration BACKPRESSURE_RETRY = Duration.ofSeconds(1);

  /** The wait a client is asked for when Kafka failed to store records or the collector stops. */
  static final Duration OUTAGE_RETRY = Duration.ofSeconds(5);

  private final KafkaPublisher publisher;
  private final CollectorMetrics metrics;
  private final Optional<EdgeRedaction> redaction;
  private final long maxInFlightBytes;
  // bytes of requests admitted but whose records are not all handed to the publisher yet
  private final AtomicLong reserved = new AtomicLong();
  private final AtomicLong inFlightRequests = new AtomicLong();
  private volatile boolean draining;

  /**
   * An ingest publishing through {@code publisher}, counting in {@code metrics} (which starts
   * watching the publisher's queue), redacting first when {@code redaction} is present.
   */
  public OtlpIngest(
      KafkaPublisher publisher, CollectorMetrics metrics, Optional<EdgeRedaction> redaction) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.redaction = Objects.requireNonNull(redaction, "redaction");
    this.maxInFlightBytes = publisher.stats().maxInFlightBytes();
    metrics.monitor(publisher);
  }

  /** The metrics this ingest counts in; receivers add what they refuse before parsing. */
  public CollectorMetrics metrics() {
    return metrics;
  }

  /**
   * Stores {@code request} in Kafka; the future never fails, every outcome is an {@link
   * IngestResult}.
   *
   * @param request an {@code ExportTraceServiceRequest}, {@code ExportMetricsServiceRequest} or
   *     {@code ExportLogsServiceRequest}, matching {@code signal}
   * @param wireBytes the exact protobuf bytes {@code request} was parsed from, or null (it came as
   *     JSON): forwarded unchanged when the request holds one service and is not redacted
   * @param receiver the receiver's metric label ({@link CollectorMetrics#OTLP_GRPC}, ...)
   */
  public CompletableFuture<IngestResult> submit(
      Signal signal, Message request, byte[] wireBytes, String receiver) {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(receiver, "receiver");
    return admit(signal, receiver, () -> store(signal, request, wireBytes, receiver));
  }

  /**
   * Stores a protobuf export request given as its bytes, without parsing it where it need not be: a
   * request of one service, not redacted, is scanned ({@link OtlpWireScan}) and forwarded as it
   * came; one of several services, or one to redact, is parsed and split as by {@link #submit}.
   *
   * @param wireBytes {@code signal}'s export request as protobuf bytes (not copied: keep them
   *     unchanged)
   * @param receiver the receiver's metric label
   * @throws InvalidProtocolBufferException the bytes are not a valid request: protobuf's own
   *     exception, nothing was counted or stored
   */
  public CompletableFuture<IngestResult> submitBytes(
      Signal signal, byte[] wireBytes, String receiver) throws InvalidProtocolBufferException {
    return submitBytes(OtlpWireScan.scan(signal, wireBytes), receiver);
  }

  /** Like {@link #submitBytes(Signal, byte[], String)}, for a request scanned already. */
  public CompletableFuture<IngestResult> submitBytes(
      OtlpWireScan.Request request, String receiver) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(receiver, "receiver");
    return admit(request.signal(), receiver, () -> storeScanned(request, receiver));
  }

  /**
   * Whether {@code request} goes to Kafka as it came, without being parsed: it holds one service
   * and edges do not redact. Storing such a request costs little more than handing its bytes to the
   * producer, which never blocks, so receivers may do it on their I/O thread.
   */
  public boolean forwardsUnchanged(OtlpWireScan.Request request) {
    return redaction.isEmpty() && request.singleService();
  }

  private CompletableFuture<IngestResult> admit(
      Signal signal, String receiver, Supplier<CompletableFuture<IngestResult>> store) {
    if (draining) {
      metrics.refusedRequest(signal, receiver, "draining");
      return CompletableFuture.completedFuture(
          new IngestResult.Throttled(OUTAGE_RETRY, "the collector is shutting down"));
    }
    inFlightRequests.incrementAndGet();
    CompletableFuture<IngestResult> result;
    try {
      result = store.get();
    } catch (RuntimeException e) {
      // a message that does not match its signal, or a serialization bug: the request's fault
      // as far as the client can tell; never an exception out of a receiver
      metrics.refusedRequest(signal, receiver, "invalid");
      result =
          CompletableFuture.completedFuture(
              new IngestResult.Refused("cannot store the request: " + e.getMessage()));
    }
    result.whenComplete((r, e) -> inFlightRequests.decrementAndGet());
    return result;
  }

  /** Whether {@link #startDrain()} was called. */
  public boolean draining() {
    return draining;
  }

  /**
   * From now on answers new requests with {@link IngestResult.Throttled}, so clients go elsewhere
   * or retry later; requests already submitted complete as usual.
   */
  public void startDrain() {
    draining = true;
  }

  /** Requests submitted whose answer is not complete yet. */
  public long inFlightRequests() {
    return inFlightRequests.get();
  }

  /**
   * Waits up to {@code timeout} until no request is in flight; returns whether none is. Call after
   * {@link #startDrain()}, or new requests may keep it busy.
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlightRequests.get() > 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private CompletableFuture<IngestResult> store(
      Signal signal, Message request, byte[] wireBytes, String receiver) {
    long requestBytes = wireBytes != null ? wireBytes.length : request.getSerializedSize();
    if (redaction.isPresent()) {
      request = redaction.get().redact(request);
      wireBytes = null;
    }
    List<Batch> batches = ServiceBatches.byService(signal, request);
    long items = 0;
    for (Batch b : batches) {
      items += b.items();
    }
    metrics.received(signal, receiver, items, requestBytes);
    if (items == 0) {
      // nothing to store (OTLP allows empty requests): acknowledged without a record
      return CompletableFuture.completedFuture(new IngestResult.Accepted(0, 0, ""));
    }
    byte[][] values = new byte[batches.size()][];
    for (int i = 0; i < values.length; i++) {
      Batch b = batches.get(i);
      values[i] = values.length == 1 && wireBytes != null ? wireBytes : b.request().toByteArray();
    }
    return publishAll(signal, receiver, items, batches, values, null);
  }

  /** The path without parsing: a scanned request of one service goes to Kafka as it came. */
  private CompletableFuture<IngestResult> storeScanned(
      OtlpWireScan.Request request, String receiver) {
    if (redaction.isPresent() || !request.singleService()) {
      return store(request.signal(), request.message(), request.bytes(), receiver);
    }
    Signal signal = request.signal();
    long items = request.items();
    metrics.received(signal, receiver, items, request.bytes().length);
    if (items == 0) {
      return CompletableFuture.completedFuture(new IngestResult.Accepted(0, 0, ""));
    }
    // the message is parsed only if Kafka finds the record too large and it must be split
    List<Batch> batches = List.of(new Batch(request.service(), null, request.groups(), items));
    return publishAll(signal, receiver, items, batches, new byte[][] {request.bytes()}, request);
  }

  /**
   * Reserves the records' bytes and hands them to the publisher; {@code scanned} is the request
   * whose message a batch without one stands for.
   */
  private CompletableFuture<IngestResult> publishAll(
      Signal signal,
      String receiver,
      long items,
      List<Batch> batches,
      byte[][] values,
      OtlpWireScan.Request scanned) {
    long size = 0;
    for (int i = 0; i < values.length; i++) {
      size += recordSize(batches.get(i).service(), values[i]);
    }
    if (!reserve(size)) {
      return throttled(
          signal,
          receiver,
          items,
          "backpressure",
          new IngestResult.Throttled(
              BACKPRESSURE_RETRY, "the collector's Kafka queue is full, retry later"));
    }
    Publication publication = new Publication(signal, scanned);
    try {
      for (int i = 0; i < values.length && publication.stop == null; i++) {
        publish(publication, batches.get(i), values[i]);
      }
    } finally {
      reserved.addAndGet(-size);
    }
    if (publication.stop != null) {
      // handed-over records (if any) may still be stored: the client's retry duplicates them
      return throttled(signal, receiver, items, "backpressure", publication.stop);
    }
    if (publication.records.isEmpty()) {
      metrics.refusedItems(signal, receiver, "too_large", publication.rejectedItems);
      metrics.refusedRequest(signal, receiver, "too_large");
      return CompletableFuture.completedFuture(
          new IngestResult.Refused(publication.rejectedMessage(), true));
    }
    return awaitAcknowledgements(signal, receiver, items, publication);
  }

  /** Hands one batch to the publisher; a batch too large alone is tried per resource group. */
  private void publish(Publication publication, Batch batch, byte[] value) {
    PublishResult result = publisher.tryPublish(publication.signal.topic(), batch.service(), value);
    if (result instanceof PublishResult.Submitted submitted) {
      publication.records.add(new Pending(submitted.acknowledged(), batch.items()));
    } else if (result instanceof PublishResult.TooLarge tooLarge) {
      if (batch.groups() > 1) {
        Batch whole =
            batch.request() != null
                ? batch
                : new Batch(
                    batch.service(), publication.scanned.message(), batch.groups(), batch.items());
        for (Batch group : ServiceBatches.byResource(publication.signal, whole)) {
          if (publication.stop != null) {
            return;
          }
          publish(publication, group, group.request().toByteArray());
        }
      } else {
        // one resource group over the record limit: dropped, the rest of the request is stored
        publication.reject(batch, tooLarge);
      }
    } else if (result instanceof PublishResult.WouldBlock) {
      publication.stop =
          new IngestResult.Throttled(
              BACKPRESSURE_RETRY, "the collector's Kafka queue is full, retry later");
    } else {
      publication.stop =
          new IngestResult.Throttled(OUTAGE_RETRY, "the collector's Kafka publisher is closing");
    }
  }

  private CompletableFuture<IngestResult> awaitAcknowledgements(
      Signal signal, String receiver, long items, Publication publication) {
    long start = System.nanoTime();
    CompletableFuture<?>[] futures = new CompletableFuture<?>[publication.records.size()];
    for (int i = 0; i < futures.length; i++) {
      futures[i] = publication.records.get(i).acknowledged();
    }
    return CompletableFuture.allOf(futures)
        .handle(
            (ignored, error) -> {
              metrics.kafkaAckLatency(signal, Duration.ofNanos(System.nanoTime() - start));
              long accepted = 0;
              long rejected = publication.rejectedItems;
              Throwable retryable = null;
              Throwable permanent = null;
              for (Pending p : publication.records) {
                Throwable failure = failure(p.acknowledged());
                if (failure == null) {
                  accepted += p.items();
                } else if (!(failure instanceof PublishException pe) || pe.retryable()) {
                  retryable = failure;
                } else {
                  permanent = failure;
                  rejected += p.items();
                }
              }
              if (retryable != null) {
                return throttledNow(
                    signal,
                    receiver,
                    items,
                    "kafka_unavailable",
                    new IngestResult.Throttled(
                        OUTAGE_RETRY, "Kafka did not store the data: " + retryable.getMessage()));
              }
              String message = publication.rejectedMessage();
              if (permanent != null) {
                message =
                    (message.isEmpty() ? "" : message + "; ")
                        + "Kafka refused records: "
                        + permanent.getMessage();
              }
              if (publication.rejectedItems > 0) {
                metrics.refusedItems(signal, receiver, "too_large", publication.rejectedItems);
              }
              if (rejected > publication.rejectedItems) {
                metrics.refusedItems(
                    signal, receiver, "kafka_refused", rejected - publication.rejectedItems);
              }
              if (accepted == 0) {
                metrics.refusedRequest(
                    signal, receiver, permanent != null ? "kafka_refused" : "too_large");
                return new IngestResult.Refused(message, permanent == null);
              }
              metrics.accepted(signal, receiver, accepted);
              return new IngestResult.Accepted(accepted, rejected, message);
            });
  }

  private CompletableFuture<IngestResult> throttled(
      Signal signal, String receiver, long items, String reason, IngestResult.Throttled answer) {
    return CompletableFuture.completedFuture(throttledNow(signal, receiver, items, reason, answer));
  }

  private IngestResult throttledNow(
      Signal signal, String receiver, long items, String reason, IngestResult.Throttled answer) {
    metrics.refusedItems(signal, receiver, "throttled", items);
    metrics.refusedRequest(signal, receiver, reason);
    return answer;
  }

  /**
   * Admits {@code size} bytes if they fit into the publisher's budget next to what is in flight and
   * what other requests reserved; a request larger than the whole budget is admitted alone.
   */
  private boolean reserve(long size) {
    while (true) {
      long current = reserved.get();
      long used = publisher.inFlightBytes() + current;
      if (used > 0 && used + size > maxInFlightBytes) {
        return false;
      }
      if (reserved.compareAndSet(current, current + size)) {
        return true;
      }
    }
  }

  /** The size {@link KafkaPublisher#tryPublish} charges for a record. */
  private static long recordSize(String key, byte[] value) {
    return (long) key.length() * 3 + value.length;
  }

  private static Throwable failure(CompletableFuture<?> future) {
    try {
      future.join();
      return null;
    } catch (CompletionException e) {
      return e.getCause() != null ? e.getCause() : e;
    } catch (RuntimeException e) {
      return e;
    }
  }

  private record Pending(
      CompletableFuture<PublishResult.Acknowledgement> acknowledged, long items) {}

  /** The records of one request handed to the publisher so far, and what was dropped. */
  private static final class Publication {
    final Signal signal;
    final OtlpWireScan.Request scanned;
    final List<Pending> records = new ArrayList<>(2);
    long rejectedItems;
    long rejectedGroups;
    long largestRejected;
    long recordLimit;
    IngestResult.Throttled stop;

    Publication(Signal signal, OtlpWireScan.Request scanned) {
      this.signal = signal;
      this.scanned = scanned;
    }

    void reject(Batch batch, PublishResult.TooLarge tooLarge) {
      rejectedItems += batch.items();
      rejectedGroups++;
      largestRejected = Math.max(largestRejected, tooLarge.recordBytes());
      recordLimit = tooLarge.maxRecordBytes();
    }

    String rejectedMessage() {
      if (rejectedGroups == 0) {
        return "";
      }
      return rejectedItems
          + " "
          + signal.items()
          + " rejected: "
          + rejectedGroups
          + " resource group(s) larger than the record limit alone ("
          + largestRejected
          + " > "
          + recordLimit
          + " bytes)";
    }
  }
}
