package io.sloscout.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.testing.TestStack;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

/** The embedded mode's entry point runs all three jobs on one MiniCluster and stops them. */
class LocalPipelineTest {

  @Test
  void allThreeJobsRunOnOneClusterUntilClosed() throws Exception {
    PipelineConfig config = TestStack.newConfig("local");
    try (LocalPipeline pipeline = LocalPipeline.start(config)) {
      JobRestoreTest.awaitTrue(pipeline::running, "all jobs running");
      for (FlinkJob job : FlinkJob.values()) {
        assertThat(pipeline.status(job)).isEqualTo(JobStatus.RUNNING);
      }
    }
  }
}
