package io.sloscout.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml: valid against the Compose Specification's JSON schema (from the npm package
 * {@code dclint}, installed by the build), and a stack that starts in order: every long-running
 * service has a health check, and every dependency waits for health or completion.
 */
class ComposeFileTest {

  static final Path COMPOSE = Repo.ROOT.resolve("docker-compose.yml");

  /** Services that run until stopped. */
  static final Set<String> LONG_RUNNING =
      Set.of(
          "kafka",
          "timescaledb",
          "minio",
          "milvus-etcd",
          "milvus-minio",
          "milvus",
          "prometheus",
          "grafana",
          "collector",
          "backend",
          "flink-jobmanager",
          "flink-taskmanager");

  /** One-shot services: create topics and buckets, submit the Flink jobs. */
  static final Set<String> ONE_SHOT = Set.of("kafka-init", "minio-init", "flink-jobs");

  static JsonNode compose;
  static JsonNode services;

  @BeforeAll
  static void read() {
    compose = YamlFiles.readResolved(COMPOSE);
    services = compose.path("services");
  }

  @Test
  void theFileIsValidAgainstTheComposeSpecificationSchema() throws IOException {
    String location = System.getProperty("compose.schema");
    assertThat(location)
        .as("system property compose.schema (set by the Maven build, which installs it from npm)")
        .isNotNull();
    Path schemaFile = Path.of(location);
    assertThat(schemaFile)
        .as(
            "the Compose Specification schema from the npm package dclint; run the tests through"
                + " Maven, whose generate-test-resources phase installs it")
        .exists();
    ObjectNode schemaNode = (ObjectNode) YamlFiles.JSON.readTree(schemaFile.toFile());
    assertThat(schemaNode.path("title").asText()).isEqualTo("Compose Specification");
    // The dialect is set here (draft 7, as the file says): its $schema and relative $id would
    // otherwise send the validator looking for documents by URL.
    schemaNode.remove("$schema");
    schemaNode.remove("$id");
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schemaNode);

    List<Error> errors = schema.validate(compose);

