package io.sloscout.deploy;

import static io.sloscout.deploy.Manifests.env;
import static io.sloscout.deploy.Manifests.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * {@code helm template} of the chart with each values file and with switches flipped, parsed and
 * checked object by object.
 */
class HelmChartTemplateTest {

  /** values.yaml alone (null) and each environment's file. */
  static final List<String> ALL_VALUES = new ArrayList<>();

  static {
    ALL_VALUES.add(null);
    ALL_VALUES.addAll(HelmChart.VALUES_FILES);
  }

  static final String BACKEND = "slo-scout-backend";
  static final String OTLP = "slo-scout-otlp-collector";
  static final String PROM = "slo-scout-prometheus-collector";
  static final String LOG = "slo-scout-log-collector";
  static final Set<String> FLINK_JOBS =
      Set.of("slo-scout-redact-fingerprint", "slo-scout-journeys", "slo-scout-embed");

  /** Every infrastructure subchart off, with the external blocks pointing elsewhere. */
  static Map<String, String> externalInfrastructure() {
    Map<String, String> sets = new LinkedHashMap<>();
    for (String dep : List.of("kafka", "timescaledb", "minio", "milvus", "prometheus", "grafana")) {
      sets.put(dep + ".enabled", "false");
    }
    sets.put("externalKafka.bootstrapServers", "kafka-1.example.com:9092,kafka-2.example.com:9092");
    sets.put("externalDatabase.host", "postgres.example.com");
    sets.put("externalS3.endpoint", "s3.amazonaws.com");
    sets.put("externalS3.bucket", "slo-scout-telemetry");
    sets.put("externalMilvus.host", "milvus.example.com");
    sets.put("externalPrometheus.url", "http://prometheus.monitoring:9090");
    return sets;
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ALL_VALUES")
  void everyValuesFileRendersEveryComponent(String valuesFile) {
    Manifests m = HelmChart.render(valuesFile);

    assertThat(m.names("Deployment")).containsExactlyInAnyOrder(BACKEND, OTLP, PROM);
    assertThat(m.names("DaemonSet")).containsExactly(LOG);
    assertThat(m.names("FlinkDeployment")).containsExactlyInAnyOrderElementsOf(FLINK_JOBS);
    assertThat(m.names("Service")).contains(BACKEND, OTLP, PROM, LOG);
    assertThat(m.names("ConfigMap")).contains("slo-scout-collector", LOG + "-fluent-bit");
    assertThat(m.objects())
        .allSatisfy(
            o -> {
              assertThat(o.path("apiVersion").asText())
                  .as("apiVersion of %s", name(o))
                  .isNotEmpty();
              assertThat(
                      o.path("metadata").path("labels").path("app.kubernetes.io/instance").asText())
                  .as("instance label of %s %s", o.path("kind").asText(), name(o))
                  .isEqualTo(HelmChart.RELEASE);
            });
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ALL_VALUES")
  void everyContainerHasResourceRequestsAndLimits(String valuesFile) {
    Manifests m = HelmChart.render(valuesFile);

    assertThat(m.containers()).isNotEmpty();
    assertThat(m.containers())
        .allSatisfy(
            c -> {
              JsonNode r = c.spec().path("resources");
              for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                  assertThat(r.path(kind).path(resource).asText())
                      .as("%s: resources.%s.%s", c, kind, resource)
                      .isNotEmpty();
                }
              }
            });
    // Flink pods get their resources from the operator: requests from `resource`, limits from
    // the limit factors.
    for (JsonNode flink : m.ofKind("FlinkDeployment")) {
      for (String role : List.of("jobManager", "taskManager")) {
        JsonNode resource = flink.path("spec").path(role).path("resource");
        assertThat(resource.path("cpu").asDouble()).as("%s %s cpu", name(flink), role).isPositive();
        assertThat(resource.path("memory").asText())
            .as("%s %s memory", name(flink), role)
            .isNotEmpty();
      }
      JsonNode conf = flink.path("spec").path("flinkConfiguration");
      assertThat(conf.path("kubernetes.taskmanager.cpu.limit-factor").asText()).isNotEmpty();
      assertThat(conf.path("kubernetes.taskmanager.memory.limit-factor").asText()).isNotEmpty();
    }
  }

