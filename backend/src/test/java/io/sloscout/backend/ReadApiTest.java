package io.sloscout.backend;

import static io.sloscout.backend.testing.Api.anonymous;
import static io.sloscout.backend.testing.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sloscout.backend.testing.BackendTestResources;
import io.sloscout.backend.testing.ShopData;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(BackendTestResources.class)
class ReadApiTest {

  @Inject AgroalDataSource dataSource;

  @BeforeEach
  void shop() {
    ShopData.ensure(dataSource);
  }

  @Test
  void servicesAreListedByNameWithTheirJourneyCounts() {
    JsonPath body = authed().get("/api/v1/services").then().statusCode(200).extract().jsonPath();
    assertThat(body.getList("items.name", String.class))
        .containsSubsequence("cart", "checkout", "frontend", "payment");
    assertThat(body.<Object>get("next")).isNull();
    List<Map<String, Object>> items = body.getList("items");
    Map<String, Object> frontend =
        items.stream().filter(m -> m.get("name").equals("frontend")).findFirst().orElseThrow();
    assertThat(frontend.get("journeys")).isEqualTo(2);
  }

  @Test
  void aServiceShowsItsOperationsAndAnUnknownOneIsAProblem() {
    authed()
        .get("/api/v1/services/frontend")
        .then()
        .statusCode(200)
        .body("operations.name", hasItems("GET /cart", "POST /checkout"));
    authed()
        .get("/api/v1/services/nope")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404))
        .body("detail", containsString("nope"));
  }

  @Test
  void journeysCarryTheJourneysJsonFieldsWithTotalsOverTheRange() {
    Instant to = ShopData.end().plus(1, ChronoUnit.MINUTES);
    Instant from = to.minus(60, ChronoUnit.MINUTES);
    JsonPath body =
        authed()
            .queryParam("from", from.toString())
            .queryParam("to", Long.toString(to.getEpochSecond()))
            .get("/api/v1/journeys")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Map<String, Object>> items = body.getList("items");
    Map<String, Object> checkout =
        items.stream().filter(m -> m.get("id").equals(ShopData.CHECKOUT)).findFirst().orElseThrow();
    assertThat(checkout.keySet())
        .containsExactlyInAnyOrder(
            "id",
            "name",
            "entryService",
            "entryOperation",
            "services",
            "requests",
            "errorRatio",
            "latencyMs");
    assertThat(checkout.get("requests")).isEqualTo(6000);
    assertThat(checkout.get("entryOperation")).isEqualTo("POST /checkout");
    assertThat(((Number) checkout.get("errorRatio")).doubleValue()).isCloseTo(0.005, within(1e-6));
    @SuppressWarnings("unchecked")
    Map<String, Number> latency = (Map<String, Number>) checkout.get("latencyMs");
    assertThat(latency.get("p50").doubleValue()).isBetween(150.0, 260.0);
    assertThat(latency.get("p99").doubleValue()).isBetween(350.0, 420.0);
    // most requests first
    assertThat(items.get(0).get("id")).isEqualTo(ShopData.CHECKOUT);
  }

  @Test
  void journeyListsPageWithACursor() {
    JsonPath first =
        authed()
            .queryParam("limit", 1)
            .get("/api/v1/journeys")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(first.getList("items")).hasSize(1);
    String next = first.getString("next");
    assertThat(next).isNotBlank();
    authed()
        .queryParam("limit", 1)
        .queryParam("cursor", next)
        .get("/api/v1/journeys")
        .then()
        .statusCode(200)
        .body("items[0].id", equalTo(ShopData.CART));
    authed().queryParam("cursor", "garbage!").get("/api/v1/journeys").then().statusCode(400);
    authed().queryParam("limit", 0).get("/api/v1/journeys").then().statusCode(400);
  }

  @Test
  void aJourneyShowsItsCallGraphAndPerMinuteSeries() {
    JsonPath j =
        authed()
            .get("/api/v1/journeys/" + ShopData.CHECKOUT)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(j.getList("edges.caller")).containsExactly("checkout", "frontend");
    assertThat(j.getList("edges.callee")).containsExactly("payment", "checkout");
    assertThat(j.getList("series")).hasSize(ShopData.MINUTES);
    assertThat(j.getInt("series[0].requests")).isEqualTo(100);
    assertThat(j.getInt("requests")).isEqualTo(ShopData.MINUTES * 100);
    assertThat(j.getList("operationEdges")).hasSize(2);
  }

  @Test
  void anUnknownJourneyIsA404ProblemDetail() {
    authed()
        .get("/api/v1/journeys/no-such-journey")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("title", equalTo("Not Found"))
        .body("instance", equalTo("/api/v1/journeys/no-such-journey"));
  }

  @Test
  void badRangesAreRefusedWithTheParameterNamed() {
    authed()
        .queryParam("from", "yesterday")
        .get("/api/v1/journeys")
        .then()
        .statusCode(400)
        .body("detail", containsString("from"));
    authed()
        .queryParam("from", "2026-01-02T00:00:00Z")
        .queryParam("to", "2026-01-01T00:00:00Z")
        .get("/api/v1/journeys")
        .then()
        .statusCode(400)
        .body("detail", containsString("before"));
    authed()
        .queryParam("from", "2020-01-01T00:00:00Z")
        .queryParam("to", "2026-01-01T00:00:00Z")
        .get("/api/v1/journeys/" + ShopData.CART)
        .then()
        .statusCode(400)
        .body("detail", containsString("90 days"));
  }

  @Test
  void readsNeedATokenByDefault() {
    anonymous()
        .get("/api/v1/journeys")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("Bearer"))
        .contentType("application/problem+json")
        .body("detail", containsString("token"));
    anonymous()
        .header("Authorization", "Bearer wrong-token")
        .get("/api/v1/services")
        .then()
        .statusCode(401)
        .body("detail", containsString("not valid"));
  }

  @Test
  void unknownApiPathsAreProblemDetails() {
    authed()
        .get("/api/v1/nothing-here")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404))
        .body("type", notNullValue())
        .body("errors", nullValue());
  }

  @Test
  void servicesListIncludesEveryServiceOfTheShop() {
    authed().get("/api/v1/services").then().body("items.name", hasItem("payment"));
  }
}
