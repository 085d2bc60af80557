package io.sloscout.benchmarks;

import io.sloscout.core.generation.ArtifactGenerator;
import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.plan.OutputFolder;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.SpecSet;
import io.sloscout.core.spec.load.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code slo-scout generate} costs for 1,000 SLOs over 50 services: in memory (generators
 * only), and end to end (read the YAML files, generate, write the output folder).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class GenerateBenchmark {

  @Param({"1000"})
  int slos;

  private Path specDir;
  private Path outDir;
  private List<Slo> loaded;
  private final GenerationOptions options = GenerationOptions.defaults();

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    specDir = Files.createTempDirectory("slo-bench-specs");
    outDir = Files.createTempDirectory("slo-bench-out");
    SyntheticSpecs.write(specDir, slos, 50);
    SpecSet set = new SpecLoader().load(List.of(specDir));
    if (set.hasErrors() || set.slos().size() != slos) {
      throw new IllegalStateException(
          "synthetic specs did not load: " + set.slos().size() + " SLOs, " + set.errors());
    }
    loaded = set.slos();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    delete(specDir);
    delete(outDir);
  }

  /** Generators only: 1,000 SLOs already in memory. */
  @Benchmark
  public SortedMap<String, String> generateInMemory() {
    return new ArtifactGenerator(options).generate(loaded);
  }

  /** What a user waits for: load the YAML files, generate, write the folder. */
  @Benchmark
  public int loadGenerateWrite() throws IOException {
    SpecSet set = new SpecLoader().load(List.of(specDir));
    SortedMap<String, String> files = new ArtifactGenerator(options).generate(set.slos());
    delete(outDir);
    new OutputFolder(outDir).write(files);
    return files.size();
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Writes realistic specs in the native and Sloth formats. */
  static final class SyntheticSpecs {
    private SyntheticSpecs() {}

    static void write(Path dir, int count, int services) throws IOException {
      int perService = (count + services - 1) / services;
      int made = 0;
      for (int s = 0; s < services && made < count; s++) {
        StringBuilder sb = new StringBuilder();
        String service = "svc-" + s;
        for (int i = 0; i < perService && made < count; i++, made++) {
          sb.append("---\n");
          if (i % 3 == 2) {
            sb.append(latency(service, i));
          } else {
            sb.append(ratio(service, i));
          }
        }
        Files.writeString(dir.resolve(service + ".yaml"), sb.toString(), StandardCharsets.UTF_8);
      }
    }

    private static String ratio(String service, int i) {
      return """
          apiVersion: slo-scout.io/v1
          kind: ServiceLevelObjective
          metadata:
            name: route-%d-availability
            labels: {team: team-%d}
          spec:
            service: %s
            tier: %s
            indicator:
              type: ratio
              ratio:
                bad: {metric: http_requests_total, matchers: 'job="%s",route="/r%d",code=~"5.."'}
                total: {metric: http_requests_total, matchers: 'job="%s",route="/r%d"'}
            objectives:
              - {target: %s, window: 30d}
          """
          .formatted(
              i,
              i % 7,
              service,
              i % 2 == 0 ? "critical" : "standard",
              service,
              i,
              service,
              i,
              i % 2 == 0 ? "0.999" : "0.995");
    }

    private static String latency(String service, int i) {
      return """
          apiVersion: slo-scout.io/v1
          kind: ServiceLevelObjective
          metadata:
            name: route-%d-latency
          spec:
            service: %s
            indicator:
              type: latency
              latency:
                metric: http_request_duration_seconds
                matchers: 'job="%s",route="/r%d"'
                threshold: 250ms
            objectives:
              - {target: 0.99, window: 28d}
          """
          .formatted(i, service, service, i);
    }
  }
}
