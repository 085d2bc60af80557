package io.sloscout.flink;

import io.sloscout.flink.config.ConfigLoader;
import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.jobs.FlinkSettings;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs one job: {@code JobMain <redact-fingerprint|journeys|embed> [--local] [--config FILE]
 * [--restore PATH]}. With {@code --local} on a MiniCluster in this JVM; otherwise on the cluster of
 * the environment (the {@code flink run} client, or the Flink Kubernetes Operator). Configuration:
 * the built-in defaults, then {@code --config}, then {@code SLO_SCOUT_*} environment variables.
 * Exit code 2 on a usage or configuration error.
 */
public final class JobMain {

  private JobMain() {}

  public static void main(String[] args) throws Exception {
    Args parsed;
    PipelineConfig config;
    try {
      parsed = Args.parse(args);
      config = ConfigLoader.load(parsed.config(), System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("slo-scout-flink-jobs: " + e.getMessage());
      System.err.println(
          "usage: JobMain <redact-fingerprint|journeys|embed> [--local] [--config FILE]"
              + " [--restore PATH]");
      System.exit(2);
      return;
    }
    Configuration conf = FlinkSettings.of(config, parsed.restore());
    if (parsed.local()) {
      // the clients shared in the JVM (OkHttp's threads under the MinIO SDK) outlive a task
      conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
    }
    StreamExecutionEnvironment env =
        parsed.local()
            ? StreamExecutionEnvironment.createLocalEnvironment(conf)
            : StreamExecutionEnvironment.getExecutionEnvironment(conf);
    parsed.job().build(env, config);
    env.execute(parsed.job().jobName());
  }

  /** The parsed command line. */
  record Args(FlinkJob job, boolean local, Path config, String restore) {
    static Args parse(String[] args) {
      FlinkJob job = null;
      boolean local = false;
      Path config = null;
      String restore = null;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--local" -> local = true;
          case "--config" -> config = Path.of(value(args, ++i, "--config"));
          case "--restore" -> restore = value(args, ++i, "--restore");
          default -> {
            if (args[i].startsWith("-") || job != null) {
              throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            job = FlinkJob.byName(args[i]);
          }
        }
      }
      if (job == null) {
        throw new IllegalArgumentException("which job? redact-fingerprint, journeys or embed");
      }
      return new Args(job, local, config, restore);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }
}
