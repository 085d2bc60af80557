package io.sloscout.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sloscout.core.testing.Promtool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The compose stack's Prometheus and Grafana configuration. */
class PrometheusAndGrafanaConfigTest {

  static final Path PROMETHEUS_YML = Repo.ROOT.resolve("infrastructure/prometheus/prometheus.yml");
  static final Path GENERATED_RULES = Repo.ROOT.resolve("infrastructure/generated/prometheus");

  @Test
  void promtoolAcceptsThePrometheusConfigWithTheGeneratedRules() throws Exception {
    // The config names the rules where compose mounts them; point it at the repository's copy.
    String config = Files.readString(PROMETHEUS_YML, StandardCharsets.UTF_8);
    assertThat(config).contains("/etc/prometheus/rules/*.rules.yaml");
    Path dir = Repo.tempDir("prometheus-");
    Path copy = dir.resolve("prometheus.yml");
    Files.writeString(
        copy,
        config.replace("/etc/prometheus/rules/", GENERATED_RULES.toAbsolutePath() + "/"),
        StandardCharsets.UTF_8);

    Process p =
        new ProcessBuilder(Promtool.executable().toString(), "check", "config", copy.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("SUCCESS").contains("slo-scout-backend.rules.yaml");
  }

  @Test
  void everyJobTheSloRulesSelectIsScraped() throws IOException {
    Set<String> scraped = new TreeSet<>();
    YamlFiles.read(PROMETHEUS_YML)
        .path("scrape_configs")
        .forEach(s -> scraped.add(s.path("job_name").asText()));
    Set<String> selected = new TreeSet<>();
    Pattern job = Pattern.compile("job=\"([^\"]+)\"");
    try (Stream<Path> specs = Files.list(Repo.ROOT.resolve("infrastructure/slos"))) {
      for (Path spec : (Iterable<Path>) specs::iterator) {
        Matcher m = job.matcher(Files.readString(spec, StandardCharsets.UTF_8));
        while (m.find()) {
          selected.add(m.group(1));
        }
      }
    }

    assertThat(selected).containsExactlyInAnyOrder("slo-scout-backend", "slo-scout-collector");
    assertThat(scraped).containsAll(selected);
  }

  @Test
  void grafanaIsProvisionedWithPrometheusAndBothDashboardFolders() throws IOException {
    Path provisioning = Repo.ROOT.resolve("infrastructure/grafana/provisioning");
    JsonNode datasources = YamlFiles.read(provisioning.resolve("datasources/prometheus.yaml"));
    JsonNode prometheus = datasources.path("datasources").get(0);
    assertThat(prometheus.path("type").asText()).isEqualTo("prometheus");
    assertThat(prometheus.path("url").asText()).isEqualTo("http://prometheus:9090");
    assertThat(prometheus.path("isDefault").asBoolean()).isTrue();

    JsonNode providers = YamlFiles.read(provisioning.resolve("dashboards/slo-scout.yaml"));
    List<String> paths = new ArrayList<>();
    providers.path("providers").forEach(p -> paths.add(p.path("options").path("path").asText()));
    // each provider reads a folder compose mounts
    String compose = Files.readString(Repo.ROOT.resolve("docker-compose.yml"));
    assertThat(paths).isNotEmpty();
    for (String path : paths) {
      assertThat(compose).as("docker-compose.yml mounts %s", path).contains(":" + path + ":ro");
    }

    Set<String> uids = new HashSet<>();
    List<Path> dashboards = new ArrayList<>();
    try (Stream<Path> files =
        Stream.concat(
            Files.list(Repo.ROOT.resolve("infrastructure/grafana/dashboards")),
            Files.list(Repo.ROOT.resolve("infrastructure/generated/grafana")))) {
      files.forEach(dashboards::add);
    }
    assertThat(dashboards).hasSizeGreaterThanOrEqualTo(3);
    for (Path d : dashboards) {
      JsonNode dashboard = YamlFiles.JSON.readTree(d.toFile());
      assertThat(dashboard.path("title").asText()).as(d.toString()).isNotEmpty();
      assertThat(dashboard.path("panels")).as(d.toString()).isNotEmpty();
      assertThat(uids.add(dashboard.path("uid").asText())).as("unique uid in %s", d).isTrue();
    }
  }
}
