package io.sloscout.flink;

import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.jobs.EmbedJob;
import io.sloscout.flink.jobs.JourneysJob;
import io.sloscout.flink.jobs.RedactFingerprintJob;
import java.util.function.BiConsumer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The three jobs, by the name {@link JobMain} takes. */
public enum FlinkJob {
  REDACT_FINGERPRINT(RedactFingerprintJob.NAME, RedactFingerprintJob::build),
  JOURNEYS(JourneysJob.NAME, JourneysJob::build),
  EMBED(EmbedJob.NAME, EmbedJob::build);

  private final String jobName;
  private final BiConsumer<StreamExecutionEnvironment, PipelineConfig> builder;

  FlinkJob(String jobName, BiConsumer<StreamExecutionEnvironment, PipelineConfig> builder) {
    this.jobName = jobName;
    this.builder = builder;
  }

  /** The name on the command line and in Flink ({@code redact-fingerprint}). */
  public String jobName() {
    return jobName;
  }

  /** Adds the job's operators to {@code env}. */
  public void build(StreamExecutionEnvironment env, PipelineConfig config) {
    builder.accept(env, config);
  }

  /** The job called {@code name}. */
  public static FlinkJob byName(String name) {
    for (FlinkJob j : values()) {
      if (j.jobName.equals(name)) {
        return j;
      }
    }
    throw new IllegalArgumentException(
        "unknown job '" + name + "' (redact-fingerprint, journeys or embed)");
  }
}
