package io.sloscout.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FingerprintMaskingTest {

  private static String masked(String message) {
    return String.join(" ", TokenMasker.tokens(message, 128, 10_000));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "took 42 ms | took <*>",
        "size=91178 | size=<*>",
        "user=root rhost=mail.example.org | user=<*> rhost=<*>",
        "from 10.250.19.102:50010 | from <*>",
        "id 5f2c1b7e-9d3a-4c8e-b1f0-2a6d9e8c7b54 | id <*>",
        "addr 0x7fff5fbff8a8 | addr <*>",
        "wrote /var/log/app/x.log | wrote <*>",
        "GET /v2/servers/detail?all=True&x=1 HTTP/1.1 | GET <*>",
        "ret:true overlap:false | ret:<*> overlap:<*>",
        "Session opened for user alice | Session opened for user <*>",
        "Failed password for bob from 1.2.3.4 | Failed password for <*> from <*>",
        "at Sat Jun 25 09:20:24 2005 | at <*>",
        "850 bytes (1.2 KB) sent | <*> sent",
        "onExtend:1514038530000 14 | onExtend:<*> <*>",
        "mice.c(123) | mice.c(<*>)",
        "class org.example.Main started | class org.example.Main started",
        "action android.intent.action.SCREEN_ON | action android.intent.action.SCREEN_ON",
      })
  void masksVariablesAndKeepsWords(String message, String expected) {
    assertThat(masked(message)).isEqualTo(expected);
  }
}
