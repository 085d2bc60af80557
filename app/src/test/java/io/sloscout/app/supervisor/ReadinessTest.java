package io.sloscout.app.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadinessTest {

  private HttpServer server;
  private final AtomicInteger calls = new AtomicInteger();

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // ready from the third call on, as a service that takes a moment to start
    server.createContext(
        "/ready",
        exchange -> {
          int status = calls.incrementAndGet() >= 3 ? 200 : 503;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI ready() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ready");
  }

  @Test
  void waitsUntilTheProbeAnswers2xx() throws Exception {
    Readiness.await(
        "service",
        () -> Readiness.answers2xx(ready()),
        Duration.ofSeconds(30),
        Duration.ofMillis(10),
        Optional::empty);
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void nothingListeningIsNotReady() {
    int port = Ports.anyFree("127.0.0.1");
    assertThat(Readiness.status(URI.create("http://127.0.0.1:" + port + "/"))).isEmpty();
  }

  @Test
  void aReasonToGiveUpEndsTheWait() {
    assertThatThrownBy(
            () ->
                Readiness.await(
                    "the backend",
                    () -> false,
                    Duration.ofMinutes(5),
                    Duration.ofMillis(10),
                    () -> Optional.of("backend exited unexpectedly with code 1")))
        .isInstanceOf(Readiness.NotReadyException.class)
        .hasMessage("the backend will not become ready: backend exited unexpectedly with code 1");
  }

  @Test
  void theWaitEndsAtTheTimeout() {
    assertThatThrownBy(
            () ->
                Readiness.await(
                    "the Flink jobs",
                    () -> false,
                    Duration.ofMillis(50),
                    Duration.ofMillis(10),
                    Optional::empty))
        .isInstanceOf(Readiness.NotReadyException.class)
        .hasMessage("the Flink jobs was not ready after 0 s");
  }
}
