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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(BackendTestResources.class)
class OperationsTest {

  @Inject AgroalDataSource dataSource;

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
        .body("checks.name", hasItems("database-schema", "vector-store"));
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'vector-store' }.status", equalTo("UP"));
    given().get("/q/health/live").then().statusCode(200);
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
