package io.sloscout.flink.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.fingerprint.Match;
import io.sloscout.core.fingerprint.TemplateMiner;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class TemplateMinerSerializerTest {

  @Test
  void aRestoredMinerHandsOutTheSameIdsAndTemplates() throws Exception {
    TemplateMiner miner = new TemplateMiner();
    Match first = miner.add("connection to 10.0.0.1 refused after 3 retries");
    miner.add("connection to 10.0.0.2 refused after 5 retries");
    Match other = miner.add("cache warmed in 120 ms");

    DataOutputSerializer out = new DataOutputSerializer(256);
    TemplateMinerSerializer.INSTANCE.serialize(miner, out);
    TemplateMiner restored =
        TemplateMinerSerializer.INSTANCE.deserialize(
            new DataInputDeserializer(out.getCopyOfBuffer()));

    assertThat(restored.templates()).isEqualTo(miner.templates());
    assertThat(restored.add("connection to 10.9.9.9 refused after 1 retries").clusterId())
        .isEqualTo(first.clusterId());
    assertThat(restored.add("cache warmed in 7 ms").clusterId()).isEqualTo(other.clusterId());
  }

  @Test
  void aCopyIsIndependentOfTheOriginal() {
    TemplateMiner miner = new TemplateMiner();
    miner.add("job started");
    TemplateMiner copy = TemplateMinerSerializer.INSTANCE.copy(miner);
    miner.add("job finished");
    assertThat(copy.size()).isEqualTo(1);
    assertThat(miner.size()).isEqualTo(2);
  }
}
