package io.sloscout.app.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void aTakenPortIsNamedWithTheOptionThatChoosesAnother() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertThatThrownBy(
              () ->
                  Ports.requireFree(
                      "127.0.0.1",
                      List.of(
                          new Ports.Claim(
                              "OTLP/gRPC", Ports.anyFree("127.0.0.1"), "--otlp-grpc-port"),
                          new Ports.Claim("the web UI and REST API", port, "--http-port"))))
          .isInstanceOf(Ports.PortException.class)
          .hasMessage(
              "port "
                  + port
                  + " on 127.0.0.1 (the web UI and REST API) is already in use; stop what uses it"
                  + " or choose another with --http-port");
    }
  }

  @Test
  void aPortListeningOnAllAddressesIsTakenForLoopbackToo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThat(Ports.free("127.0.0.1", taken.getLocalPort())).isFalse();
    }
  }

  @Test
  void onePortGivenTwiceIsRefused() {
    int port = Ports.anyFree("127.0.0.1");
    assertThatThrownBy(
            () ->
                Ports.requireFree(
                    "127.0.0.1",
                    List.of(
                        new Ports.Claim("OTLP/HTTP", port, "--otlp-http-port"),
                        new Ports.Claim("the web UI and REST API", port, "--http-port"))))
        .isInstanceOf(Ports.PortException.class)
        .hasMessageContaining("is given for both OTLP/HTTP (--otlp-http-port) and the web UI");
  }

  @Test
  void freePortsPass() {
    Ports.requireFree(
        "127.0.0.1",
        List.of(
            new Ports.Claim("a", Ports.anyFree("127.0.0.1"), "--a"),
            new Ports.Claim("b", 0, "--b")));
  }
}
