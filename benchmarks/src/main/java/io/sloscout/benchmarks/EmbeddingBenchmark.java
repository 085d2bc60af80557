package io.sloscout.benchmarks;

import io.sloscout.core.search.TemplateSearch;
import io.sloscout.embeddings.DjlEmbedder;
import io.sloscout.embeddings.DjlEmbedderConfig;
import io.sloscout.embeddings.MiniLmWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Templates embedded per second by all-MiniLM-L6-v2 on ONNX Runtime, one at a time and in batches
 * of 32, with full and int8 weights. The score is templates/s: each operation is one template.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EmbeddingBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class EmbeddingBenchmark {

  private static final int BATCH = 32;

  @Param({"FP32", "INT8"})
  MiniLmWeights weights;

  @Param({"2"})
  int threads;

  private DjlEmbedder embedder;
  private List<String> templates;
  private int next;

  @Setup(Level.Trial)
  public void load() {
    embedder =
        DjlEmbedder.open(
            DjlEmbedderConfig.defaults()
                .withWeights(weights)
                .withIntraOpThreads(threads)
                .withBatchSize(BATCH));
    templates = new ArrayList<>();
    for (String template : TEMPLATES) {
      templates.add(TemplateSearch.embeddingText(template));
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    embedder.close();
  }

  @Benchmark
  public void batchOf1(Blackhole hole) {
    hole.consume(embedder.embed(List.of(nextTemplate())));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void batchOf32(Blackhole hole) {
    List<String> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(nextTemplate());
    }
    hole.consume(embedder.embed(batch));
  }

  private String nextTemplate() {
    String template = templates.get(next);
    next = (next + 1) % templates.size();
    return template;
  }

  /** Log, span and route templates of the kind the fingerprinter emits. */
  private static final List<String> TEMPLATES =
      List.of(
          "Payment <*> declined by issuer: insufficient funds",
          "Payment <*> captured for order <*> amount <*> EUR",
          "Refund <*> issued to customer <*>",
          "Checkout session <*> started for cart <*>",
          "Order <*> placed with <*> items",
          "Item <*> added to cart <*>",
          "Cart <*> expired after <*> minutes of inactivity",
          "User <*> logged in from <IP>",
          "Invalid password for user <*>, attempt <*> of <*>",
          "JWT token expired for session <*>",
          "Stock level for SKU <*> below threshold <*>",
          "Reserved <*> units of SKU <*> for order <*>",
          "Shipment <*> handed to carrier <*>",
          "Address validation failed for postcode <*>",
          "Connection pool exhausted: <*> active, <*> waiting",
          "Slow query took <*> ms: SELECT * FROM orders WHERE id = <*>",
          "Disk usage at <*> percent on volume <*>",
          "GC pause of <*> ms exceeded budget",
          "GET <*> returned 503 Service Unavailable upstream <*>",
          "Rate limit exceeded for client <*>",
          "Email receipt for order <*> queued",
          "Received block <*> of size <*> from <*>",
          "PacketResponder <*> for block <*> terminating",
          "Failed to connect to kafka broker <*>: connection refused",
          "Retrying request <*> after <*> ms (attempt <*>)",
          "TLS handshake with <*> failed: certificate expired",
          "Cache miss for key <*>, loading from origin",
          "Scheduled job <*> finished in <*> s",
          "POST /api/v1/orders/<*>/cancel",
          "GET /product/<*>",
          "grpc.health.v1.Health/Check",
          "Worker <*> crashed with exit code <*>, restarting");
}
