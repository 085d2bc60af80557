package io.sloscout.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The chart as Helm sees it, through helm-java (the Helm Go library in process).
 *
 * <p>{@code helm template} refuses a chart whose declared dependencies are not in {@code charts/}
 * even when their conditions switch them off, and the infrastructure subcharts cannot be fetched
 * here. So rendering uses a copy of the chart without the {@code dependencies} list: SLO-Scout's
 * own templates are all there is to render, and they render the same, since no subchart's output is
 * part of them.
 */
final class HelmChart {

  /** Release name and namespace of every render. */
  static final String RELEASE = "slo-scout";

  static final String NAMESPACE = "slo-scout";

  /** The Kubernetes version renders assume (helm template's own default, 1.20, is too old). */
  static final String KUBE_VERSION = "v1.31.0";

  /** The values files shipped beside values.yaml. */
  static final List<String> VALUES_FILES =
      List.of("values-dev.yaml", "values-staging.yaml", "values-production.yaml");

  private static Path withoutDependencies;

  private HelmChart() {}

  /** A copy of the chart with its subchart dependencies left out of Chart.yaml. */
  static synchronized Path withoutDependencies() {
    if (withoutDependencies == null) {
      withoutDependencies = copy(Repo.tempDir("chart-"));
    }
    return withoutDependencies;
  }

  /** Copies the chart into {@code dir}, without the dependencies list. */
  static Path copy(Path dir) {
    Path target = dir.resolve("slo-scout");
    try (Stream<Path> files = Files.walk(Repo.CHART)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(Repo.CHART.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode chart = (ObjectNode) YamlFiles.read(target.resolve("Chart.yaml"));
    chart.remove("dependencies");
    YamlFiles.write(target.resolve("Chart.yaml"), chart);
    return target;
  }

  /**
   * A copy of the chart whose values.yaml is values.yaml with {@code valuesFile} merged over it,
   * for {@code helm lint}, which reads no {@code -f} files.
   */
  static Path withValuesMerged(String valuesFile) {
    Path chart = copy(Repo.tempDir("lint-"));
    ObjectNode base = (ObjectNode) YamlFiles.read(chart.resolve("values.yaml"));
    JsonNode overlay = YamlFiles.read(Repo.CHART.resolve(valuesFile));
    YamlFiles.write(chart.resolve("values.yaml"), YamlFiles.merge(base, overlay));
    return chart;
  }

  static LintResult lint(Path chart, boolean strict) {
    var lint = new Helm(chart).lint();
    return strict ? lint.strict().call() : lint.call();
  }

  /**
   * {@code helm template slo-scout CHART -n slo-scout [-f FILE] [--set K=V ...]} on the chart
   * without dependencies; {@code valuesFile} null renders values.yaml alone.
   */
  static Manifests render(String valuesFile, Map<String, String> sets) {
    Path chart = withoutDependencies();
    TemplateCommand template =
        new Helm(chart)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION);
    if (valuesFile != null) {
      template = template.withValuesFile(chart.resolve(valuesFile));
    }
    for (Map.Entry<String, String> set : sets.entrySet()) {
      template = template.set(set.getKey(), set.getValue());
    }
    return new Manifests(YamlFiles.documents(template.call()));
  }

  static Manifests render(String valuesFile) {
    return render(valuesFile, Map.of());
  }
}
