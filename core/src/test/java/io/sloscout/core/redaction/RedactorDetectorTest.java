package io.sloscout.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each detector finds its PII and leaves look-alikes alone. */
class RedactorDetectorTest {

  private static final Redactor REDACTOR = Redactor.withDefaults();

  static Stream<Arguments> positives() {
    return Stream.of(
        // email
        Arguments.of("mail jane.doe+shop@example.co.uk sent", "mail <EMAIL> sent", "EMAIL"),
        Arguments.of("from=<Bob.Smith@Mail.EXAMPLE.org>", "from=<<EMAIL>>", "EMAIL"),
        // IPv4, with its port kept
        Arguments.of("client 192.168.1.20 connected", "client <IP> connected", "IP"),
        Arguments.of("dial tcp 10.0.0.1:8080: refused", "dial tcp <IP>:8080: refused", "IP"),
        Arguments.of("peer=8.8.8.8.", "peer=<IP>.", "IP"),
        // IPv6
        Arguments.of("from 2001:db8:85a3::8a2e:370:7334 ok", "from <IP> ok", "IP"),
        Arguments.of("addr fe80::1ff:fe23:4567:890a", "addr <IP>", "IP"),
        Arguments.of("ip 2001:0db8:0000:0000:0000:ff00:0042:8329 x", "ip <IP> x", "IP"),
        Arguments.of("mapped ::ffff:10.1.2.3 in", "mapped <IP> in", "IP"),
        // payment cards (Luhn)
        Arguments.of(
            "card 4111 1111 1111 1111 charged", "card <CREDIT_CARD> charged", "CREDIT_CARD"),
        Arguments.of("pan=5555555555554444", "pan=<CREDIT_CARD>", "CREDIT_CARD"),
        Arguments.of("amex 3782-822463-10005.", "amex <CREDIT_CARD>.", "CREDIT_CARD"),
        Arguments.of(
            "{\"card\":\"6011111111111117\"}", "{\"card\":\"<CREDIT_CARD>\"}", "CREDIT_CARD"),
        // phone numbers (libphonenumber)
        Arguments.of("call +1 201-555-0123 now", "call <PHONE> now", "PHONE"),
        Arguments.of("tel (201) 555-0123", "tel <PHONE>", "PHONE"),
        Arguments.of("uk +44 20 7946 0958 x", "uk <PHONE> x", "PHONE"),
        Arguments.of("fr +33 1 23 45 67 89", "fr <PHONE>", "PHONE"),
        Arguments.of("sms to +12015550123 3 times", "sms to <PHONE> 3 times", "PHONE"),
        Arguments.of("phone 201.555.0123", "phone <PHONE>", "PHONE"),
        // US SSN
        Arguments.of("ssn 123-45-6789 on file", "ssn <SSN> on file", "SSN"),
        // IBAN (mod-97)
        Arguments.of("iban DE89 3704 0044 0532 0130 00 paid", "iban <IBAN> paid", "IBAN"),
        Arguments.of("to GB82WEST12345698765432", "to <IBAN>", "IBAN"),
        // JWT
        Arguments.of("jwt " + jwt() + " ok", "jwt <JWT> ok", "JWT"),
        // AWS access keys
        Arguments.of("key AKIA2E0A8F3B244C9986 used", "key <AWS_KEY> used", "AWS_KEY"),
        Arguments.of("ASIAY34FZKBOKMUTVV7A", "<AWS_KEY>", "AWS_KEY"),
        // bearer tokens and Authorization headers
        Arguments.of(
            "Authorization: Bearer abcDEF123456.xyz-_~", "Authorization: Bearer <TOKEN>", "TOKEN"),
        Arguments.of("auth=bearer q1w2e3r4t5y6", "auth=bearer <TOKEN>", "TOKEN"),
        Arguments.of(
            "Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic <SECRET>", "SECRET"),
        Arguments.of(
            "\"authorization\":\"Digest abc123\"",
            "\"authorization\":\"Digest <SECRET>\"",
            "SECRET"),
        // passwords and secrets: key=value, JSON, URL userinfo, query parameters
        Arguments.of("login password=hunter2 ok", "login password=<SECRET> ok", "SECRET"),
        Arguments.of("DB_PASSWORD: s3cr3t!", "DB_PASSWORD: <SECRET>", "SECRET"),
        Arguments.of(
            "{\"user\":\"u1\",\"password\": \"correct horse\"}",
            "{\"user\":\"u1\",\"password\": \"<SECRET>\"}",
            "SECRET"),
        Arguments.of("{'client_secret': 'abc'}", "{'client_secret': '<SECRET>'}", "SECRET"),
        Arguments.of(
            "GET https://admin:s3cr3t@db.example.com/x",
            "GET https://<SECRET>@db.example.com/x",
            "SECRET"),
        Arguments.of(
            "GET /cb?code=1&access_token=ya29.a0AfH6&state=x",
            "GET /cb?code=1&access_token=<SECRET>&state=x",
            "SECRET"),
        Arguments.of("/v1?api_key=abc123def&page=2", "/v1?api_key=<SECRET>&page=2", "SECRET"),
        Arguments.of("secret=topsecret token=t0k3n", "secret=<SECRET> token=<SECRET>", "SECRET"),
        Arguments.of("Cookie: session=9f8e7d", "Cookie: <SECRET>", "SECRET"),
        // MAC addresses
        Arguments.of("nic 00:1A:2B:3C:4D:5E up", "nic <MAC> up", "MAC"),
        Arguments.of("nic 00-1a-2b-3c-4d-5e up", "nic <MAC> up", "MAC"),
        // high-entropy secrets
        Arguments.of("using Zq8xT2mLr9VbN4kW7pHs3dYc", "using <SECRET>", "SECRET"),
        Arguments.of("sig x7Kp2QvR9tLm4NwZ8bYc3Hd6==", "sig <SECRET>", "SECRET"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("positives")
  void findsAndReplacesThePiiWithItsTypedPlaceholder(String input, String expected, String type) {
    RedactionResult result = REDACTOR.redact(input);

    assertThat(result.text()).isEqualTo(expected);
    assertThat(result.count(type)).as("count of %s in %s", type, result.counts()).isPositive();
  }

  static Stream<String> lookAlikes() {
    return Stream.of(
        // email
        "user at example.com",
        "ping @channel",
        "root@localhost",
        "a@b.c",
        // IPv4
        "bad 999.1.1.1 octet",
        "release 1.2.3",
        "build v1.2.3.4",
        "oid 1.3.6.1.4.1",
        // IPv6
        "std::vector<int>",
        "at 10:23:45",
        "Module::Class::method",
        // cards
        "order 4111111111111112 shipped",
        "ts 1714567890123",
        "id 9111111111111111 (Luhn-valid but no card network)",
        "digits 1111 1111 1111 1111",
        // phone
        "date 2024-05-01",
        "epoch 1714567890",
        "ref 123-456",
        "count 5550123 rows",
        // SSN
        "ssn 000-12-3456",
        "ssn 666-12-3456",
        "code 123-45-67890",
        // IBAN
        "iban GB82 WEST 1234 5698 7654 31",
        "iban GB82WEST12345698765431",
        "SKU AB12CD34EF56GH78",
        // JWT
        "token header eyJhbGciOi only",
        // AWS
        "AKIA1234 too short",
        // secrets that are not secrets
        "password_policy=strict",
        "max_tokens=512",
        "token_type=bearer",
        "password=",
        "password=null",
        "password=********",
        "api_key_url=https://keys.example.com",
        // MAC
        "mac 00:1A:2B:3C:4D",
        // high entropy
        "AbstractHttp11ProtocolHandler started",
        "Checkout-Service-v2-Replica3",
        "sha 9b74c9897bac770ffc029102a200c5de",
        "GetProductByIdV2Handler1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lookAlikes")
  void leavesLookAlikesUntouched(String input) {
    RedactionResult result = REDACTOR.redact(input);

    assertThat(result.text()).isEqualTo(input);
    assertThat(result.redacted()).isFalse();
  }

  static Stream<String> leaveAlone() {
    return Stream.of(
        "trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7",
        "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "request 123e4567-e89b-12d3-a456-426614174000 done",
        "REQ 123E4567-E89B-12D3-A456-426614174000",
        "2024-05-01T12:34:56.789Z INFO started",
        "2024-05-01T12:34:56.789+02:00 WARN slow",
        "2024-05-01 12:34:56,789 ERROR failed",
        "at 1714567890123 ms and 1714567890 s",
        "version 1.2.3, api v2, python 3.11.4, chart 0.1.0-SNAPSHOT",
        "took 150ms (p99 2.5s, 1200us)",
        "listening on :8080 and localhost:9090",
        "order 4111111111111112 total 99.90",
        "GET /api/v1/orders/12345 200 12ms",
        "pod checkout-7d9f8b6c4-x2k9p restarted 3 times",
        "thread http-nio-8080-exec-3 pool-1-thread-12");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("leaveAlone")
  void leavesIdsTimestampsVersionsDurationsAndPortsAlone(String input) {
    assertThat(REDACTOR.redactText(input)).isEqualTo(input);
  }

  /** A JWT built here, so the test holds no token from elsewhere. */
  static String jwt() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(
            "{\"sub\":\"42\",\"email\":\"x@y.io\"}".getBytes(StandardCharsets.UTF_8))
        + ".c2lnbmF0dXJlLWJ5dGVzLWhlcmU";
  }
}
