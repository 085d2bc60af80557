package io.sloscout.app.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackJarsTest {

  @TempDir Path tmp;

  @Test
  void jarsAreFoundInTheSourceTreeNextToThisModulesBuildFolder() {
    // the test classes run from <root>/app/<out>/classes, as the packaged jar from <root>/app/<out>
    Path out = StackJars.ownBuildDir().orElseThrow();
    Path root = out.getParent().getParent();
    String folder = out.getFileName().toString();
    StackJars jars = StackJars.locate(Map.of());
    assertThat(jars.flinkJobs())
        .isEqualTo(
            root.resolve("flink-jobs").resolve(folder).resolve("slo-scout-flink-jobs-all.jar"));
    assertThat(jars.backend())
        .isEqualTo(root.resolve("backend").resolve(folder).resolve("quarkus-app/quarkus-run.jar"));
    assertThat(jars.flinkLauncher()).isEqualTo(out.resolve(StackJars.LAUNCHER_JAR));
  }

  @Test
  void environmentVariablesNameTheJars() {
    StackJars jars =
        StackJars.locate(
            Map.of(
                StackJars.FLINK_JAR_ENV, "/opt/flink.jar",
                StackJars.FLINK_LAUNCHER_JAR_ENV, "/opt/launcher.jar",
                StackJars.BACKEND_JAR_ENV, "/opt/backend/quarkus-run.jar"));
    assertThat(jars)
        .isEqualTo(
            new StackJars(
                Path.of("/opt/flink.jar"),
                Path.of("/opt/launcher.jar"),
                Path.of("/opt/backend/quarkus-run.jar")));
  }

  @Test
  void missingJarsAreNamedWithTheBuildCommand() {
    StackJars jars =
        new StackJars(tmp.resolve("flink.jar"), tmp.resolve("launcher.jar"), tmp.resolve("b.jar"));
    assertThatThrownBy(jars::requireExisting)
        .isInstanceOf(StackJars.MissingJarException.class)
        .hasMessageContaining(tmp.resolve("flink.jar").toString())
        .hasMessageContaining(tmp.resolve("b.jar").toString())
        .hasMessageContaining("mvn -B -pl app -am package -DskipTests");
  }
}
