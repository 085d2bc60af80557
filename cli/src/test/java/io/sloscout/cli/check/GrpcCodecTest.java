package io.sloscout.cli.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written parts of gRPC load: target and method names, metadata, health messages. */
class GrpcCodecTest {

  @Test
  void targetsParseWithAndWithoutScheme() {
    assertThat(GrpcTarget.parse("--target", "localhost:50051"))
        .isEqualTo(new GrpcTarget("localhost", 50051, false));
    assertThat(GrpcTarget.parse("--target", "grpc://10.0.0.1:9000/"))
        .isEqualTo(new GrpcTarget("10.0.0.1", 9000, false));
    GrpcTarget tls = GrpcTarget.parse("--target", "grpcs://[::1]:443");
    assertThat(tls.tls()).isTrue();
    assertThat(tls.toString()).isEqualTo("grpcs://[::1]:443");
  }

  @Test
  void badTargetsNameTheOption() {
    for (String bad :
        List.of(
            "localhost", "http://localhost:80", "grpc://host:80/path", "host:0", "host:99999")) {
      assertThatThrownBy(() -> GrpcTarget.parse("--target", bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("--target: '" + bad + "' is not a gRPC target");
    }
  }

  @Test
  void methodNamesNeedServiceSlashMethod() {
    assertThat(GrpcMethod.parse("--grpc-method", "/shop.v1.Checkout/PlaceOrder").fullName())
        .isEqualTo("shop.v1.Checkout/PlaceOrder");
    for (String bad : List.of("Checkout", "a.B/C/D", "a..B/C", "a.B/", "/C", "a.B/C-D")) {
      assertThatThrownBy(() -> GrpcMethod.parse("--grpc-method", bad))
          .as(bad)
          .hasMessageContaining("is not a gRPC method");
    }
  }

  @Test
  void headersBecomeMetadataAndBinaryOnesAreBase64() {
    Metadata md =
        GrpcLoadClient.metadata(
            List.of(
                LoadRequest.Header.parse("Authorization: Bearer x"),
                LoadRequest.Header.parse("trace-bin: AQID")));

    assertThat(md.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("Bearer x");
    assertThat(md.get(Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER)))
        .containsExactly(1, 2, 3);
    assertThatThrownBy(
            () -> GrpcLoadClient.metadata(List.of(LoadRequest.Header.parse("bad name: x"))))
        .hasMessageStartingWith("--header 'bad name'");
  }

  @Test
  void healthMessagesRoundTripTheWireFormat() {
    assertThat(GrpcHealth.request("")).isEmpty();
    assertThat(GrpcHealth.request("shop")).containsExactly(0x0A, 4, 's', 'h', 'o', 'p');
    assertThat(GrpcHealth.status(new byte[0])).isZero();
    assertThat(GrpcHealth.status(new byte[] {0x08, 0x01})).isEqualTo(GrpcHealth.SERVING);
    // an unknown length-delimited field before the status is skipped
    assertThat(GrpcHealth.status(new byte[] {0x12, 0x01, 'x', 0x08, 0x02})).isEqualTo(2);
    assertThat(GrpcHealth.name(2)).isEqualTo("NOT_SERVING");
    assertThatThrownBy(() -> GrpcHealth.status(new byte[] {0x12, 0x05, 'x'}))
        .hasMessageContaining("truncated");
  }
}
