package io.sloscout.flink;

import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.testing.KafkaIo;
import io.sloscout.flink.testing.Otlp;
import io.sloscout.flink.testing.ShopTraffic;
import io.sloscout.flink.testing.TestStack;
import io.sloscout.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Throughput and end-to-end lag of the redact-fingerprint and journeys jobs on a MiniCluster on
 * this machine, against the real broker, PostgreSQL and S3Proxy. Prints figures; asserts nothing.
 *
 * <pre>
 * cd flink-jobs
 * mvn -o -Dbuild.out=target-flink test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target-flink/test.cp
 * java -Xmx3g -Djava.io.tmpdir=target-flink -Dai.djl.offline=true \
 *     -cp target-flink/test-classes:target-flink/classes:$(cat target-flink/test.cp) \
 *     io.sloscout.flink.PipelineBenchmark 2000 10 2
 * </pre>
 *
 * Arguments: [requests per minute of traffic, default 2000] [minutes, default 10] [parallelism,
 * default 2] [lag-phase rate in events/s, default: a tenth of the slower job's throughput].
 */
public final class PipelineBenchmark {

  private PipelineBenchmark() {}

  public static void main(String[] args) throws Exception {
    int perMinute = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    PipelineConfig base = TestStack.newConfig("bench").withParallelism(parallelism);
    PipelineConfig bounded = base.withKafka(base.kafka().withBounded(true));
    String bootstrap = base.kafka().bootstrapServers();

    // throughput: a backlog on the raw topics, each job run over it on its own
    ShopTraffic traffic =
        new ShopTraffic()
            .requests(System.currentTimeMillis() - minutes * 60_000L, minutes, perMinute, 1);
    List<Map.Entry<String, byte[]>> traces = traffic.traceRequests(50);
    List<Map.Entry<String, byte[]>> logs = traffic.logRequests(50);
    long spans = 0;
    for (var t : traces) {
      spans +=
          io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.parseFrom(
                  t.getValue())
              .getResourceSpans(0)
              .getScopeSpans(0)
              .getSpansCount();
    }
    long events = spans + traffic.logCount();
    KafkaIo.send(bootstrap, base.kafka().spansTopic(), traces);
    KafkaIo.send(bootstrap, base.kafka().logsTopic(), logs);
    traffic = null;
    traces = null;
    logs = null;
    System.out.printf(
        Locale.ROOT,
        "backlog: %d spans + %d log records = %d events, parallelism %d%n",
        spans,
        events - spans,
        events,
        parallelism);

    LocalCluster cluster = TestStack.cluster();
    double redactRate = run(cluster, FlinkJob.REDACT_FINGERPRINT, bounded, events, "events");
    double journeyRate = run(cluster, FlinkJob.JOURNEYS, bounded, spans, "spans");

    // lag: both jobs live, traffic at a fixed rate with event time = now; a new log template and a
    // new journey now and then, timed from the write to Kafka until their row is in the database
    int rate =
        args.length > 3 ? Integer.parseInt(args[3]) : (int) Math.min(redactRate, journeyRate) / 10;
    PipelineConfig live = TestStack.newConfig("bench-live").withParallelism(parallelism);
    JobID redact = cluster.submit(FlinkJob.REDACT_FINGERPRINT, live, null);
    JobID journeys = cluster.submit(FlinkJob.JOURNEYS, live, null);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong sent = new AtomicLong();
    Thread load = new Thread(() -> steadyLoad(live, rate, stop, sent), "bench-load");
    load.start();
    Thread.sleep(5_000); // jobs up, event time moving
    List<Long> templateLag = new ArrayList<>();
    List<Long> journeyLag = new ArrayList<>();
    try (Database db = Database.open(TestStack.databaseConfig(live));
        KafkaProducer<String, byte[]> producer = KafkaIo.producer(bootstrap)) {
      Random random = new Random(7);
      for (int probe = 0; probe < 10; probe++) {
        String words = word(random) + " " + word(random) + " " + word(random);
        long now = System.currentTimeMillis();
        producer
            .send(
                new ProducerRecord<>(
                    live.kafka().logsTopic(),
                    "probe",
                    Otlp.logs(
                        "probe",
                        List.of(
                            Otlp.log(now * 1_000_000, 9, "probe " + words + " reached", null)))))
            .get();
        String route = "/probe-" + word(random);
        producer
            .send(
                new ProducerRecord<>(
                    live.kafka().spansTopic(),
                    "probe",
                    Otlp.traces(
                        "probe",
                        List.of(
                            Otlp.span(
                                Otlp.traceId(900_000_000L + probe),
                                Otlp.spanId(probe, 0),
                                null,
                                "GET " + route,
                                io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER,
                                now * 1_000_000,
                                1_000_000,
                                false,
                                Map.of("http.request.method", "GET", "http.route", route))))))
            .get();
        long written = System.currentTimeMillis();
        templateLag.add(
            awaitRow(
                db,
                "SELECT 1 FROM templates WHERE template LIKE ?",
                "probe " + words + "%",
                written));
        journeyLag.add(
            awaitRow(
                db, "SELECT 1 FROM journeys WHERE entry_operation = ?", "GET " + route, written));
      }
    } finally {
      stop.set(true);
      load.join();
      cluster.cancel(redact);
      cluster.cancel(journeys);
    }
    System.out.printf(
        Locale.ROOT,
        "lag at %d events/s (%d sent): template row p50 %d ms, max %d ms;"
            + " journey row p50 %d ms, max %d ms (journeys wait the %s inactivity gap + %s out-of-orderness)%n",
        rate,
        sent.get(),
        median(templateLag),
        max(templateLag),
        median(journeyLag),
        max(journeyLag),
        live.journeys().inactivityGap(),
        live.eventTime().outOfOrderness());
    System.exit(0);
  }

  private static double run(
      LocalCluster cluster, FlinkJob job, PipelineConfig config, long items, String what) {
    long t0 = System.nanoTime();
    JobID id = cluster.submit(job, config, null);
    PipelineEndToEndTest.assertSucceeded(cluster.await(id, Duration.ofMinutes(30)));
    double seconds = (System.nanoTime() - t0) / 1e9;
    double rate = items / seconds;
    System.out.printf(
        Locale.ROOT,
        "%s: %d %s in %.1f s (job start to finish, incl. ~2-3 s start-up) = %.0f %s/s%n",
        job.jobName(),
        items,
        what,
        seconds,
        rate,
        what);
    return rate;
  }

  /** Shop traffic at {@code rate} events a second, in 100 ms slices, event time = now. */
  private static void steadyLoad(
      PipelineConfig config, int rate, AtomicBoolean stop, AtomicLong sent) {
    long trace = 1_000_000;
    try (KafkaProducer<String, byte[]> producer =
        KafkaIo.producer(config.kafka().bootstrapServers())) {
      // one request pair makes ~7.3 events (5.2 spans, 2.1 logs)
      int pairsPerSlice = Math.max(1, rate / 73);
      while (!stop.get()) {
        long sliceStart = System.currentTimeMillis();
        ShopTraffic t = new ShopTraffic();
        t.requests(sliceStart - Math.floorMod(sliceStart, 60_000L), 1, pairsPerSlice, trace);
        trace += pairsPerSlice * 3L;
        // shift event time to now: the generator spreads a minute's requests over the minute
        for (var r : t.traceRequests(50)) {
          producer.send(
              new ProducerRecord<>(
                  config.kafka().spansTopic(), r.getKey(), shift(r.getValue(), sliceStart)));
        }
        for (var r : t.logRequests(50)) {
          producer.send(
              new ProducerRecord<>(
                  config.kafka().logsTopic(), r.getKey(), shiftLogs(r.getValue(), sliceStart)));
        }
        sent.addAndGet(pairsPerSlice * 73L / 10);
        long sleep = 100 - (System.currentTimeMillis() - sliceStart);
        if (sleep > 0) {
          Thread.sleep(sleep);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The request with every span moved to start at {@code startMillis}, keeping durations. */
  private static byte[] shift(byte[] request, long startMillis) throws Exception {
    var req =
        io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.parseFrom(request)
            .toBuilder();
    for (var rs : req.getResourceSpansBuilderList()) {
      for (var ss : rs.getScopeSpansBuilderList()) {
        for (var s : ss.getSpansBuilderList()) {
          long d = s.getEndTimeUnixNano() - s.getStartTimeUnixNano();
          long offset = Math.floorMod(s.getStartTimeUnixNano() / 1_000_000, 1_000L);
          s.setStartTimeUnixNano((startMillis + offset) * 1_000_000)
              .setEndTimeUnixNano((startMillis + offset) * 1_000_000 + d);
        }
      }
    }
    return req.build().toByteArray();
  }

  /** The request with every log record moved to {@code startMillis}. */
  private static byte[] shiftLogs(byte[] request, long startMillis) throws Exception {
    var req =
        io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest.parseFrom(request)
            .toBuilder();
    for (var rl : req.getResourceLogsBuilderList()) {
      for (var sl : rl.getScopeLogsBuilderList()) {
        for (var l : sl.getLogRecordsBuilderList()) {
          l.setTimeUnixNano(
              startMillis * 1_000_000 + Math.floorMod(l.getTimeUnixNano(), 1_000_000_000L));
        }
      }
    }
    return req.build().toByteArray();
  }

  private static long awaitRow(Database db, String sql, String value, long writtenMillis)
      throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, value);
      while (System.currentTimeMillis() < deadline) {
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            return System.currentTimeMillis() - writtenMillis;
          }
        }
        Thread.sleep(20);
      }
    }
    return -1;
  }

  private static String word(Random random) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      sb.append((char) ('a' + random.nextInt(26)));
    }
    return sb.toString();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  private static long max(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).max().orElse(-1);
  }
}
