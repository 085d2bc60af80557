package io.sloscout.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.testing.KafkaIo;
import io.sloscout.flink.testing.ShopTraffic;
import io.sloscout.flink.testing.TestStack;
import io.sloscout.storage.Database;
import io.sloscout.storage.TemplateCount;
import io.sloscout.storage.TemplateRow;
import io.sloscout.storage.archive.ArchiveKey;
import io.sloscout.storage.archive.ObjectArchive;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;

/**
 * A redact-fingerprint job cancelled after a completed checkpoint and resumed from its latest
 * retained checkpoint: per-minute template counts equal the input, and the archive holds every
 * event exactly once (its parts are uploaded only for complete checkpoints, under names a replay
 * reuses).
 */
class FingerprintRestoreTest {

  private static final Instant START = Instant.parse("2025-09-01T06:00:00Z");
  private static final int PER_MINUTE = 6;

  @Test
  void countsAndArchiveStayExactAcrossACancelAndRestore() throws Exception {
    PipelineConfig config = TestStack.newConfig("fp-restore");
    String bootstrap = config.kafka().bootstrapServers();
    LocalCluster cluster = TestStack.cluster();
    ShopTraffic traffic = new ShopTraffic();
    long events = 0;
    try (Database db = Database.open(TestStack.databaseConfig(config));
        ObjectArchive archive = ObjectArchive.open(TestStack.archiveConfig(config))) {
      events += send(config, traffic.requests(START.toEpochMilli(), 2, PER_MINUTE, 1));
      JobID first = cluster.submit(FlinkJob.REDACT_FINGERPRINT, config, null);
      JobRestoreTest.awaitTrue(() -> count(db, 0) == PER_MINUTE, "minute 0 counted");
      events +=
          send(
              config,
              traffic.requests(START.plusSeconds(120).toEpochMilli(), 2, PER_MINUTE, 10_000));
      JobRestoreTest.awaitTrue(() -> count(db, 2) == PER_MINUTE, "minute 2 counted");
      cluster.cancel(first);
      Optional<String> checkpoint =
          LocalCluster.latestCheckpoint(config.checkpoints().directory(), first);
      assertThat(checkpoint).isPresent();

      JobID second = cluster.submit(FlinkJob.REDACT_FINGERPRINT, config, checkpoint.get());
      events +=
          send(
              config,
              traffic.requests(START.plusSeconds(240).toEpochMilli(), 2, PER_MINUTE, 20_000));
      JobRestoreTest.awaitTrue(
          () -> count(db, 4) == PER_MINUTE, "minute 4 counted after the restore");
      long expected = events;
      JobRestoreTest.awaitTrue(() -> archived(archive) >= expected, "every event archived");
      cluster.cancel(second);

      for (int minute = 0; minute < 5; minute++) {
        assertThat(count(db, minute)).as("minute %d", minute).isEqualTo(PER_MINUTE);
      }
      assertThat(archived(archive)).isEqualTo(expected);
    }
  }

  private static long send(PipelineConfig config, ShopTraffic traffic) {
    var traces = traffic.traceRequests(5);
    var logs = traffic.logRequests(5);
    KafkaIo.send(config.kafka().bootstrapServers(), config.kafka().spansTopic(), traces);
    KafkaIo.send(config.kafka().bootstrapServers(), config.kafka().logsTopic(), logs);
    long n = 0;
    for (var l : logs) {
      try {
        n +=
            io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest.parseFrom(
                    l.getValue())
                .getResourceLogs(0)
                .getScopeLogs(0)
                .getLogRecordsCount();
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new IllegalStateException(e);
      }
    }
    for (var t : traces) {
      try {
        n +=
            io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.parseFrom(
                    t.getValue())
                .getResourceSpans(0)
                .getScopeSpans(0)
                .getSpansCount();
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new IllegalStateException(e);
      }
    }
    traffic.clearRecords();
    return n;
  }

  /** Messages of the "rendered product page" template in minute {@code minute}. */
  private static long count(Database db, int minute) {
    Optional<TemplateRow> rendered =
        db.templates().byService("frontend").stream()
            .filter(t -> t.template().startsWith("rendered product page"))
            .findFirst();
    if (rendered.isEmpty()) {
      return 0;
    }
    Instant at = START.plus(Duration.ofMinutes(minute));
    List<TemplateCount> counts =
        db.templates().counts(rendered.get().templateId(), at, at.plusSeconds(60));
    return counts.stream().mapToLong(TemplateCount::count).sum();
  }

  private static long archived(ObjectArchive archive) {
    long n = 0;
    for (String service : List.of("frontend", "catalog", "payment")) {
      for (ArchiveKey key : archive.list(service)) {
        n += archive.read(key).size();
      }
    }
    return n;
  }
}
