package io.sloscout.flink;

import io.sloscout.flink.config.PipelineConfig;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;

/**
 * All three jobs on one MiniCluster in this JVM: the Flink part of the all-in-one mode. The servers
 * it talks to (Kafka, PostgreSQL, S3) are started by the caller; the configuration says where they
 * are.
 *
 * <pre>{@code
 * try (LocalPipeline pipeline = LocalPipeline.start(config)) {
 *   ... // until shutdown
 * }
 * }</pre>
 */
public final class LocalPipeline implements AutoCloseable {

  private final LocalCluster cluster;
  private final Map<FlinkJob, JobID> jobs = new EnumMap<>(FlinkJob.class);

  private LocalPipeline(LocalCluster cluster) {
    this.cluster = cluster;
  }

  /** Starts a MiniCluster and submits every job. */
  public static LocalPipeline start(PipelineConfig config) {
    return start(config, List.of(FlinkJob.values()));
  }

  /** Starts a MiniCluster and submits {@code which}. */
  public static LocalPipeline start(PipelineConfig config, List<FlinkJob> which) {
    LocalCluster cluster = LocalCluster.start(config.parallelism() * Math.max(1, which.size()));
    LocalPipeline pipeline = new LocalPipeline(cluster);
    try {
      for (FlinkJob job : which) {
        pipeline.jobs.put(job, cluster.submit(job, config, null));
      }
      return pipeline;
    } catch (RuntimeException e) {
      pipeline.close();
      throw e;
    }
  }

  /** The id of a running job. */
  public JobID jobId(FlinkJob job) {
    JobID id = jobs.get(job);
    if (id == null) {
      throw new IllegalArgumentException(job.jobName() + " is not part of this pipeline");
    }
    return id;
  }

  /** The status of a job. */
  public JobStatus status(FlinkJob job) {
    return cluster.status(jobId(job));
  }

  /** Whether every job is running (the readiness of the embedded mode). */
  public boolean running() {
    for (JobID id : jobs.values()) {
      if (cluster.status(id) != JobStatus.RUNNING) {
        return false;
      }
    }
    return true;
  }

  /** The cluster, to checkpoint or stop jobs. */
  public LocalCluster cluster() {
    return cluster;
  }

  /** Cancels the jobs and stops the cluster. */
  @Override
  public void close() {
    for (JobID id : jobs.values()) {
      try {
        JobStatus s = cluster.status(id);
        if (!s.isGloballyTerminalState()) {
          cluster.cancel(id);
        }
      } catch (RuntimeException e) {
        // the cluster goes down next anyway
      }
    }
    cluster.close();
  }
}
