package io.sloscout.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.testing.KafkaIo;
import io.sloscout.flink.testing.ShopTraffic;
import io.sloscout.flink.testing.TestStack;
import io.sloscout.storage.Database;
import io.sloscout.storage.JourneyMinute;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;

/**
 * A journeys job cancelled mid-stream after a completed savepoint, and resumed from it, replays
 * what came after the checkpoint: the per-minute request counts in the database equal the input
 * exactly, including minutes written before the cancel and written again by the replay.
 */
class JobRestoreTest {

  private static final Instant START = Instant.parse("2025-07-01T08:00:00Z");
  private static final int PER_MINUTE = 8;

  @Test
  void aJobResumedFromItsCheckpointNeitherLosesNorDoubleCounts() throws Exception {
    PipelineConfig config = TestStack.newConfig("restore");
    String bootstrap = config.kafka().bootstrapServers();
    String spans = config.kafka().spansTopic();
    LocalCluster cluster = TestStack.cluster();
    ShopTraffic traffic = new ShopTraffic();
    try (Database db = Database.open(TestStack.databaseConfig(config))) {
      // batch A: minutes 0 and 1
      traffic.requests(START.toEpochMilli(), 2, PER_MINUTE, 1);
      KafkaIo.send(bootstrap, spans, traffic.traceRequests(5));
      traffic.clearRecords();
      JobID first = cluster.submit(FlinkJob.JOURNEYS, config, null);
      // minute 0 is written once batch A's later spans moved event time past it
      awaitTrue(() -> running(cluster, first) && requests(db, 0) == PER_MINUTE, "minute 0 written");
      // a savepoint: unlike a periodic checkpoint, no later checkpoint subsumes it
      String checkpoint =
          cluster.savepoint(first, config.checkpoints().directory() + "/savepoints");

      // batch B, after the checkpoint: minutes 2 and 3; wait until the job wrote minute 2 from
      // it, so the restored job must write minute 2 again without counting it twice
      traffic.requests(START.plusSeconds(120).toEpochMilli(), 2, PER_MINUTE, 10_000);
      KafkaIo.send(bootstrap, spans, traffic.traceRequests(5));
      traffic.clearRecords();
      awaitTrue(
          () -> running(cluster, first) && requests(db, 2) == PER_MINUTE,
          "minute 2 written before the cancel");
      cluster.cancel(first);

      JobID second = cluster.submit(FlinkJob.JOURNEYS, config, checkpoint);
      // batch C: minutes 4 and 5, which move event time past minute 3
      traffic.requests(START.plusSeconds(240).toEpochMilli(), 2, PER_MINUTE, 20_000);
      KafkaIo.send(bootstrap, spans, traffic.traceRequests(5));
      Map<Long, Long> expected = new TreeMap<>(traffic.expected().get(ShopTraffic.PRODUCT_JOURNEY));
      // the last minute stays open until event time passes it; compare the closed ones
      expected.remove(START.plusSeconds(300).toEpochMilli());
      awaitTrue(
          () -> running(cluster, second) && requests(db, 4) == PER_MINUTE,
          "minute 4 written after the restore");
      cluster.cancel(second);

      Map<Long, Long> actual = new TreeMap<>();
      for (JourneyMinute m :
          db.journeys()
              .series(ShopTraffic.PRODUCT_JOURNEY, START, START.plus(Duration.ofMinutes(5)))) {
        actual.put(m.minute().toEpochMilli(), m.red().requests());
      }
      assertThat(actual).isEqualTo(expected);
    }
  }

  /** True while the job runs; a job that ended fails the test with its error. */
  private static boolean running(LocalCluster cluster, JobID job) {
    if (cluster.status(job).isGloballyTerminalState()) {
      PipelineEndToEndTest.assertSucceeded(cluster.await(job, Duration.ofSeconds(10)));
      throw new AssertionError("job " + job + " ended early");
    }
    return true;
  }

  private static long requests(Database db, int minute) {
    Instant at = START.plus(Duration.ofMinutes(minute));
    return db.journeys().series(ShopTraffic.PRODUCT_JOURNEY, at, at.plusSeconds(60)).stream()
        .mapToLong(m -> m.red().requests())
        .sum();
  }

  static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(200);
    }
  }
}