    assertThat(errors).as("schema violations").isEmpty();
  }

  @Test
  void theSchemaCatchesWhatComposeWouldRefuse() throws IOException {
    ObjectNode schemaNode =
        (ObjectNode)
            YamlFiles.JSON.readTree(Path.of(System.getProperty("compose.schema")).toFile());
    schemaNode.remove("$schema");
    schemaNode.remove("$id");
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schemaNode);
    ObjectNode broken = compose.deepCopy();
    ((ObjectNode) broken.path("services").path("backend")).put("healthcheck", "curl localhost");
    ((ObjectNode) broken.path("services").path("kafka")).put("restartt", "always");

    assertThat(schema.validate(broken)).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void theStackHasEveryComponent() {
    Set<String> names = new TreeSet<>();
    services.fieldNames().forEachRemaining(names::add);
    Set<String> expected = new TreeSet<>(LONG_RUNNING);
    expected.addAll(ONE_SHOT);

    assertThat(names).isEqualTo(expected);
  }

  @Test
  void everyLongRunningServiceHasAHealthCheckAndRestarts() {
    for (String name : LONG_RUNNING) {
      JsonNode s = services.path(name);
      JsonNode test = s.path("healthcheck").path("test");
      assertThat(test.isArray() && test.size() >= 2).as("%s healthcheck.test", name).isTrue();
      assertThat(test.get(0).asText()).as(name).isIn("CMD", "CMD-SHELL");
      assertThat(s.path("healthcheck").path("interval").asText()).as(name).isNotEmpty();
      assertThat(s.path("restart").asText()).as(name).isEqualTo("unless-stopped");
    }
    for (String name : ONE_SHOT) {
      assertThat(services.path(name).path("restart").asText()).as(name).isEqualTo("no");
    }
  }

  @Test
  void dependenciesWaitForHealthOrCompletion() {
    services
        .properties()
        .forEach(
            e -> {
              JsonNode dependsOn = e.getValue().path("depends_on");
              if (dependsOn.isMissingNode()) {
                return;
              }
              assertThat(dependsOn.isObject())
                  .as("%s: depends_on in the long form, with conditions", e.getKey())
                  .isTrue();
              dependsOn
                  .properties()
                  .forEach(
                      d -> {
                        String condition = d.getValue().path("condition").asText();
                        String what = e.getKey() + " -> " + d.getKey();
                        assertThat(services.has(d.getKey())).as(what).isTrue();
                        if (ONE_SHOT.contains(d.getKey())) {
                          assertThat(condition)
                              .as(what)
                              .isEqualTo("service_completed_successfully");
                        } else {
                          assertThat(condition).as(what).isEqualTo("service_healthy");
                          assertThat(services.path(d.getKey()).has("healthcheck"))
                              .as(what)
                              .isTrue();
                        }
                      });
            });
  }

  @Test
  void servicesStartInTheOrderTheyNeed() {
    List<String> order = startOrder();

    assertThat(order).hasSize(services.size());
    assertBefore(order, "kafka", "kafka-init");
    assertBefore(order, "kafka-init", "collector");
    assertBefore(order, "prometheus", "collector");
    assertBefore(order, "timescaledb", "backend");
    assertBefore(order, "milvus-etcd", "milvus");
    assertBefore(order, "milvus-minio", "milvus");
    assertBefore(order, "milvus", "backend");
    assertBefore(order, "minio", "minio-init");
    assertBefore(order, "minio-init", "flink-jobmanager");
    assertBefore(order, "flink-jobmanager", "flink-taskmanager");
    assertBefore(order, "flink-taskmanager", "flink-jobs");
    assertBefore(order, "backend", "flink-jobs");
    assertBefore(order, "prometheus", "grafana");
  }

  @Test
  void sloScoutsImagesAreBuiltFromTheRepositoryAndOthersArePinned() throws IOException {
    Map<String, String> dockerfiles =
        Map.of(
            "collector", "docker/collector.Dockerfile",
            "backend", "docker/backend.Dockerfile",
            "flink-jobmanager", "docker/flink-jobs.Dockerfile",
            "flink-taskmanager", "docker/flink-jobs.Dockerfile",
            "flink-jobs", "docker/flink-jobs.Dockerfile");
    for (var e : dockerfiles.entrySet()) {
      JsonNode build = services.path(e.getKey()).path("build");
      assertThat(build.path("context").asText()).as(e.getKey()).isEqualTo(".");
      assertThat(build.path("dockerfile").asText()).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(Repo.ROOT.resolve(e.getValue())).exists();
    }
    services
        .properties()
        .forEach(
            e -> {
              String image = e.getValue().path("image").asText();
              assertThat(image).as("%s image", e.getKey()).isNotEmpty();
              if (!e.getValue().has("build")) {
                assertThat(image).as("%s image tag", e.getKey()).matches(".+:[^:/]+");
                assertThat(image).as("%s image tag", e.getKey()).doesNotEndWith(":latest");
              }
            });

    String flink = Files.readString(Repo.ROOT.resolve("docker/flink-jobs.Dockerfile"));
    assertThat(flink)
        .contains("FROM flink:2.2.1-java17")
        .contains("/opt/slo-scout/slo-scout-flink-jobs-all.jar")
        .contains("flink-jobs/target/slo-scout-flink-jobs-all.jar");
    String collector = Files.readString(Repo.ROOT.resolve("docker/collector.Dockerfile"));
    assertThat(collector)
        .contains("FROM eclipse-temurin:17-jre")
        .contains("collectors/target/slo-scout-collector-all.jar")
        .contains("EXPOSE 4317 4318 9464");
    String backend = Files.readString(Repo.ROOT.resolve("docker/backend.Dockerfile"));
    assertThat(backend)
        .contains("FROM eclipse-temurin:17-jre")
        .contains("backend/target/quarkus-app");
    assertThat(Repo.ROOT.resolve("docker/flink-submit-jobs.sh")).isExecutable();
  }

  @Test
  void theContractPortsArePublished() {
    assertThat(publishedPorts("collector")).contains("4317:4317", "4318:4318", "9464:9464");
    assertThat(publishedPorts("backend")).contains("8080:8080");
    assertThat(publishedPorts("grafana")).contains("3000:3000");
    assertThat(publishedPorts("prometheus")).contains("9090:9090");
    assertThat(services.path("collector").path("healthcheck").path("test").toString())
        .contains("9464/health/ready");
    assertThat(services.path("backend").path("healthcheck").path("test").toString())
        .contains("8080/q/health/ready");
  }

  @Test
  void everyBindMountedFileIsInTheRepository() {
    services
        .properties()
        .forEach(
            e ->
                e.getValue()
                    .path("volumes")
                    .forEach(
                        v -> {
                          String source = v.asText().split(":")[0];
                          if (source.startsWith("./")) {
                            assertThat(Repo.ROOT.resolve(source.substring(2)))
                                .as("%s mounts %s", e.getKey(), source)
                                .exists();
                          }
                        }));
  }

  @Test
  void theFlinkJobsGetTheConfigurationTheyNeed() {
    for (String name : List.of("flink-jobmanager", "flink-taskmanager", "flink-jobs")) {
      JsonNode env = services.path(name).path("environment");
      assertThat(env.path("ENABLE_BUILT_IN_PLUGINS").asText()).as(name).contains("s3-fs");
      String properties = env.path("FLINK_PROPERTIES").asText();
      assertThat(properties)
          .as(name)
          .contains("jobmanager.rpc.address: flink-jobmanager")
          .contains("execution.checkpointing.interval")
          .contains("execution.checkpointing.dir: s3://");
      assertThat(env.path("SLO_SCOUT_KAFKA_BOOTSTRAP").asText()).as(name).isEqualTo("kafka:9092");
    }
  }

  private static List<String> publishedPorts(String service) {
    List<String> ports = new ArrayList<>();
    services.path(service).path("ports").forEach(p -> ports.add(p.asText()));
    return ports;
  }

  /** A start order that honours every depends_on (Kahn's algorithm); fails on a cycle. */
  private static List<String> startOrder() {
    Map<String, Set<String>> needs = new HashMap<>();
    services
        .properties()
        .forEach(
            e -> {
              Set<String> deps = new TreeSet<>();
              e.getValue().path("depends_on").fieldNames().forEachRemaining(deps::add);
              needs.put(e.getKey(), deps);
            });
    List<String> order = new ArrayList<>();
    Deque<String> ready = new ArrayDeque<>();
    needs.forEach(
        (k, v) -> {
          if (v.isEmpty()) ready.add(k);
        });
    while (!ready.isEmpty()) {
      String next = ready.poll();
      order.add(next);
      needs.forEach(
          (k, v) -> {
            if (v.remove(next) && v.isEmpty()) {
              ready.add(k);
            }
          });
    }
    return order;
  }

  private static void assertBefore(List<String> order, String first, String then) {
    assertThat(order.indexOf(first))
        .as("%s starts before %s", first, then)
        .isLessThan(order.indexOf(then));
  }

  static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:-[^}]*)?}");

  @Test
  void everyVariableTheFileReadsHasADefault() throws IOException {
    Matcher m = ENV_REFERENCE.matcher(Files.readString(COMPOSE));
    while (m.find()) {
      assertThat(m.group(2)).as("${%s} has a default", m.group(1)).isNotNull();
    }
  }
}
