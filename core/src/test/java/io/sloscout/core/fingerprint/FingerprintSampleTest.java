package io.sloscout.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A small hand-written log with the groups a person would draw: the miner must find them. */
class FingerprintSampleTest {

  /** Expected group, a bar, then the message. */
  private static final String SAMPLE =
      """
      A|GET /api/cart/1234 completed in 12 ms status=200
      B|Accepted connection from 10.1.2.3:51234
      A|GET /api/cart/99 completed in 7 ms status=200
      C|Payment declined for order 8c1e2b4a-1f2d-4e5f-8a9b-0c1d2e3f4a5b: insufficient funds
      D|Session opened for user alice by (uid=0)
      E|Session closed for user alice
      B|Accepted connection from 192.168.0.17:443
      D|Session opened for user bob by (uid=1001)
      F|Cache warmed in 1.5 s
      G|Cache flushed in 2 s
      C|Payment declined for order 0a1b2c3d-0000-4e5f-8a9b-ffffffffffff: insufficient funds
      H|Worker 3 stopped
      I|Worker 3 started
      H|Worker 12 stopped
      E|Session closed for user carol
      J|Loaded 42 rules from /etc/sloscout/rules.yaml
      J|Loaded 7 rules from /opt/rules/extra.yaml
      K|Retry 2 of 5 for request req-8f3a9c after 250 ms
      K|Retry 3 of 5 for request req-77aa01 after 500 ms
      F|Cache warmed in 0.2 s
      L|Heartbeat ok=true lag=12ms
      L|Heartbeat ok=false lag=250ms
      """;

  @Test
  void findsTheExpectedGroups() {
    TemplateMiner miner = new TemplateMiner();
    Map<String, Set<String>> expected = new LinkedHashMap<>();
    Map<String, Set<String>> actual = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>(SAMPLE.lines().toList());
    for (int i = 0; i < lines.size(); i++) {
      String[] parts = lines.get(i).split("\\|", 2);
      String id = miner.add(parts[1]).clusterId();
      expected.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(Integer.toString(i));
      actual.computeIfAbsent(id, k -> new TreeSet<>()).add(Integer.toString(i));
    }
    assertThat(new TreeSet<>(actual.values().stream().map(Set::toString).toList()))
        .isEqualTo(new TreeSet<>(expected.values().stream().map(Set::toString).toList()));
  }
}
