package io.sloscout.backend;

import static io.sloscout.backend.testing.Api.anonymous;
import static io.sloscout.backend.testing.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sloscout.backend.testing.BackendTestResources;
import io.sloscout.backend.testing.ShopData;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(BackendTestResources.class)
class ArtifactApiTest {

  static final String SLO = "payment-artifact-availability";

  @Inject AgroalDataSource dataSource;

  @BeforeEach
  void anSlo() {
    ShopData.ensure(dataSource);
    int status =
        authed()
            .contentType("application/yaml")
            .body(SloApiTest.availability("artifact-availability", "0.999"))
            .post("/api/v1/slos")
            .then()
            .extract()
            .statusCode();
    assertThat(status).isIn(201, 409);
  }

  @Test
  void generatingForOneSloWritesItsServicesFiles() {
    authed()
        .contentType("application/json")
        .body("{\"slo\": \"" + SLO + "\"}")
        .post("/api/v1/artifacts:generate")
        .then()
        .statusCode(200)
        .body(
            "items.path",
            hasItems(
                "prometheus/payment.rules.yaml",
                "prometheus/payment.rules.test.yaml",
                "grafana/payment.dashboard.json",
                "runbooks/payment-artifact-availability.md"))
        .body("items.kind", hasItems("rules", "rule_tests", "dashboard", "runbook"));
    authed()
        .queryParam("slo", SLO)
        .get("/api/v1/artifacts")
        .then()
        .statusCode(200)
        .body("items.path", hasItem("prometheus/payment.rules.yaml"))
        .body("items.path", not(hasItem(containsString("frontend"))));
  }

  @Test
  void generatingForAServiceOrEverything() {
    authed()
        .contentType("application/json")
        .body("{\"service\": \"payment\"}")
        .post("/api/v1/artifacts:generate")
        .then()
        .statusCode(200)
        .body("items.path", hasItem("grafana/payment.dashboard.json"));
    authed()
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/artifacts:generate")
        .then()
        .statusCode(200)
        .body("items.path", hasItem("prometheus/payment.rules.yaml"));
  }

  @Test
  void aFileCanBePreviewed() {
    generate();
    String rules =
        authed()
            .queryParam("path", "prometheus/payment.rules.yaml")
            .get("/api/v1/artifacts/file")
            .then()
            .statusCode(200)
            .contentType(containsString("text/plain"))
            .extract()
            .asString();
    assertThat(rules).contains("slo:sli_error:ratio_rate5m").contains(SLO);
    authed()
        .queryParam("path", "prometheus/nope.rules.yaml")
        .get("/api/v1/artifacts/file")
        .then()
        .statusCode(404);
    authed().get("/api/v1/artifacts/file").then().statusCode(400);
  }

  @Test
  void everythingDownloadsAsAZip() throws IOException {
    generate();
    byte[] zip =
        authed()
            .get("/api/v1/artifacts.zip")
            .then()
            .statusCode(200)
            .contentType("application/zip")
            .header("Content-Disposition", containsString("slo-scout-artifacts.zip"))
            .extract()
            .asByteArray();
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertThat(names)
        .contains("prometheus/payment.rules.yaml", "runbooks/payment-artifact-availability.md")
        .isSorted();
  }

  @Test
  void unknownScopesAndBadBodiesAreProblems() {
    authed()
        .contentType("application/json")
        .body("{\"slo\": \"nope\"}")
        .post("/api/v1/artifacts:generate")
        .then()
        .statusCode(404);
    authed()
        .contentType("application/json")
        .body("{\"service\": \"nope\"}")
        .post("/api/v1/artifacts:generate")
        .then()
        .statusCode(404);
    authed()
        .contentType("application/json")
        .body("{\"slo\": \"" + SLO + "\", \"service\": \"payment\"}")
        .post("/api/v1/artifacts:generate")
        .then()
        .statusCode(400);
    String detail =
        authed()
            .contentType("application/json")
            .body("{\"slo\": [1, 2]")
            .post("/api/v1/artifacts:generate")
            .then()
            .statusCode(400)
            .contentType("application/problem+json")
            .extract()
            .path("detail");
    // nothing about our classes leaks
    assertThat(detail).doesNotContain("io.sloscout").doesNotContain("GenerateRequest");
  }

  @Test
  void generatingNeedsATokenAndListingToo() {
    anonymous()
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/artifacts:generate")
        .then()
        .statusCode(401);
    anonymous().get("/api/v1/artifacts").then().statusCode(401);
    anonymous().get("/api/v1/artifacts.zip").then().statusCode(401);
  }

  private static void generate() {
    authed()
        .contentType("application/json")
        .body("{\"slo\": \"" + SLO + "\"}")
        .post("/api/v1/artifacts:generate")
        .then()
        .statusCode(200);
  }
}
