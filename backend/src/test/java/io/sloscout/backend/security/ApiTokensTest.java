package io.sloscout.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiTokensTest {

  @Test
  void theStoredFormIsTheHexSha256OfTheToken() {
    // printf %s abc | sha256sum
    assertThat(ApiTokens.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
