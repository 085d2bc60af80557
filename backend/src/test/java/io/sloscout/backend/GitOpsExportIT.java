package io.sloscout.backend;

import static io.sloscout.backend.testing.Api.anonymous;
import static io.sloscout.backend.testing.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sloscout.backend.search.TemplateSync;
import io.sloscout.backend.testing.BackendTestResources;
import io.sloscout.backend.testing.ShopData;
import io.sloscout.core.testing.Promtool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path: journey aggregates in the database, recommendations recomputed from them,
 * accepted as SLOs, artifacts generated, exported to a Git repository, and the committed rules
 * proven by promtool.
 */
@QuarkusTest
@WithTestResource(BackendTestResources.class)
class GitOpsExportIT {

  @Inject AgroalDataSource dataSource;
  @Inject TemplateSync templates;

  @ConfigProperty(name = "slo-scout.gitops.repository")
  String repository;

  @TempDir Path clones;

  @Test
  void aggregatesBecomeCommittedRulesThatPassPromtool() throws Exception {
    ShopData.ensure(dataSource);
    templates.sync();
    authed().post("/api/v1/recommendations:recompute").then().statusCode(200);
    for (String type : List.of("availability", "latency")) {
      authed()
          .post("/api/v1/recommendations/" + ShopData.CHECKOUT + ":" + type + "/accept")
          .then()
          .statusCode(201)
          .body("id", equalTo("frontend-post-checkout-" + type));
    }
    authed()
        .contentType("application/json")
        .body("{\"service\": \"frontend\"}")
        .post("/api/v1/artifacts:generate")
        .then()
        .statusCode(200)
        .body("items.path", hasItem("prometheus/frontend.rules.yaml"));

    JsonPath plan =
        authed()
            .contentType("application/json")
            .queryParam("dryRun", true)
            .body("{\"branch\": \"slo-scout/e2e-plan\"}")
            .post("/api/v1/gitops/export")
            .then()
            .statusCode(200)
            .body("dryRun", equalTo(true))
            .body("commit", nullValue())
            .body("planMarkdown", containsString("slo-scout/prometheus/frontend.rules.yaml"))
            .extract()
            .jsonPath();
    assertThat(plan.getList("plan.files.path"))
        .contains(
            "slo-scout/slos/frontend-post-checkout-availability.yaml",
            "slo-scout/prometheus/frontend.rules.yaml",
            "slo-scout/prometheus/frontend.rules.test.yaml");
    assertThat(plan.getList("plan.files.kind", String.class)).containsOnly("ADD");

    JsonPath export =
        authed()
            .contentType("application/json")
            .body("{\"branch\": \"slo-scout/e2e\"}")
            .post("/api/v1/gitops/export")
            .then()
            .statusCode(200)
            .body("dryRun", equalTo(false))
            .body("pushed", equalTo(true))
            .extract()
            .jsonPath();
    String commitId = export.getString("commit");
    assertThat(commitId).matches("[0-9a-f]{40}");
    assertThat(export.getString("message"))
        .startsWith("SLO-Scout export: ")
        .contains("+ slo-scout/prometheus/frontend.rules.yaml")
        .contains("+ slo-scout/slos/frontend-post-checkout-latency.yaml");

    Path clone = clones.resolve("clone");
    try (Git git =
        Git.cloneRepository()
            .setURI(Path.of(repository).toUri().toString())
            .setDirectory(clone.toFile())
            .setBranch("slo-scout/e2e")
            .call()) {
      RevCommit head = git.log().setMaxCount(1).call().iterator().next();
      assertThat(head.getName()).isEqualTo(commitId);
      assertThat(head.getFullMessage()).isEqualTo(export.getString("message"));
      assertThat(head.getAuthorIdent().getName()).isEqualTo("SLO-Scout");
    }
    // the dry run committed nothing
    try (Git git = Git.open(Path.of(repository).toFile())) {
      assertThat(git.getRepository().exactRef("refs/heads/slo-scout/e2e-plan")).isNull();
    }

    Path exported = clone.resolve("slo-scout");
    assertThat(exported.resolve("slos/frontend-post-checkout-availability.yaml"))
        .content()
        .contains("apiVersion: slo-scout.io/v1");
    assertThat(exported.resolve("runbooks/frontend-post-checkout-availability.md"))
        .content()
        .contains("## Related error templates")
        .contains("payment declined by provider");

    Map<String, String> prometheus = files(exported.resolve("prometheus"));
    List<String> rules =
        prometheus.keySet().stream().filter(n -> n.endsWith(".rules.yaml")).toList();
    List<String> tests =
        prometheus.keySet().stream().filter(n -> n.endsWith(".rules.test.yaml")).toList();
    assertThat(rules).contains("frontend.rules.yaml");
    assertThat(tests).contains("frontend.rules.test.yaml");
    Map<String, String> rulesOnly = new TreeMap<>();
    rules.forEach(r -> rulesOnly.put(r, prometheus.get(r)));
    Promtool.Result check = Promtool.checkRules(rulesOnly);
    assertThat(check.ok()).as(check.output()).isTrue();
    Promtool.Result test = Promtool.testRules(prometheus, tests);
    assertThat(test.ok()).as(test.output()).isTrue();

    // the same branch again is a conflict, not an overwrite
    authed()
        .contentType("application/json")
        .body("{\"branch\": \"slo-scout/e2e\"}")
        .post("/api/v1/gitops/export")
        .then()
        .statusCode(409)
        .body("detail", containsString("already exists"));
  }

  @Test
  void badBranchesAndMissingTokensAreRefused() {
    authed()
        .contentType("application/json")
        .body("{\"branch\": \"bad..name\", \"dryRun\": true}")
        .post("/api/v1/gitops/export")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    authed()
        .contentType("application/json")
        .body("{\"branch\": \"main\", \"dryRun\": true}")
        .post("/api/v1/gitops/export")
        .then()
        .statusCode(400);
    anonymous()
        .contentType("application/json")
        .body("{\"dryRun\": true}")
        .post("/api/v1/gitops/export")
        .then()
        .statusCode(401);
  }

  private static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        out.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
