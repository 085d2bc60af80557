package io.sloscout.flink;

import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.jobs.FlinkSettings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * A Flink MiniCluster in this JVM that runs our jobs: the embedded mode's Flink, and the tests'.
 * Jobs are submitted, checkpointed, stopped with a savepoint or cancelled, and resumed from a
 * checkpoint or savepoint, as on a cluster.
 */
public final class LocalCluster implements AutoCloseable {

  private static final long TIMEOUT_SECONDS = 120;

  private final MiniCluster cluster;

  private LocalCluster(MiniCluster cluster) {
    this.cluster = cluster;
  }

  /** Starts a cluster of one TaskManager with {@code slots} slots. */
  public static LocalCluster start(int slots) {
    Configuration conf = new Configuration();
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
    // jobs here load their classes from the application class path, and clients the embedded
    // mode shares between jobs (OkHttp's threads under the MinIO SDK) outlive a job's loader
    conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .withRandomPorts()
                .build());
    try {
      cluster.start();
    } catch (Exception e) {
      throw new IllegalStateException("the Flink MiniCluster did not start", e);
    }
    return new LocalCluster(cluster);
  }

  /**
   * Submits {@code job}, resumed from the checkpoint or savepoint at {@code restorePath} when it is
   * not null.
   */
  public JobID submit(FlinkJob job, PipelineConfig config, String restorePath) {
    Configuration conf = FlinkSettings.of(config, restorePath);
    conf.set(PipelineOptions.NAME, job.jobName());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    job.build(env, config);
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(job.jobName());
    if (restorePath != null) {
      graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(restorePath, false));
    }
    try {
      return cluster.submitJob(graph).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).getJobID();
    } catch (Exception e) {
      throw new IllegalStateException("submitting " + job.jobName() + " failed", e);
    }
  }

  /** The job's status now. */
  public JobStatus status(JobID id) {
    return get(cluster.getJobStatus(id), "reading the status of " + id);
  }

  /** Triggers a checkpoint and returns its path once it is complete. */
  public String checkpoint(JobID id) {
    return get(cluster.triggerCheckpoint(id), "checkpointing " + id);
  }

  /** Triggers a full checkpoint and returns its id once it is complete. */
  public long fullCheckpoint(JobID id) {
    return get(cluster.triggerCheckpoint(id, CheckpointType.FULL), "checkpointing " + id);
  }

  /** Takes a savepoint under {@code directory}, the job running on; returns its path. */
  public String savepoint(JobID id, String directory) {
    return get(
        cluster.triggerSavepoint(id, directory, false, SavepointFormatType.CANONICAL),
        "taking a savepoint of " + id);
  }

  /** Stops the job with a savepoint under {@code directory}; returns the savepoint's path. */
  public String stopWithSavepoint(JobID id, String directory) {
    return get(
        cluster.stopWithSavepoint(id, directory, false, SavepointFormatType.CANONICAL),
        "stopping " + id + " with a savepoint");
  }

  /** Cancels the job and waits until it is gone. */
  public void cancel(JobID id) {
    get(cluster.cancelJob(id), "cancelling " + id);
    await(id, Duration.ofSeconds(TIMEOUT_SECONDS));
  }

  /** Waits for the job to end and returns how it ended. */
  public JobResult await(JobID id, Duration timeout) {
    try {
      return cluster.requestJobResult(id).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("waiting for " + id + " failed", e);
    }
  }

  /**
   * The latest complete checkpoint a job left under a {@code file:} checkpoint directory (kept on
   * cancel), to resume it from; empty when there is none.
   */
  public static java.util.Optional<String> latestCheckpoint(String directory, JobID id) {
    java.nio.file.Path jobDir =
        java.nio.file.Path.of(java.net.URI.create(directory)).resolve(id.toHexString());
    if (!java.nio.file.Files.isDirectory(jobDir)) {
      return java.util.Optional.empty();
    }
    try (var dirs = java.nio.file.Files.list(jobDir)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("chk-"))
          .filter(d -> java.nio.file.Files.exists(d.resolve("_metadata")))
          .max(
              java.util.Comparator.comparingLong(
                  d -> Long.parseLong(d.getFileName().toString().substring(4))))
          .map(d -> d.toUri().toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("listing checkpoints in " + jobDir, e);
    }
  }

  /** The underlying MiniCluster. */
  public MiniCluster miniCluster() {
    return cluster;
  }

  private static <T> T get(java.util.concurrent.CompletableFuture<T> future, String what) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " was interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException(what + " failed", e);
    }
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the Flink MiniCluster failed", e);
    }
  }
}
