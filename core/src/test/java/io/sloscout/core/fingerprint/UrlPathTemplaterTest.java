package io.sloscout.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlPathTemplaterTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/product/123 | /product/{id}",
        "/users/5f2c1b7e-9d3a-4c8e-b1f0-2a6d9e8c7b54/orders/42 | /users/{id}/orders/{id}",
        "/api/v2/cart | /api/v2/cart",
        "/api/v2/cart?session=abc&x=1 | /api/v2/cart",
        "/search#results | /search",
        "/oauth2/token | /oauth2/token",
        "/blobs/9f86d081884c7d65 | /blobs/{id}",
        "/orders/ord-12345/items | /orders/{id}/items",
        "https://shop.example.com/product/7?ref=home | /product/{id}",
        "/product/123/ | /product/{id}",
        "//a//b | /a/b",
        "/ | /",
        "'' | /",
      })
  void templatesIdSegments(String path, String expected) {
    assertThat(UrlPathTemplater.template(path)).isEqualTo(expected);
  }
}
