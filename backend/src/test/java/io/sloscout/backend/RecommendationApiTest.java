package io.sloscout.backend;

import static io.sloscout.backend.testing.Api.anonymous;
import static io.sloscout.backend.testing.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sloscout.backend.search.TemplateSync;
import io.sloscout.backend.testing.BackendTestResources;
import io.sloscout.backend.testing.ShopData;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(BackendTestResources.class)
class RecommendationApiTest {

  @Inject AgroalDataSource dataSource;
  @Inject TemplateSync templates;

  @BeforeEach
  void shopWithRecommendations() {
    ShopData.ensure(dataSource);
    templates.sync();
    authed()
        .post("/api/v1/recommendations:recompute")
        .then()
        .statusCode(200)
        .body("journeys", greaterThanOrEqualTo(2))
        .body("recommendations", greaterThanOrEqualTo(4));
  }

  @Test
  void recommendationsCarryTheRecommendationsJsonFields() {
    JsonPath body =
        authed()
            .queryParam("journey", ShopData.CHECKOUT)
            .get("/api/v1/recommendations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Map<String, Object>> items = body.getList("items");
    assertThat(items)
        .extracting(m -> m.get("id"))
        .containsExactlyInAnyOrder(
            ShopData.CHECKOUT + ":availability", ShopData.CHECKOUT + ":latency");
    Map<String, Object> latency =
        items.stream()
            .filter(m -> m.get("id").toString().endsWith(":latency"))
            .findFirst()
            .orElseThrow();
    assertThat(latency)
        .containsKeys(
            "journey",
            "sli",
            "objective",
            "thresholdMs",
            "window",
            "confidence",
            "rationale",
            "evidence");
    assertThat(latency.get("journey")).isEqualTo(ShopData.CHECKOUT);
    assertThat(latency.get("window")).isEqualTo("30d");
    assertThat(((Map<?, ?>) latency.get("sli")).get("type")).isEqualTo("latency");
    assertThat(((Number) latency.get("thresholdMs")).doubleValue()).isEqualTo(500.0);
    assertThat((String) latency.get("rationale")).contains("POST /checkout").contains("Threshold");
  }

  @Test
  void availabilityEvidenceIsTheJourneysRelatedErrorTemplates() {
    JsonPath r =
        authed()
            .get("/api/v1/recommendations/" + ShopData.CHECKOUT + ":availability")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(r.getDouble("objective")).isBetween(0.99, 0.995);
    List<Map<String, Object>> evidence = r.getList("evidence");
    assertThat(evidence).isNotEmpty();
    assertThat(evidence.get(0)).containsOnlyKeys("templateId", "template", "source", "count");
    assertThat(evidence)
        .extracting(e -> e.get("templateId"))
        .contains("tpl-payment-declined", "tpl-payment-timeout")
        // cart is not on the checkout journey
        .doesNotContain("tpl-cart-missing");
  }

  @Test
  void acceptingStoresANativeSloAndMarksTheRecommendation() {
    String id = ShopData.CART + ":availability";
    JsonPath slo =
        authed()
            .post("/api/v1/recommendations/" + id + "/accept")
            .then()
            .statusCode(201)
            .header("Location", containsString("/api/v1/slos/frontend-get-cart-availability"))
            .body("source", equalTo("recommended"))
            .body("recommendationId", equalTo(id))
            .extract()
            .jsonPath();
    assertThat(slo.getString("yaml"))
        .contains("apiVersion: slo-scout.io/v1")
        .contains("journey: \"frontend-get-cart\"")
        .contains("http_route=\\\"/cart\\\"");
    authed()
        .get("/api/v1/recommendations/" + id)
        .then()
        .body("status", equalTo("accepted"))
        .body("sloId", equalTo("frontend-get-cart-availability"));
    authed()
        .queryParam("status", "accepted")
        .get("/api/v1/recommendations")
        .then()
        .statusCode(200)
        .body("items.id", org.hamcrest.Matchers.hasItem(id));
    authed()
        .post("/api/v1/recommendations/" + id + "/accept")
        .then()
        .statusCode(409)
        .body("detail", containsString("already accepted"));
    // recomputing keeps what a person decided
    authed().post("/api/v1/recommendations:recompute").then().statusCode(200);
    authed().get("/api/v1/recommendations/" + id).then().body("status", equalTo("accepted"));
  }

  @Test
  void unknownRecommendationsAre404s() {
    authed().get("/api/v1/recommendations/nope:latency").then().statusCode(404);
    authed()
        .post("/api/v1/recommendations/nope:latency/accept")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void badFiltersAreRefused() {
    authed()
        .queryParam("status", "maybe")
        .get("/api/v1/recommendations")
        .then()
        .statusCode(400)
        .body("detail", containsString("open, accepted or dismissed"));
  }

  @Test
  void recomputeAndAcceptNeedAToken() {
    anonymous().post("/api/v1/recommendations:recompute").then().statusCode(401);
    anonymous()
        .post("/api/v1/recommendations/" + ShopData.CART + ":latency/accept")
        .then()
        .statusCode(401);
    anonymous().get("/api/v1/recommendations").then().statusCode(401);
  }
}
