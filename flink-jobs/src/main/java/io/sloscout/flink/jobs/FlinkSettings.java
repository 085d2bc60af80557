package io.sloscout.flink.jobs;

import io.sloscout.flink.config.PipelineConfig;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/** The Flink configuration of a job: checkpointing, state backend, restarts, parallelism. */
public final class FlinkSettings {

  private FlinkSettings() {}

  /** The job configuration of {@code config}; {@code restorePath} (or null) a state to resume. */
  public static Configuration of(PipelineConfig config, String restorePath) {
    Configuration conf = new Configuration();
    PipelineConfig.Checkpoints c = config.checkpoints();
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, c.interval());
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, c.timeout());
    // a cancelled job keeps its last checkpoint, so it can be resumed from there
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(StateBackendOptions.STATE_BACKEND, c.backend());
    if (c.directory() != null) {
      conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, c.directory());
      conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, c.directory() + "/savepoints");
    }
    PipelineConfig.Restart r = config.restart();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, r.strategy());
    if (r.strategy().equals("fixed-delay")) {
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, r.attempts());
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, r.delay());
    } else if (r.strategy().equals("exponential-delay")) {
      conf.set(
          RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, r.delay());
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, r.attempts());
    }
    conf.set(CoreOptions.DEFAULT_PARALLELISM, config.parallelism());
    // every type in flight has a serializer of its own: a Kryo fallback is a bug, fail early
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    if (restorePath != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restorePath);
    }
    return conf;
  }
}
