package io.sloscout.backend;

import static io.sloscout.backend.testing.Api.anonymous;
import static io.sloscout.backend.testing.Api.authed;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sloscout.backend.testing.BackendTestResources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(BackendTestResources.class)
class GateApiTest {

  @BeforeEach
  void anSlo() {
    authed()
        .contentType("application/yaml")
        .body(SloApiTest.availability("gate-availability", "0.99").replace("payment", "ledger"))
        .post("/api/v1/slos")
        .then()
        .statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(409)));
  }

  @Test
  void withoutTrafficTheGateIsInconclusiveAndRecordsWhy() {
    int id =
        authed()
            .contentType("application/json")
            .body("{\"service\": \"ledger\"}")
            .post("/api/v1/gate")
            .then()
            .statusCode(200)
            .body("decision", equalTo("inconclusive"))
            .body("service", equalTo("ledger"))
            .body("reasons", not(empty()))
            .body("slos[0].id", equalTo("ledger-gate-availability"))
            .extract()
            .path("id");
    authed()
        .queryParam("service", "ledger")
        .get("/api/v1/gate/decisions")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(id));
  }

  @Test
  void badRequestsAreProblems() {
    authed().contentType("application/json").body("{}").post("/api/v1/gate").then().statusCode(400);
    authed()
        .contentType("application/json")
        .body("{\"slos\": [\"nope\"]}")
        .post("/api/v1/gate")
        .then()
        .statusCode(404);
    authed()
        .contentType("application/json")
        .body("{\"service\": \"nobody\"}")
        .post("/api/v1/gate")
        .then()
        .statusCode(404);
    authed()
        .contentType("application/json")
        .body("{\"service\": \"ledger\", \"time\": \"noon\"}")
        .post("/api/v1/gate")
        .then()
        .statusCode(400)
        .body("detail", containsString("RFC 3339"));
    authed().get("/api/v1/gate/decisions").then().statusCode(400);
    anonymous()
        .contentType("application/json")
        .body("{\"service\": \"ledger\"}")
        .post("/api/v1/gate")
        .then()
        .statusCode(401);
  }
}
