package io.sloscout.app.supervisor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for things to become ready: HTTP probes and polling with a deadline. */
public final class Readiness {

  /** Why a wait ended without readiness. */
  public static final class NotReadyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotReadyException(String message) {
      super(message);
    }
  }

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private Readiness() {}

  /** Whether {@code url} answers a GET with a 2xx status within a few seconds. */
  public static boolean answers2xx(URI url) {
    return status(url).map(s -> s >= 200 && s < 300).orElse(false);
  }

  /** The status of a GET of {@code url}; empty when nothing answers within a few seconds. */
  public static Optional<Integer> status(URI url) {
    try {
      HttpResponse<Void> response =
          CLIENT.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return Optional.of(response.statusCode());
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Polls {@code ready} every {@code interval} until it holds.
   *
   * @param what what is awaited, for the message
   * @param gaveUp checked before each poll: a reason to stop waiting (a child that exited), or
   *     empty to go on
   * @throws NotReadyException when {@code timeout} passes or {@code gaveUp} gives a reason
   * @throws InterruptedException when interrupted
   */
  public static void await(
      String what,
      BooleanSupplier ready,
      Duration timeout,
      Duration interval,
      Supplier<Optional<String>> gaveUp)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<String> reason = gaveUp.get();
      if (reason.isPresent()) {
        throw new NotReadyException(what + " will not become ready: " + reason.get());
      }
      if (ready.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new NotReadyException(what + " was not ready after " + timeout.toSeconds() + " s");
      }
      Thread.sleep(interval.toMillis());
    }
  }
}
