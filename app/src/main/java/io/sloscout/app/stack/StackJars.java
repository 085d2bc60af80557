package io.sloscout.app.stack;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the jars of the child JVMs are: the Flink jobs' shaded jar with our launcher beside it, and
 * the backend's Quarkus application.
 *
 * <p>Each can be named by an environment variable ({@code SLO_SCOUT_FLINK_JAR}, {@code
 * SLO_SCOUT_FLINK_LAUNCHER_JAR}, {@code SLO_SCOUT_BACKEND_JAR}); otherwise they are found in the
 * source tree this jar was built in: {@code <root>/app/<out>/...} means {@code
 * <root>/flink-jobs/<out>/slo-scout-flink-jobs-all.jar} and {@code
 * <root>/backend/<out>/quarkus-app/quarkus-run.jar}, {@code <out>} being the build folder ({@code
 * target}, or what {@code -Dbuild.out} named).
 */
public record StackJars(Path flinkJobs, Path flinkLauncher, Path backend) {

  public static final String FLINK_JAR_ENV = "SLO_SCOUT_FLINK_JAR";
  public static final String FLINK_LAUNCHER_JAR_ENV = "SLO_SCOUT_FLINK_LAUNCHER_JAR";
  public static final String BACKEND_JAR_ENV = "SLO_SCOUT_BACKEND_JAR";

  /** The launcher jar's name in the app module's build folder. */
  public static final String LAUNCHER_JAR = "slo-scout-app-flink-launcher.jar";

  /** Thrown when a jar is missing, with what to build. */
  public static final class MissingJarException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingJarException(String message) {
      super(message);
    }
  }

  /** The jars from {@code environment}, else next to where this class was loaded from. */
  public static StackJars locate(Map<String, String> environment) {
    Optional<Path> buildDir = ownBuildDir();
    Path flink =
        pick(
            environment,
            FLINK_JAR_ENV,
            buildDir,
            "flink-jobs",
            "slo-scout-flink-jobs-all.jar",
            "the Flink jobs");
    Path launcher = pick(environment, FLINK_LAUNCHER_JAR_ENV, buildDir, "app", LAUNCHER_JAR, null);
    Path backend =
        pick(
            environment,
            BACKEND_JAR_ENV,
            buildDir,
            "backend",
            "quarkus-app/quarkus-run.jar",
            "the backend");
    return new StackJars(flink, launcher, backend);
  }

  /** Fails naming every missing jar and how to build it. */
  public StackJars requireExisting() {
    List<String> missing = new ArrayList<>();
    for (Path p : List.of(flinkJobs, flinkLauncher, backend)) {
      if (!Files.isRegularFile(p)) {
        missing.add(p.toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingJarException(
          "missing "
              + String.join(", ", missing)
              + "; build them with: mvn -B -pl app -am package -DskipTests (./slo-scout up does)");
    }
    return this;
  }

  private static Path pick(
      Map<String, String> environment,
      String variable,
      Optional<Path> buildDir,
      String module,
      String file,
      String what) {
    String named = environment.get(variable);
    if (named != null && !named.isBlank()) {
      return Path.of(named.trim()).toAbsolutePath();
    }
    if (buildDir.isEmpty()) {
      throw new MissingJarException(
          "cannot tell where "
              + (what == null ? file : what)
              + " is: set "
              + variable
              + " to its jar");
    }
    Path out = buildDir.get();
    Path root = out.getParent().getParent();
    return root.resolve(module).resolve(out.getFileName()).resolve(file);
  }

  /**
   * The app module's build folder: the parent of {@code classes/} or of the jar this class was
   * loaded from, when that sits in {@code <root>/app/<out>/}.
   */
  static Optional<Path> ownBuildDir() {
    try {
      var source = StackJars.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      Path location = Path.of(source.getLocation().toURI()).toAbsolutePath();
      Path out = location.getParent();
      if (out == null || out.getParent() == null || out.getParent().getParent() == null) {
        return Optional.empty();
      }
      if (!out.getParent().getFileName().toString().equals("app")) {
        return Optional.empty();
      }
      return Optional.of(out);
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
