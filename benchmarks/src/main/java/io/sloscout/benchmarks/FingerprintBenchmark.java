package io.sloscout.benchmarks;

import io.sloscout.core.fingerprint.Match;
import io.sloscout.core.fingerprint.TemplateMiner;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lines per second that one {@link TemplateMiner} fingerprints on one thread, over a mix of
 * realistic service log lines and span names (ids, IPs, durations, UUIDs, paths, key=value pairs,
 * free-form user names), in steady state: the miner keeps learning from every line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class FingerprintBenchmark {

  private static final int LINES = 1 << 16;

  private String[] lines;
  private TemplateMiner miner;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    lines = generate(LINES, 42);
    miner = new TemplateMiner();
  }

  /** One line through {@link TemplateMiner#add(String)}; the score is lines per second. */
  @Benchmark
  public Match add() {
    String line = lines[next];
    next = (next + 1) & (LINES - 1);
    return miner.add(line);
  }

  /** {@code n} log lines from about 40 templates with random values, the same for one seed. */
  static String[] generate(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] users = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "root"};
    String[] methods = {"GET", "POST", "PUT", "DELETE"};
    String[] services = {"checkout", "cart", "payment", "inventory", "shipping", "auth"};
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(40);
      String svc = services[r.nextInt(services.length)];
      out[i] =
          switch (kind % 20) {
            case 0 ->
                methods[r.nextInt(4)]
                    + " /api/v1/"
                    + svc
                    + "/"
                    + r.nextInt(100_000)
                    + " completed in "
                    + r.nextInt(900)
                    + " ms status="
                    + (r.nextInt(10) == 0 ? 500 : 200);
            case 1 ->
                "Accepted connection from "
                    + ip(r)
                    + ":"
                    + (1024 + r.nextInt(60_000))
                    + " to "
                    + svc
                    + "-"
                    + r.nextInt(8)
                    + ".svc.cluster.local";
            case 2 -> "User " + users[r.nextInt(users.length)] + " logged in from " + ip(r);
            case 3 ->
                "Failed password for "
                    + users[r.nextInt(users.length)]
                    + " from "
                    + ip(r)
                    + " port "
                    + r.nextInt(65_536)
                    + " ssh2";
            case 4 ->
                "order "
                    + uuid(r)
                    + " placed by customer "
                    + r.nextInt(1_000_000)
                    + " total="
                    + r.nextInt(50_000) / 100.0
                    + " currency=EUR items="
                    + r.nextInt(9);
            case 5 ->
                "payment declined for order "
                    + uuid(r)
                    + ": card issuer returned code "
                    + (51 + r.nextInt(10));
            case 6 ->
                "Received block blk_"
                    + r.nextLong()
                    + " of size "
                    + r.nextInt(1 << 26)
                    + " from /"
                    + ip(r);
            case 7 -> "Cache miss for key product:" + r.nextInt(10_000) + " in region " + svc;
            case 8 ->
                "GC pause (G1 Evacuation Pause) young "
                    + r.nextInt(400)
                    + "M->"
                    + r.nextInt(200)
                    + "M("
                    + r.nextInt(2048)
                    + "M) "
                    + r.nextInt(80)
                    + "."
                    + r.nextInt(1000)
                    + "ms";
            case 9 ->
                "Retrying request to http://"
                    + svc
                    + ":8080/internal/health attempt "
                    + r.nextInt(5)
                    + " of 5 after "
                    + r.nextInt(3000)
                    + "ms";
            case 10 -> "span " + methods[r.nextInt(4)] + " /product/" + r.nextInt(5000);
            case 11 ->
                "Kafka consumer group "
                    + svc
                    + "-consumers rebalanced: partitions=["
                    + r.nextInt(12)
                    + ","
                    + r.nextInt(12)
                    + "] generation="
                    + r.nextInt(500);
            case 12 ->
                "Connection pool exhausted: active="
                    + r.nextInt(64)
                    + " idle=0 waiting="
                    + r.nextInt(200)
                    + " max=64";
            case 13 ->
                "Slow query took "
                    + r.nextInt(10_000)
                    + " ms: SELECT * FROM orders WHERE"
                    + " customer_id = ? LIMIT 50";
            case 14 ->
                "Scheduled job cleanup-sessions finished, removed "
                    + r.nextInt(10_000)
                    + " sessions in "
                    + r.nextInt(5000) / 100.0
                    + " s";
            case 15 ->
                "TLS handshake failed with "
                    + ip(r)
                    + ": certificate expired at 2025-0"
                    + (1 + r.nextInt(9))
                    + "-1"
                    + r.nextInt(10)
                    + "T0"
                    + r.nextInt(10)
                    + ":00:00Z";
            case 16 ->
                "Container "
                    + Long.toHexString(r.nextLong())
                    + " OOMKilled (limit "
                    + (256 << r.nextInt(3))
                    + "Mi)";
            case 17 ->
                "session "
                    + r.nextInt(1 << 30)
                    + " closed for user "
                    + users[r.nextInt(users.length)];
            case 18 ->
                "Loaded configuration from /etc/sloscout/"
                    + svc
                    + ".yaml in "
                    + r.nextInt(100)
                    + " ms";
            default ->
                "Heartbeat from node-"
                    + r.nextInt(32)
                    + " lag="
                    + r.nextInt(1000)
                    + "ms healthy="
                    + (r.nextInt(20) != 0);
          };
      if (kind >= 20) {
        out[i] = out[i] + " trace_id=" + Long.toHexString(r.nextLong());
      }
    }
    return out;
  }

  private static String ip(SplittableRandom r) {
    return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
  }

  private static String uuid(SplittableRandom r) {
    String h =
        Long.toHexString(r.nextLong() | Long.MIN_VALUE)
            + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-"
        + h.substring(12, 16)
        + "-"
        + h.substring(16, 20)
        + "-"
        + h.substring(20, 32);
  }
}
