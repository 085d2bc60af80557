package io.sloscout.backend;

import static io.sloscout.backend.testing.Api.anonymous;
import static io.sloscout.backend.testing.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;

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
class SearchApiTest {

  @Inject AgroalDataSource dataSource;
  @Inject TemplateSync templates;

  @BeforeEach
  void indexedShop() {
    ShopData.ensure(dataSource);
    templates.sync();
  }

  @Test
  void hitsCarryTheContractFieldsBestFirst() {
    JsonPath body =
        authed()
            .queryParam("q", "the card payment was rejected by the bank")
            .queryParam("k", 5)
            .get("/api/v1/templates/search")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Map<String, Object>> hits = body.getList("items");
    assertThat(hits).hasSize(5);
    assertThat(hits.get(0)).containsOnlyKeys("templateId", "template", "service", "score");
    assertThat(hits.get(0).get("templateId")).isEqualTo("tpl-payment-declined");
    assertThat(hits.get(0).get("service")).isEqualTo("payment");
    List<Float> scores = body.getList("items.score", Float.class);
    assertThat(scores).isSortedAccordingTo((a, b) -> Float.compare(b, a));
  }

  @Test
  void meaningNotWordsFindsTheTemplate() {
    authed()
        .queryParam("q", "basket product missing")
        .get("/api/v1/templates/search")
        .then()
        .statusCode(200)
        .body("items[0].templateId", org.hamcrest.Matchers.equalTo("tpl-cart-missing"));
  }

  @Test
  void badQueriesAreRefused() {
    authed().get("/api/v1/templates/search").then().statusCode(400);
    authed().queryParam("q", "  ").get("/api/v1/templates/search").then().statusCode(400);
    authed()
        .queryParam("q", "x")
        .queryParam("k", 0)
        .get("/api/v1/templates/search")
        .then()
        .statusCode(400);
    authed()
        .queryParam("q", "x".repeat(1001))
        .get("/api/v1/templates/search")
        .then()
        .statusCode(400);
    anonymous().queryParam("q", "timeout").get("/api/v1/templates/search").then().statusCode(401);
  }
}
