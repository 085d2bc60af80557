package io.sloscout.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate examples shipped in examples/ stay valid. */
class ExampleGatePolicyTest {

  @Test
  void theShippedExamplePolicyParses() throws Exception {
    Path file = Path.of("..", "examples", "gate", "gate-policy.yaml");
    GatePolicy policy = GatePolicy.parse(file, Files.readString(file, StandardCharsets.UTF_8));
    assertThat(policy).isNotNull();
  }

  @Test
  void theArgoRolloutsExamplesAreYamlAndAskTheGateForItsDecision() throws Exception {
    Path dir = Path.of("..", "examples", "argo-rollouts");
    List<String> kinds = new ArrayList<>();
    for (String name : List.of("analysis-template.yaml", "rollout.yaml", "gate-server.yaml")) {
      Path file = dir.resolve(name);
      for (io.sloscout.core.spec.load.YamlDocument doc :
          io.sloscout.core.spec.load.YamlReader.read(
              file, Files.readString(file, StandardCharsets.UTF_8))) {
        kinds.add(doc.kind());
      }
    }
    assertThat(kinds).contains("AnalysisTemplate", "Rollout", "Deployment", "Service", "ConfigMap");
    assertThat(Files.readString(dir.resolve("analysis-template.yaml")))
        .contains("result.decision == \"promote\"", "result.decision == \"rollback\"");
  }
}