  @Test
  void productionResourcesFollowTheSeedsSizingTable() {
    Manifests m = HelmChart.render("values-production.yaml");

    JsonNode backend = m.container("Deployment", BACKEND, "backend").path("resources");
    // 3 replicas: 750m / 3000m CPU and 1.5Gi / 6Gi memory in all
    assertThat(backend.path("requests").path("cpu").asText()).isEqualTo("250m");
    assertThat(backend.path("limits").path("cpu").asText()).isEqualTo("1000m");
    assertThat(backend.path("requests").path("memory").asText()).isEqualTo("512Mi");
    assertThat(backend.path("limits").path("memory").asText()).isEqualTo("2Gi");
    JsonNode flink = m.get("FlinkDeployment", "slo-scout-redact-fingerprint").path("spec");
    // 3 TaskManagers: 3000m / 6000m CPU and 6Gi / 12Gi in all
    assertThat(flink.path("taskManager").path("replicas").asInt()).isEqualTo(3);
    assertThat(flink.path("taskManager").path("resource").path("cpu").asDouble()).isEqualTo(1.0);
    assertThat(flink.path("taskManager").path("resource").path("memory").asText())
        .isEqualTo("2048m");
    assertThat(
            flink
                .path("flinkConfiguration")
                .path("kubernetes.taskmanager.cpu.limit-factor")
                .asText())
        .isEqualTo("2");
    assertThat(
            flink
                .path("flinkConfiguration")
                .path("kubernetes.taskmanager.memory.limit-factor")
                .asText())
        .isEqualTo("2");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ALL_VALUES")
  void portsAndProbesAreTheServicesRealOnes(String valuesFile) {
    Manifests m = HelmChart.render(valuesFile);

    JsonNode backend = m.container("Deployment", BACKEND, "backend");
    assertThat(containerPort(backend, "http")).isEqualTo(8080);
    assertThat(probe(backend, "livenessProbe")).isEqualTo("/q/health/live@http");
    assertThat(probe(backend, "readinessProbe")).isEqualTo("/q/health/ready@http");
    assertThat(servicePorts(m, BACKEND)).containsEntry("http", 8080);
    // ready only when the collectors are: their Services' metrics port
    assertThat(env(backend, "SLO_SCOUT_PIPELINE_HEALTH_URLS"))
        .hasValueSatisfying(
            urls ->
                assertThat(urls.split(","))
                    .contains("http://" + OTLP + ":9464/health/ready")
                    .allMatch(
                        u -> u.matches("http://slo-scout-[a-z]+-collector:9464/health/ready")));

    JsonNode otlp = m.container("Deployment", OTLP, "collector");
    assertThat(containerPort(otlp, "otlp-grpc")).isEqualTo(4317);
    assertThat(containerPort(otlp, "otlp-http")).isEqualTo(4318);
    assertThat(servicePorts(m, OTLP))
        .containsEntry("otlp-grpc", 4317)
        .containsEntry("otlp-http", 4318)
        .containsEntry("metrics", 9464);
    for (String workload : List.of(OTLP, PROM)) {
      JsonNode c = m.container("Deployment", workload, "collector");
      assertThat(containerPort(c, "metrics")).as(workload).isEqualTo(9464);
      assertThat(probe(c, "livenessProbe")).as(workload).isEqualTo("/health/live@metrics");
      assertThat(probe(c, "readinessProbe")).as(workload).isEqualTo("/health/ready@metrics");
      assertThat(env(c, "SLO_SCOUT_METRICS_PORT")).as(workload).contains("9464");
    }
    JsonNode log = m.container("DaemonSet", LOG, "collector");
    assertThat(containerPort(log, "metrics")).isEqualTo(9464);
    assertThat(probe(log, "readinessProbe")).isEqualTo("/health/ready@metrics");
    // Fluent Bit reaches the collector inside the pod; nothing else may send it logs.
    assertThat(env(log, "SLO_SCOUT_OTLP_HTTP_HOST")).contains("127.0.0.1");

    assertThat(m.containers())
        .filteredOn(c -> !c.init())
        .allSatisfy(
            c -> {
              assertThat(c.spec().has("livenessProbe")).as("%s liveness", c).isTrue();
              assertThat(c.spec().has("readinessProbe")).as("%s readiness", c).isTrue();
            });
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ALL_VALUES")
  void collectorsPublishToKafkaWithTheirOwnConfig(String valuesFile) {
    Manifests m = HelmChart.render(valuesFile);

    JsonNode config = m.get("ConfigMap", "slo-scout-collector").path("data");
    JsonNode prometheus = YamlFiles.documents(config.path("prometheus.yaml").asText()).get(0);
    JsonNode target = prometheus.path("remoteRead").path("targets").get(0);
    assertThat(target.path("url").asText()).endsWith("/api/v1/read");
    assertThat(target.path("selectors")).isNotEmpty();
    JsonNode log = YamlFiles.documents(config.path("log.yaml").asText()).get(0);
    assertThat(log.path("otlp").path("http").path("logs").path("serviceField").asText())
        .isNotEmpty();

    for (String workload : List.of(OTLP, PROM)) {
      JsonNode c = m.container("Deployment", workload, "collector");
      assertThat(c.path("args").get(0).asText()).isEqualTo("collect");
      assertThat(env(c, "SLO_SCOUT_KAFKA_BOOTSTRAP")).as(workload).contains("slo-scout-kafka:9092");
      assertThat(env(c, "SLO_SCOUT_CONFIG")).as(workload).contains("/etc/slo-scout/collector.yaml");
    }
    assertThat(env(m.container("Deployment", OTLP, "collector"), "SLO_SCOUT_OTLP_GRPC_ENABLED"))
        .contains("true");
    assertThat(env(m.container("Deployment", PROM, "collector"), "SLO_SCOUT_OTLP_GRPC_ENABLED"))
        .contains("false");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ALL_VALUES")
  void eachFlinkJobIsAnApplicationModeFlinkDeploymentThatUpgradesThroughASavepoint(
      String valuesFile) {
    Manifests m = HelmChart.render(valuesFile);

    Set<String> args = new TreeSet<>();
    for (JsonNode flink : m.ofKind("FlinkDeployment")) {
      assertThat(flink.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
      JsonNode spec = flink.path("spec");
      assertThat(spec.path("flinkVersion").asText()).isEqualTo("v2_2");
      assertThat(spec.path("image").asText()).contains("slo-scout/flink-jobs:");
      JsonNode job = spec.path("job");
      assertThat(job.path("jarURI").asText())
          .isEqualTo("local:///opt/slo-scout/slo-scout-flink-jobs-all.jar");
      assertThat(job.path("entryClass").asText()).isEqualTo("io.sloscout.flink.JobMain");
      assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
      assertThat(job.path("state").asText()).isEqualTo("running");
      assertThat(job.path("parallelism").asInt()).isPositive();
      args.add(job.path("args").get(0).asText());
      assertThat(name(flink)).isEqualTo("slo-scout-" + job.path("args").get(0).asText());
      JsonNode conf = spec.path("flinkConfiguration");
      assertThat(conf.path("execution.checkpointing.interval").asText()).isNotEmpty();
      assertThat(conf.path("execution.checkpointing.mode").asText()).isEqualTo("EXACTLY_ONCE");
      assertThat(conf.path("execution.checkpointing.dir").asText()).startsWith("s3://");
      assertThat(conf.path("execution.checkpointing.savepoint-dir").asText()).startsWith("s3://");
      // slots for the parallelism
      assertThat(
              spec.path("taskManager").path("replicas").asInt()
                  * conf.path("taskmanager.numberOfTaskSlots").asInt())
          .as("task slots of %s", name(flink))
          .isGreaterThanOrEqualTo(job.path("parallelism").asInt());
      JsonNode container = spec.path("podTemplate").path("spec").path("containers").get(0);
      assertThat(container.path("name").asText()).isEqualTo("flink-main-container");
      assertThat(env(container, "SLO_SCOUT_KAFKA_BOOTSTRAP")).isPresent();
    }
    assertThat(args).containsExactly("embed", "journeys", "redact-fingerprint");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ALL_VALUES")
  void secretsReachThePodsOnlyByReference(String valuesFile) {
    Manifests m = HelmChart.render(valuesFile);

    List<JsonNode> envs = new ArrayList<>();
    m.containers().forEach(c -> c.spec().path("env").forEach(envs::add));
    m.ofKind("FlinkDeployment")
        .forEach(
            f ->
                f.path("spec")
                    .path("podTemplate")
                    .path("spec")
                    .path("containers")
                    .forEach(c -> c.path("env").forEach(envs::add)));
    assertThat(envs)
        .filteredOn(
            e -> e.path("name").asText().matches(".*(PASSWORD|SECRET|TOKEN|_KEY|ACCESS_KEY).*"))
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertThat(e.path("valueFrom").path("secretKeyRef").path("name").asText())
                    .as("%s comes from a Secret", e.path("name").asText())
                    .isNotEmpty());
  }

  @Test
  void theDatabaseIsMigratedByAnInitContainerBeforeTheBackendStarts() {
    Manifests m = HelmChart.render(null);

    JsonNode migrate = m.container("Deployment", BACKEND, "db-migrate");
    assertThat(env(migrate, "QUARKUS_INIT_AND_EXIT")).contains("true");
    assertThat(env(migrate, "QUARKUS_FLYWAY_MIGRATE_AT_START")).contains("true");
    assertThat(env(migrate, "QUARKUS_DATASOURCE_JDBC_URL")).isPresent();
    JsonNode backend = m.container("Deployment", BACKEND, "backend");
    assertThat(env(backend, "QUARKUS_FLYWAY_MIGRATE_AT_START")).contains("false");

    Manifests without = HelmChart.render(null, Map.of("backend.migration.enabled", "false"));
    assertThat(
            without
                .get("Deployment", BACKEND)
                .path("spec")
                .path("template")
                .path("spec")
                .has("initContainers"))
        .isFalse();
    assertThat(
            env(
                without.container("Deployment", BACKEND, "backend"),
                "QUARKUS_FLYWAY_MIGRATE_AT_START"))
        .contains("true");
  }

  @Test
  void productionHasAutoscalingDisruptionBudgetsPoliciesMonitoringAndExternalSecrets() {
    Manifests m = HelmChart.render("values-production.yaml");

    assertThat(m.names("HorizontalPodAutoscaler")).containsExactlyInAnyOrder(BACKEND, OTLP);
    JsonNode hpa = m.get("HorizontalPodAutoscaler", BACKEND).path("spec");
    assertThat(hpa.path("scaleTargetRef").path("name").asText()).isEqualTo(BACKEND);
    assertThat(hpa.path("minReplicas").asInt()).isEqualTo(3);
    // the HPA owns the replica count
    assertThat(m.get("Deployment", BACKEND).path("spec").has("replicas")).isFalse();
    assertThat(m.names("PodDisruptionBudget")).containsExactlyInAnyOrder(BACKEND, OTLP);
    assertThat(m.get("PodDisruptionBudget", BACKEND).path("spec").path("minAvailable").asInt())
        .isEqualTo(2);
    assertThat(m.names("NetworkPolicy"))
        .containsExactlyInAnyOrder(BACKEND, OTLP, PROM, LOG, "slo-scout-flink");
    assertThat(m.names("ServiceMonitor")).containsExactlyInAnyOrder(BACKEND, OTLP, PROM, LOG);
    assertThat(m.names("PodMonitor")).containsExactly("slo-scout-flink");
    assertThat(m.names("PrometheusRule"))
        .containsExactlyInAnyOrder(
            "slo-scout-slo-scout-backend-slos", "slo-scout-slo-scout-collector-slos");
    assertThat(m.names("ExternalSecret"))
        .containsExactlyInAnyOrder(
            "slo-scout-db-credentials",
            "slo-scout-minio-credentials",
            "slo-scout-jwt-secret",
            "slo-scout-redaction-key");
    // no Secret carries a value in the chart's output
    assertThat(m.ofKind("Secret")).isEmpty();
    JsonNode ingress = m.get("Ingress", BACKEND).path("spec");
    assertThat(ingress.path("ingressClassName").asText()).isEqualTo("nginx");
    assertThat(ingress.path("tls")).isNotEmpty();
    assertThat(
            ingress
                .path("rules")
                .get(0)
                .path("http")
                .path("paths")
                .get(0)
                .path("backend")
                .path("service")
                .path("name")
                .asText())
        .isEqualTo(BACKEND);
  }

  @Test
  void theSelfMonitoringRuleIsTheGeneratedRulesFile() {
    Manifests m = HelmChart.render("values-production.yaml");

    JsonNode rule = m.get("PrometheusRule", "slo-scout-slo-scout-backend-slos");
    assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    JsonNode generated =
        YamlFiles.read(
            Repo.ROOT.resolve("infrastructure/generated/prometheus/slo-scout-backend.rules.yaml"));
    assertThat(rule.path("spec")).isEqualTo(generated);
  }

  @Test
  void devHasOneOfEachWithoutAutoscalingPoliciesOrMonitoringAndRendersItsSecrets() {
    Manifests m = HelmChart.render("values-dev.yaml");

    assertThat(m.ofKind("HorizontalPodAutoscaler")).isEmpty();
    assertThat(m.ofKind("PodDisruptionBudget")).isEmpty();
    assertThat(m.ofKind("NetworkPolicy")).isEmpty();
    assertThat(m.ofKind("ServiceMonitor")).isEmpty();
    assertThat(m.ofKind("ExternalSecret")).isEmpty();
    assertThat(m.ofKind("Ingress")).isEmpty();
    assertThat(m.get("Deployment", BACKEND).path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(m.get("Deployment", OTLP).path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(m.names("Secret"))
        .containsExactlyInAnyOrder(
            "slo-scout-db-credentials",
            "slo-scout-minio-credentials",
            "slo-scout-jwt-secret",
            "slo-scout-redaction-key");
  }

  @Test
  void aDisabledComponentRendersNothing() {
    Manifests noLogs = HelmChart.render(null, Map.of("collectors.log.enabled", "false"));
    assertThat(noLogs.ofKind("DaemonSet")).isEmpty();
    assertThat(noLogs.names("NetworkPolicy")).doesNotContain(LOG);
    assertThat(noLogs.names("ClusterRole")).doesNotContain(LOG);

    Manifests noCollectors =
        HelmChart.render(
            null,
            Map.of("collectors.otlp.enabled", "false", "collectors.prometheus.enabled", "false"));
    assertThat(
            env(
                noCollectors.container("Deployment", BACKEND, "backend"),
                "SLO_SCOUT_PIPELINE_HEALTH_URLS"))
        .isEmpty();

    Manifests noPolicies = HelmChart.render(null, Map.of("networkPolicy.enabled", "false"));
    assertThat(noPolicies.ofKind("NetworkPolicy")).isEmpty();

    Manifests noBackend = HelmChart.render(null, Map.of("backend.enabled", "false"));
    assertThat(noBackend.names("Deployment")).doesNotContain(BACKEND);
    assertThat(noBackend.names("Service")).doesNotContain(BACKEND);
    assertThat(noBackend.ofKind("Ingress")).isEmpty();
    assertThat(noBackend.names("HorizontalPodAutoscaler")).doesNotContain(BACKEND);

    Manifests noEmbedding = HelmChart.render(null, Map.of("flink.jobs.embedding.enabled", "false"));
    assertThat(noEmbedding.names("FlinkDeployment"))
        .containsExactlyInAnyOrder("slo-scout-redact-fingerprint", "slo-scout-journeys");

    Manifests noFlink = HelmChart.render(null, Map.of("flink.jobmanager.enabled", "false"));
    assertThat(noFlink.ofKind("FlinkDeployment")).isEmpty();

    Manifests noOtlp =
        HelmChart.render(
            null,
            Map.of("collectors.otlp.enabled", "false", "collectors.prometheus.enabled", "false"));
    assertThat(noOtlp.names("Deployment")).containsExactly(BACKEND);
    assertThat(noOtlp.ofKind("PersistentVolumeClaim")).isEmpty();
  }

  @Test
  void serviceMonitorsAppearOnlyWhenEnabledAndScrapeNamedPortsOfTheirServices() {
    assertThat(HelmChart.render(null).ofKind("ServiceMonitor")).isEmpty();
    assertThat(HelmChart.render(null).ofKind("PodMonitor")).isEmpty();

    Manifests m =
        HelmChart.render(
            null,
            Map.of("serviceMonitor.enabled", "true", "serviceMonitor.labels.release", "kube-prom"));
    assertThat(m.names("ServiceMonitor")).containsExactlyInAnyOrder(BACKEND, OTLP, PROM, LOG);
    for (JsonNode sm : m.ofKind("ServiceMonitor")) {
      assertThat(sm.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
      assertThat(sm.path("metadata").path("labels").path("release").asText())
          .isEqualTo("kube-prom");
      JsonNode endpoint = sm.path("spec").path("endpoints").get(0);
      JsonNode service = m.get("Service", name(sm));
      assertThat(servicePorts(m, name(service))).containsKey(endpoint.path("port").asText());
      // job label = the Service's slo-scout.io/job label, as SLO-Scout's own SLOs expect
      String job =
          service
              .path("metadata")
              .path("labels")
              .path(sm.path("spec").path("jobLabel").asText())
              .asText();
      assertThat(job).isIn("slo-scout-backend", "slo-scout-collector");
      assertThat(endpoint.path("path").asText())
          .isEqualTo(job.equals("slo-scout-backend") ? "/q/metrics" : "/metrics");
    }
  }

  @Test
  void externalInfrastructureIsUsedWhenTheSubchartsAreOff() {
    Manifests m = HelmChart.render(null, externalInfrastructure());

    JsonNode backend = m.container("Deployment", BACKEND, "backend");
    assertThat(env(backend, "SLO_SCOUT_KAFKA_BOOTSTRAP"))
        .contains("kafka-1.example.com:9092,kafka-2.example.com:9092");
    assertThat(env(backend, "QUARKUS_DATASOURCE_JDBC_URL"))
        .contains("jdbc:postgresql://postgres.example.com:5432/slo_scout?sslmode=require");
    assertThat(env(backend, "SLO_SCOUT_S3_ENDPOINT")).contains("https://s3.amazonaws.com");
    assertThat(env(backend, "SLO_SCOUT_MILVUS_ADDRESS")).contains("milvus.example.com:19530");
    assertThat(env(backend, "SLO_SCOUT_PROMETHEUS_URL"))
        .contains("http://prometheus.monitoring:9090");
    JsonNode config =
        YamlFiles.documents(
                m.get("ConfigMap", "slo-scout-collector")
                    .path("data")
                    .path("prometheus.yaml")
                    .asText())
            .get(0);
    assertThat(config.path("remoteRead").path("targets").get(0).path("url").asText())
        .isEqualTo("http://prometheus.monitoring:9090/api/v1/read");
    // Secrets are the chart's default names, to be created by the operator of the cluster
    assertThat(secretRef(backend, "QUARKUS_DATASOURCE_PASSWORD"))
        .isEqualTo("slo-scout-db-credentials");
    assertThat(secretRef(backend, "SLO_SCOUT_S3_ACCESS_KEY"))
        .isEqualTo("slo-scout-minio-credentials");
    for (JsonNode flink : m.ofKind("FlinkDeployment")) {
      assertThat(flink.path("spec").path("flinkConfiguration").path("s3.endpoint").asText())
          .isEqualTo("https://s3.amazonaws.com");
    }
  }

  @Test
  void withoutMilvusTheBackendKeepsVectorsInItsOwnIndex() {
    Map<String, String> sets = externalInfrastructure();
    sets.put("externalMilvus.host", "");
    Manifests m = HelmChart.render(null, sets);

    JsonNode backend = m.container("Deployment", BACKEND, "backend");
    assertThat(env(backend, "SLO_SCOUT_VECTOR_STORE")).contains("lucene");
    assertThat(env(backend, "SLO_SCOUT_MILVUS_ADDRESS")).isEmpty();
  }

  @Test
  void existingSecretsAreReferencedByName() {
    Map<String, String> sets = externalInfrastructure();
    sets.put("secrets.database.existingSecret", "pg-app");
    sets.put("secrets.database.passwordKey", "pw");
    sets.put("secrets.apiToken.existingSecret", "api");
    Manifests m = HelmChart.render(null, sets);

    JsonNode backend = m.container("Deployment", BACKEND, "backend");
    assertThat(secretRef(backend, "QUARKUS_DATASOURCE_PASSWORD")).isEqualTo("pg-app");
    assertThat(secretRef(backend, "SLO_SCOUT_AUTH_TOKEN")).isEqualTo("api");

    sets.put("externalSecrets.enabled", "true");
    Manifests withExternal = HelmChart.render(null, sets);
    // an existing Secret is not also made by an ExternalSecret
    assertThat(withExternal.names("ExternalSecret"))
        .containsExactlyInAnyOrder("slo-scout-minio-credentials", "slo-scout-redaction-key");
    JsonNode es = withExternal.get("ExternalSecret", "slo-scout-minio-credentials").path("spec");
    assertThat(es.path("secretStoreRef").path("name").asText()).isEqualTo("slo-scout-secrets");
    assertThat(es.path("target").path("name").asText()).isEqualTo("slo-scout-minio-credentials");
    assertThat(es.path("data")).hasSize(2);
  }

  @Test
  void missingExternalSettingsFailTheRenderWithTheirName() {
    assertThatThrownBy(() -> HelmChart.render(null, Map.of("kafka.enabled", "false")))
        .hasMessageContaining("externalKafka.bootstrapServers is required");
    assertThatThrownBy(() -> HelmChart.render(null, Map.of("timescaledb.enabled", "false")))
        .hasMessageContaining("externalDatabase.host is required");
  }

  @Test
  void theValuesSchemaRejectsValuesOfTheWrongType() {
    assertThatThrownBy(() -> HelmChart.render(null, Map.of("backend.replicaCount", "three")))
        .hasMessageContaining("replicaCount");
    assertThatThrownBy(() -> HelmChart.render(null, Map.of("flink.upgradeMode", "yolo")))
        .hasMessageContaining("upgradeMode");
    assertThatThrownBy(() -> HelmChart.render(null, Map.of("global.environment", "qa")))
        .hasMessageContaining("environment");
    assertThatThrownBy(() -> HelmChart.render(null, Map.of("backend.replicas", "2")))
        .hasMessageContaining("replicas");
  }

  @Test
  void imagesComeFromTheGlobalRegistryAtTheChartsAppVersion() {
    Manifests m =
        HelmChart.render(
            null,
            Map.of("global.imageRegistry", "registry.example.com", "backend.image.tag", "1.2.3"));

    assertThat(m.container("Deployment", BACKEND, "backend").path("image").asText())
        .isEqualTo("registry.example.com/slo-scout/backend:1.2.3");
    assertThat(m.container("Deployment", OTLP, "collector").path("image").asText())
        .isEqualTo("registry.example.com/slo-scout/collector:0.1.0");
  }

  private static int containerPort(JsonNode container, String name) {
    for (JsonNode p : container.path("ports")) {
      if (name.equals(p.path("name").asText())) {
        return p.path("containerPort").asInt();
      }
    }
    throw new AssertionError("no port " + name + " in " + container.path("name").asText());
  }

  /** A probe as path@port. */
  private static String probe(JsonNode container, String probe) {
    JsonNode get = container.path(probe).path("httpGet");
    return get.path("path").asText() + "@" + get.path("port").asText();
  }

  private static Map<String, Integer> servicePorts(Manifests m, String service) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    m.get("Service", service)
        .path("spec")
        .path("ports")
        .forEach(p -> ports.put(p.path("name").asText(), p.path("port").asInt()));
    return ports;
  }

  private static String secretRef(JsonNode container, String variable) {
    for (JsonNode e : container.path("env")) {
      if (variable.equals(e.path("name").asText())) {
        return e.path("valueFrom").path("secretKeyRef").path("name").asText();
      }
    }
    throw new AssertionError("no variable " + variable);
  }
}
