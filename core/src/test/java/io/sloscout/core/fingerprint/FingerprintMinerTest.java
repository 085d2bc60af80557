package io.sloscout.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintMinerTest {

  @Test
  void linesThatDifferOnlyInVariablesShareACluster() {
    TemplateMiner miner = new TemplateMiner();
    Match a = miner.add("Received block blk_-1608999687919862906 of size 91178 from /10.250.10.6");
    Match b =
        miner.add("Received block blk_7503483334202473044 of size 233217 from /10.250.19.102");
    assertThat(b.clusterId()).isEqualTo(a.clusterId());
    assertThat(b.template()).isEqualTo("Received block <*> of size <*> from <*>");
  }

  @Test
  void linesThatDifferInAWordAreDifferentEvents() {
    TemplateMiner miner = new TemplateMiner();
    Match paused = miner.add("[instance: 3edec1e4] VM Paused (Lifecycle Event)");
    Match resumed = miner.add("[instance: 9d2e0c1a] VM Resumed (Lifecycle Event)");
    assertThat(resumed.clusterId()).isNotEqualTo(paused.clusterId());
  }

  @Test
  void theSameTemplateGetsTheSameIdWhateverCameBefore() {
    TemplateMiner first = new TemplateMiner();
    first.add("cache warmed in 120 ms");
    first.add("user alice logged in");
    String id1 = first.add("order 42 shipped to 10.0.0.1").clusterId();

    TemplateMiner second = new TemplateMiner();
    String id2 = second.add("order 77 shipped to 192.168.3.4").clusterId();

    assertThat(id2).isEqualTo(id1).matches("[0-9a-f]{16}");
  }

  @Test
  void aTemplateGeneralisesWithoutChangingItsId() {
    TemplateMiner miner = new TemplateMiner();
    Match first = miner.add("cache hit ratio -");
    Match later = miner.add("cache hit ratio 0.93");
    assertThat(first.template()).isEqualTo("cache hit ratio -");
    assertThat(later.template()).isEqualTo("cache hit ratio <*>");
    assertThat(later.clusterId()).isEqualTo(first.clusterId());
    assertThat(miner.add("cache hit ratio -").clusterId()).isEqualTo(first.clusterId());
  }

  @Test
  void matchFindsTheClusterWithoutLearning() {
    TemplateMiner miner = new TemplateMiner();
    Match added = miner.add("cache hit ratio -");
    assertThat(miner.match("cache hit ratio 0.5"))
        .map(Match::clusterId)
        .hasValue(added.clusterId());
    assertThat(miner.templates())
        .extracting(Template::template)
        .containsExactly("cache hit ratio -");
    assertThat(miner.match("something else entirely")).isEmpty();
    assertThat(miner.size()).isEqualTo(1);
  }

  @Test
  void aRestoredMinerHandsOutTheSameIdsAndTemplates() {
    List<String> before = List.of("job 1 started", "job 2 finished in 3 s", "disk /dev/sda1 full");
    TemplateMiner miner = new TemplateMiner();
    before.forEach(miner::add);
    Snapshot snapshot = miner.snapshot();

    TemplateMiner restored = TemplateMiner.restore(snapshot);
    assertThat(restored.templates()).isEqualTo(miner.templates());
    assertThat(restored.snapshot()).isEqualTo(snapshot);
    for (String line : List.of("job 9 started", "job 4 finished in 8 s", "new line 5")) {
      assertThat(restored.add(line)).isEqualTo(miner.add(line));
    }
    assertThat(restored.templates()).isEqualTo(miner.templates());
  }

  @Test
  void aSnapshotKeepsGeneralisedTemplates() {
    TemplateMiner miner = new TemplateMiner();
    String id = miner.add("cache hit ratio -").clusterId();
    miner.add("cache hit ratio 0.93");
    TemplateMiner restored = TemplateMiner.restore(miner.snapshot());
    assertThat(restored.add("cache hit ratio ?")).isEqualTo(new Match(id, "cache hit ratio <*>"));
  }

  @Test
  void memoryIsBoundedByTheClusterCap() {
    TemplateMiner miner = new TemplateMiner(MinerConfig.DEFAULTS.withMaxClusters(3));
    String firstId = miner.add("alpha happened").clusterId();
    for (String word : List.of("beta", "gamma", "delta", "epsilon", "zeta", "eta")) {
      miner.add(word + " happened");
      assertThat(miner.size()).isLessThanOrEqualTo(3);
    }
    assertThat(miner.template(firstId)).isEmpty();
    // an evicted cluster comes back under the same id
    assertThat(miner.add("alpha happened").clusterId()).isEqualTo(firstId);
  }

  @Test
  void theLeastRecentlyUsedClusterIsEvictedFirst() {
    TemplateMiner miner = new TemplateMiner(MinerConfig.DEFAULTS.withMaxClusters(2));
    String a = miner.add("alpha happened").clusterId();
    String b = miner.add("beta happened").clusterId();
    miner.add("alpha happened");
    miner.add("gamma happened");
    assertThat(miner.template(a)).isPresent();
    assertThat(miner.template(b)).isEmpty();
  }

  @Test
  void longMessagesAreCutToTheTokenCap() {
    TemplateMiner miner = new TemplateMiner(new MinerConfig(10, 4, 1000, 1.0));
    Match m = miner.add("one two three four five six seven");
    assertThat(m.template()).isEqualTo("one two three <*>");
    assertThat(miner.add("one two three nine ten").clusterId()).isEqualTo(m.clusterId());
  }

  @Test
  void emptyAndBlankMessagesAreOneCluster() {
    TemplateMiner miner = new TemplateMiner();
    Match empty = miner.add("");
    assertThat(miner.add("   \t").clusterId()).isEqualTo(empty.clusterId());
    assertThat(empty.template()).isEmpty();
    assertThat(TemplateMiner.restore(miner.snapshot()).add("").clusterId())
        .isEqualTo(empty.clusterId());
  }
}
