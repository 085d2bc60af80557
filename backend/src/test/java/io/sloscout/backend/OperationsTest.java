package io.sloscout.backend;

import static io.restassured.RestAssured.given;
import static io.sloscout.backend.testing.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sloscout.backend.testing.BackendTestResources;
import io.sloscout.backend.testing.ShopData;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(BackendTestResources.class)
class OperationsTest {

  @Inject AgroalDataSource dataSource;

  /** The stub pipeline readiness URL BackendTestResources started. */
  @ConfigProperty(name = "slo-scout.pipeline.health-urls")
  String pipelineReady;

  @BeforeEach
  void shop() {
    ShopData.ensure(dataSource);
  }

  @Test
  void healthCoversTheDatabaseAndTheVectorStore() {
    given()
        .get("/q/health")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItems("database-schema", "vector-store", "pipeline"));
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'vector-store' }.status", equalTo("UP"));
    given().get("/q/health/live").then().statusCode(200);
  }

  @Test
  void readinessFollowsThePipeline() throws Exception {
    setPipelineStatus(200);
    awaitPipeline("UP", 200);
    given()
        .get("/q/health/ready")
        .then()
        .body("checks.find { it.name == 'pipeline' }.data", equalTo(Map.of(pipelineReady, "200")));

    setPipelineStatus(503);
    awaitPipeline("DOWN", 503);
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("status", equalTo("DOWN"))
        .body("checks.find { it.name == 'pipeline' }.data", equalTo(Map.of(pipelineReady, "503")))
        .body("checks.find { it.name == 'database-schema' }.status", equalTo("UP"));
    // liveness does not depend on the pipeline
    given().get("/q/health/live").then().statusCode(200);
  }

  @AfterEach
  void pipelineUpAgain() throws Exception {
    // the other tests expect a ready backend
    setPipelineStatus(200);
    awaitPipeline("UP", 200);
  }

  private void setPipelineStatus(int status) throws IOException, InterruptedException {
    HttpResponse<Void> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(pipelineReady))
                    .POST(HttpRequest.BodyPublishers.ofString(Integer.toString(status)))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(r.statusCode()).isEqualTo(204);
  }

  /** Waits out the check's result cache (2 s by default) until /q/health/ready shows status. */
  private void awaitPipeline(String status, int httpStatus) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    String seen = null;
    while (System.nanoTime() < deadline) {
      var r = given().get("/q/health/ready").then().extract();
      seen = r.path("checks.find { it.name == 'pipeline' }.status");
      if (status.equals(seen) && r.statusCode() == httpStatus) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the pipeline check stayed " + seen + ", expected " + status);
  }

  @Test
  void metricsShowRequestLatencyAndRecommendationTimings() {
    authed().post("/api/v1/recommendations:recompute").then().statusCode(200);
    authed().get("/api/v1/journeys").then().statusCode(200);
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("slo_scout_recommendations_recompute_seconds_count")
        .contains("slo_scout_templates_search_seconds");
    List<String> http =
        metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count")).toList();
    assertThat(http)
        .as("request latency per route")
        .anySatisfy(l -> assertThat(l).contains("uri=\"/journeys\"").contains("status=\"200\""));
  }

  @Test
  void theOpenApiDocumentDescribesTheApi() {
    given()
        .accept("application/json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/api/v1/journeys/{id}"))
        .body(containsString("/api/v1/recommendations:recompute"))
        .body(containsString("/api/v1/recommendations/{id}/accept"))
        .body(containsString("/api/v1/slos/{id}"))
        .body(containsString("/api/v1/artifacts:generate"))
        .body(containsString("/api/v1/artifacts.zip"))
        .body(containsString("/api/v1/gitops/export"))
        .body(containsString("/api/v1/templates/search"))
        .body(containsString("/api/v1/gate"))
        .body(containsString("bearer"));
  }

  @Test
  void theUiIsServedFromTheJar() {
    given()
        .get("/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("<title>SLO-Scout</title>"));
    given().get("/app.js").then().statusCode(200).body(containsString("api/v1"));
    given().get("/charts.js").then().statusCode(200).body(containsString("callGraph"));
  }
}
