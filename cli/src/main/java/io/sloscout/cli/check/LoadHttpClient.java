package io.sloscout.cli.check;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The JDK HTTP/1.1 client {@code check} loads with, and the threads it owns. */
public final class LoadHttpClient implements AutoCloseable {

  private final ExecutorService executor;
  private final HttpClient client;

  /** A client that connects within {@code connectTimeout} and never follows redirects. */
  public LoadHttpClient(Duration connectTimeout) {
    // daemon threads: a target that never answers must not keep the command from exiting
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "slo-scout-check-http");
              t.setDaemon(true);
              return t;
            });
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
  }

  public HttpClient client() {
    return client;
  }

  /** Stops the client's threads; answers still in flight are dropped. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
