package io.sloscout.backend;

import static io.sloscout.backend.testing.Api.anonymous;
import static io.sloscout.backend.testing.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sloscout.backend.testing.BackendTestResources;
import io.sloscout.backend.testing.ShopData;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(BackendTestResources.class)
class SloApiTest {

  static final String CART_LATENCY =
      """
      apiVersion: slo-scout.io/v1
      kind: ServiceLevelObjective
      metadata:
        name: cart-latency
        labels:
          journey: frontend-get-cart
      spec:
        service: cart
        description: Cart pages load fast.
        tier: standard
        indicator:
          type: latency
          latency:
            metric: http_server_request_duration_seconds
            matchers: 'service_name="frontend",http_route="/cart"'
            threshold: 0.075
            buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1]
        objectives:
          - target: 0.9
            window: 30d
      """;

  @Inject AgroalDataSource dataSource;

  @BeforeEach
  void shop() {
    ShopData.ensure(dataSource);
  }

  static String availability(String name, String target) {
    return """
        apiVersion: slo-scout.io/v1
        kind: ServiceLevelObjective
        metadata:
          name: %s
        spec:
          service: payment
          indicator:
            type: ratio
            ratio:
              bad:
                metric: http_server_request_duration_seconds_count
                matchers: 'service_name="payment",http_response_status_code=~"5.."'
              total:
                metric: http_server_request_duration_seconds_count
                matchers: 'service_name="payment"'
          objectives:
            - target: %s
              window: 30d
        """
        .formatted(name, target);
  }

  @Test
  void yamlSloIsCreatedReadUpdatedAndDeleted() {
    JsonPath created =
        authed()
            .contentType("application/yaml")
            .body(availability("crud-availability", "0.999"))
            .post("/api/v1/slos")
            .then()
            .statusCode(201)
            .header("Location", containsString("/api/v1/slos/payment-crud-availability"))
            .header("ETag", "\"1\"")
            .body("id", equalTo("payment-crud-availability"))
            .body("version", equalTo(1))
            .body("source", equalTo("manual"))
            .body("spec.spec.objectives[0].target", equalTo(0.999f))
            .extract()
            .jsonPath();
    assertThat(created.getString("yaml")).contains("name: crud-availability");

    authed()
        .accept("application/yaml")
        .get("/api/v1/slos/payment-crud-availability")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/yaml"))
        .body(containsString("apiVersion: slo-scout.io/v1"));

    authed()
        .contentType("application/yaml")
        .header("If-Match", "\"1\"")
        .body(availability("crud-availability", "0.995"))
        .put("/api/v1/slos/payment-crud-availability")
        .then()
        .statusCode(200)
        .body("version", equalTo(2));

    // the version read before the update is stale now
    authed()
        .contentType("application/yaml")
        .header("If-Match", "\"1\"")
        .body(availability("crud-availability", "0.99"))
        .put("/api/v1/slos/payment-crud-availability")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("version 1"));

    authed()
        .get("/api/v1/slos")
        .then()
        .statusCode(200)
        .body("items.id", hasItem("payment-crud-availability"));

