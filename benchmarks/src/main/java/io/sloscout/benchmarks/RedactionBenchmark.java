package io.sloscout.benchmarks;

import io.sloscout.core.redaction.RedactionConfig;
import io.sloscout.core.redaction.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * PII redaction throughput on one core over a generated log corpus of exactly {@value
 * #CORPUS_BYTES} bytes (ASCII): application, JSON and access-log lines, about 5 % of them holding
 * PII or secrets. One operation is one byte, so the score in ops/us reads as MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(1)
public class RedactionBenchmark {

  /** Corpus size; a constant because JMH needs it at compile time. */
  static final int CORPUS_BYTES = 4_000_000;

  private List<String> lines;
  private Redactor placeholders;
  private Redactor pseudonyms;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    lines = RedactionCorpus.generate(CORPUS_BYTES, 0.05, new Random(42));
    placeholders = new Redactor(RedactionConfig.defaults());
    pseudonyms = new Redactor(RedactionConfig.defaults().withHmac(RedactionCorpus.benchmarkKey()));
    int changed = 0;
    for (String line : lines) {
      if (!placeholders.redactText(line).equals(line)) {
        changed++;
      }
    }
    System.err.printf(
        "%ncorpus: %d lines, %d bytes, %d redacted (%.1f %%)%n",
        lines.size(), CORPUS_BYTES, changed, 100.0 * changed / lines.size());
  }

  /** Typed placeholders, the default mode. */
  @Benchmark
  @OperationsPerInvocation(CORPUS_BYTES)
  public void placeholders(Blackhole bh) {
    for (String line : lines) {
      bh.consume(placeholders.redactText(line));
    }
  }

  /** Keyed HMAC-SHA256 pseudonyms. */
  @Benchmark
  @OperationsPerInvocation(CORPUS_BYTES)
  public void hmacPseudonyms(Blackhole bh) {
    for (String line : lines) {
      bh.consume(pseudonyms.redactText(line));
    }
  }

  /** With per-type counts, as the CLI and the Flink job call it. */
  @Benchmark
  @OperationsPerInvocation(CORPUS_BYTES)
  public void placeholdersWithCounts(Blackhole bh) {
    for (String line : lines) {
      bh.consume(placeholders.redact(line));
    }
  }

  /** A reproducible log corpus. */
  static final class RedactionCorpus {
    private RedactionCorpus() {}

    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
    private static final String[] SERVICES = {"checkout", "cart", "catalog", "payment", "auth"};
    private static final String[] ROUTES = {
      "/api/v1/orders/%d", "/api/v1/products/%d", "/api/v2/cart/%d/items", "/healthz", "/metrics"
    };

    static io.sloscout.core.redaction.HmacKey benchmarkKey() throws Exception {
      java.nio.file.Path f = java.nio.file.Files.createTempFile("bench", ".key");
      java.nio.file.Files.writeString(f, "benchmark-only-key-0123456789abcdef");
      f.toFile().deleteOnExit();
      return io.sloscout.core.redaction.HmacKey.fromFile(f);
    }

    /** Lines until exactly {@code bytes} bytes, counting one newline per line. */
    static List<String> generate(int bytes, double piiShare, Random rnd) {
      List<String> out = new ArrayList<>();
      int total = 0;
      while (total < bytes) {
        String line = rnd.nextDouble() < piiShare ? pii(rnd) : clean(rnd);
        if (total + line.length() + 1 > bytes) {
          int room = bytes - total - 1;
          line = room <= 0 ? "" : line.substring(0, Math.min(room, line.length()));
          line = line + "x".repeat(Math.max(0, room - line.length()));
        }
        out.add(line);
        total += line.length() + 1;
      }
      return out;
    }

    private static String clean(Random rnd) {
      String ts = timestamp(rnd);
      String svc = SERVICES[rnd.nextInt(SERVICES.length)];
      String route = ROUTES[rnd.nextInt(ROUTES.length)].formatted(rnd.nextInt(100000));
      String trace = hex(rnd, 32);
      String span = hex(rnd, 16);
      return switch (rnd.nextInt(6)) {
        case 0 ->
            ts
                + " "
                + level(rnd)
                + " [http-nio-8080-exec-"
                + rnd.nextInt(20)
                + "] io.shop."
                + svc
                + ".RequestLogger - GET "
                + route
                + " status=200 duration="
                + rnd.nextInt(900)
                + "ms trace_id="
                + trace
                + " span_id="
                + span;
        case 1 ->
            "{\"ts\":\""
                + ts
                + "\",\"level\":\""
                + level(rnd)
                + "\",\"service\":\""
                + svc
                + "\",\"msg\":\"order "
                + rnd.nextInt(1_000_000)
                + " reserved "
                + (1 + rnd.nextInt(5))
                + " items\",\"trace_id\":\""
                + trace
                + "\",\"span_id\":\""
                + span
                + "\",\"request_id\":\""
                + uuid(rnd)
                + "\"}";
        case 2 ->
            ts.replace('T', ' ').replace('Z', ' ').strip()
                + " "
                + level(rnd)
                + " "
                + svc
                + "-"
                + hex(rnd, 9)
                + "-"
                + hex(rnd, 5)
                + " cache miss for key product:"
                + rnd.nextInt(50000)
                + ", loaded in "
                + rnd.nextInt(300)
                + "ms (v1.4."
                + rnd.nextInt(9)
                + ")";
        case 3 ->
            ts
                + " "
                + level(rnd)
                + " "
                + svc
                + " retrying call to inventory:8080 attempt "
                + (1 + rnd.nextInt(3))
                + "/3 after "
                + rnd.nextInt(500)
                + "ms: deadline exceeded";
        case 4 ->
            ts
                + " "
                + level(rnd)
                + " kafka consumer group "
                + svc
                + "-events partition "
                + rnd.nextInt(12)
                + " offset "
                + (1_000_000L + rnd.nextInt(9_000_000))
                + " lag "
                + rnd.nextInt(100)
                + " at "
                + (1_714_000_000_000L + rnd.nextInt(1_000_000));
        default ->
            ts
                + " "
                + level(rnd)
                + " "
                + svc
                + " span "
                + span
                + " finished: POST "
                + route
                + " -> 201 in "
                + rnd.nextInt(90)
                + "."
                + rnd.nextInt(10)
                + "ms, user-agent=Mozilla/5.0";
      };
    }

    private static String pii(Random rnd) {
      String ts = timestamp(rnd);
      int n = rnd.nextInt(1000);
      return switch (rnd.nextInt(8)) {
        case 0 ->
            ts + " INFO user user" + n + "@example.com logged in from 10.1." + (n % 250) + ".7";
        case 1 ->
            "192.168."
                + (n % 250)
                + ".14 - - [01/May/2024:12:00:00 +0000] \"GET /cart HTTP/1.1\" 200 "
                + n;
        case 2 -> ts + " WARN payment declined for card 4111 1111 1111 1111 amount " + n + ".00";
        case 3 ->
            ts + " DEBUG POST /login body={\"user\":\"u" + n + "\",\"password\":\"pw" + n + "!\"}";
        case 4 -> ts + " INFO outbound call Authorization: Bearer " + hex(rnd, 40);
        case 5 -> ts + " INFO sms sent to +1 201-555-0" + (100 + n % 900) + " for order " + n;
        case 6 -> ts + " ERROR connect https://admin:pa55" + n + "@db.internal:5432/shop failed";
        default -> ts + " INFO refund to DE89 3704 0044 0532 0130 00 ssn 123-45-6789";
      };
    }

    private static String level(Random rnd) {
      return LEVELS[rnd.nextInt(LEVELS.length)];
    }

    private static String timestamp(Random rnd) {
      return "2024-05-%02dT%02d:%02d:%02d.%03dZ"
          .formatted(
              1 + rnd.nextInt(28),
              rnd.nextInt(24),
              rnd.nextInt(60),
              rnd.nextInt(60),
              rnd.nextInt(1000));
    }

    private static String hex(Random rnd, int len) {
      StringBuilder sb = new StringBuilder(len);
      for (int i = 0; i < len; i++) {
        sb.append(Character.forDigit(rnd.nextInt(16), 16));
      }
      return sb.toString();
    }

    private static String uuid(Random rnd) {
      return new java.util.UUID(rnd.nextLong(), rnd.nextLong()).toString();
    }
  }
}
