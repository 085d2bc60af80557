package io.sloscout.backend.testing;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests to the API, with and without the test token; YAML and CSV bodies go as text. */
public final class Api {

  private Api() {}

  private static RestAssuredConfig config() {
    return RestAssured.config()
        .encoderConfig(
            EncoderConfig.encoderConfig()
                .encodeContentTypeAs("application/yaml", ContentType.TEXT)
                .encodeContentTypeAs("text/csv", ContentType.TEXT));
  }

  /** A request carrying the valid token. */
  public static RequestSpecification authed() {
    return anonymous().header("Authorization", "Bearer " + BackendTestResources.TOKEN);
  }

  /** A request without any token. */
  public static RequestSpecification anonymous() {
    return given().config(config());
  }
}