    authed()
        .header("If-Match", "\"2\"")
        .delete("/api/v1/slos/payment-crud-availability")
        .then()
        .statusCode(204);
    authed().get("/api/v1/slos/payment-crud-availability").then().statusCode(404);
    authed().delete("/api/v1/slos/payment-crud-availability").then().statusCode(404);
  }

  @Test
  void jsonBodiesAreStoredAsYaml() {
    String json =
        """
        {"apiVersion": "slo-scout.io/v1", "kind": "ServiceLevelObjective",
         "metadata": {"name": "json-availability"},
         "spec": {"service": "payment",
           "indicator": {"type": "ratio", "ratio": {
             "bad": {"metric": "http_server_request_duration_seconds_count", "matchers": "service_name=\\"payment\\",http_response_status_code=~\\"5..\\""},
             "total": {"metric": "http_server_request_duration_seconds_count", "matchers": "service_name=\\"payment\\""}}},
           "objectives": [{"target": 0.99, "window": "28d"}]}}
        """;
    JsonPath created =
        authed()
            .contentType("application/json")
            .body(json)
            .post("/api/v1/slos")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertThat(created.getString("yaml"))
        .startsWith("apiVersion: slo-scout.io/v1")
        .contains("name: json-availability")
        .doesNotContain("{\"");
    authed().delete("/api/v1/slos/payment-json-availability").then().statusCode(204);
  }

  @Test
  void invalidDocumentsGetProblemDetailsWithFileLinePositions() {
    JsonPath problem =
        authed()
            .contentType("application/yaml")
            .body(availability("bad-target", "1.5"))
            .post("/api/v1/slos")
            .then()
            .statusCode(422)
            .contentType("application/problem+json")
            .body("title", equalTo("Invalid SLO document"))
            .extract()
            .jsonPath();
    List<Map<String, Object>> errors = problem.getList("errors");
    assertThat(errors).isNotEmpty();
    Map<String, Object> first = errors.get(0);
    assertThat(first.get("file")).isEqualTo("request.yaml");
    assertThat(first.get("line")).isEqualTo(17);
    assertThat((String) first.get("field")).contains("objectives[0].target");
    assertThat((String) first.get("location")).startsWith("request.yaml:17:");
  }

  @Test
  void yamlSyntaxErrorsPointAtTheLine() {
    authed()
        .contentType("application/yaml")
        .body("apiVersion: slo-scout.io/v1\nkind: [unclosed\n")
        .post("/api/v1/slos")
        .then()
        .statusCode(422)
        .body("errors[0].line", equalTo(2))
        .body("errors[0].message", containsString("invalid YAML"));
    authed()
        .contentType("application/json")
        .body("{\"apiVersion\": ")
        .post("/api/v1/slos")
        .then()
        .statusCode(422)
        .body("detail", containsString("JSON"));
  }

  @Test
  void otherFormatsEmptyBodiesAndManyDocumentsAreRefused() {
    authed()
        .contentType("application/yaml")
        .body("apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: x\n")
        .post("/api/v1/slos")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("apiVersion"))
        .body("errors[0].line", equalTo(1));
    authed().contentType("application/yaml").body("").post("/api/v1/slos").then().statusCode(400);
    authed()
        .contentType("application/yaml")
        .body(availability("a", "0.99") + "---\n" + availability("b", "0.99"))
        .post("/api/v1/slos")
        .then()
        .statusCode(422)
        .body("detail", containsString("exactly one document"));
    authed()
        .contentType("text/csv")
        .body("a,b")
        .post("/api/v1/slos")
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
  }

  @Test
  void validatorWarningsComeBackWithTheCreatedSlo() {
    authed()
        .contentType("application/yaml")
        .body(availability("very-strict", "0.99999"))
        .post("/api/v1/slos")
        .then()
        .statusCode(201)
        .body("warnings[0].message", containsString("above 99.99%"))
        .body("warnings[0].file", equalTo("request.yaml"));
    authed().delete("/api/v1/slos/payment-very-strict").then().statusCode(204);
  }

  @Test
  void duplicatesAndIdChangesAreConflicts() {
    authed()
        .contentType("application/yaml")
        .body(availability("dup", "0.99"))
        .post("/api/v1/slos")
        .then()
        .statusCode(201);
    authed()
        .contentType("application/yaml")
        .body(availability("dup", "0.99"))
        .post("/api/v1/slos")
        .then()
        .statusCode(409);
    authed()
        .contentType("application/yaml")
        .queryParam("version", 1)
        .body(availability("renamed", "0.99"))
        .put("/api/v1/slos/payment-dup")
        .then()
        .statusCode(422)
        .body("detail", containsString("payment-renamed"));
    authed()
        .contentType("application/yaml")
        .body(availability("dup", "0.99"))
        .put("/api/v1/slos/payment-dup")
        .then()
        .statusCode(428);
    authed()
        .contentType("application/yaml")
        .header("If-Match", "\"1\"")
        .body(availability("nope", "0.99"))
        .put("/api/v1/slos/payment-nope")
        .then()
        .statusCode(404);
    authed().delete("/api/v1/slos/payment-dup").then().statusCode(204);
  }

  @Test
  void writesNeedAToken() {
    anonymous()
        .contentType("application/yaml")
        .body(availability("no-token", "0.99"))
        .post("/api/v1/slos")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    anonymous().delete("/api/v1/slos/payment-anything").then().statusCode(401);
    anonymous()
        .contentType("application/yaml")
        .body(availability("no-token", "0.99"))
        .put("/api/v1/slos/payment-no-token")
        .then()
        .statusCode(401);
  }

  @Test
  void bodiesOverTheLimitAreRefused() {
    String big = availability("big", "0.99") + "#" + "x".repeat(1_100_000) + "\n";
    authed().contentType("application/yaml").body(big).post("/api/v1/slos").then().statusCode(413);
  }

  @Test
  void statusShowsTheErrorBudgetFromTheJourneyAggregates() {
    authed()
        .contentType("application/yaml")
        .body(CART_LATENCY)
        .post("/api/v1/slos")
        .then()
        .statusCode(201);
    JsonPath status =
        authed()
            .get("/api/v1/slos/cart-cart-latency/status")
            .then()
            .statusCode(200)
            .body("journey", equalTo("frontend-get-cart"))
            .body("sliType", equalTo("latency"))
            .body("note", nullValue())
            .extract()
            .jsonPath();
    // 50 requests a minute spread over 5..80 ms: 47 are at or under 75 ms
    assertThat(status.getDouble("goodRatio"))
        .isCloseTo(0.94, org.assertj.core.api.Assertions.within(0.005));
    assertThat(status.getDouble("errorBudgetRemaining"))
        .isCloseTo(0.4, org.assertj.core.api.Assertions.within(0.05));
    assertThat(status.getList("series")).isNotEmpty();
    authed()
        .get("/api/v1/slos/cart-cart-latency/status")
        .then()
        .body("series[0].burnRate", not(nullValue()));
    authed().delete("/api/v1/slos/cart-cart-latency").then().statusCode(204);
    authed().get("/api/v1/slos/cart-cart-latency/status").then().statusCode(404);
  }
}
