package io.sloscout.cli.check;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one request a load run sends over and over.
 *
 * @param headers name and value pairs, in the order given
 * @param body empty for no body
 * @param timeout per request, until the response headers arrive
 */
public record LoadRequest(
    URI uri, String method, List<Header> headers, byte[] body, Duration timeout) {

  /** One HTTP header. */
  public record Header(String name, String value) {
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }

    /**
     * Parses {@code Name: value} as given to {@code --header}.
     *
     * @throws IllegalArgumentException naming the text when it has no name or no colon
     */
    public static Header parse(String text) {
      int colon = text.indexOf(':');
      if (colon <= 0 || text.substring(0, colon).isBlank()) {
        throw new IllegalArgumentException(
            "--header '" + text + "': expected NAME:VALUE, e.g. 'Authorization: Bearer x'");
      }
      return new Header(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
    }
  }

  public LoadRequest {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(timeout, "timeout");
    method = method.toUpperCase(Locale.ROOT);
    headers = List.copyOf(headers);
    body = body.clone();
    String scheme = uri.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("'" + uri + "' is not an http:// or https:// URL");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("'" + uri + "' has no host");
    }
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * The JDK request this describes; built once and reused, since JDK requests are immutable.
   *
   * @throws IllegalArgumentException when the JDK refuses a header (such as Host or Connection)
   */
  public HttpRequest toHttpRequest() {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .method(
                method,
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Header h : headers) {
      try {
        b.header(h.name(), h.value());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--header '" + h.name() + "': " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoadRequest r
        && uri.equals(r.uri)
        && method.equals(r.method)
        && headers.equals(r.headers)
        && java.util.Arrays.equals(body, r.body)
        && timeout.equals(r.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(uri, method, headers, java.util.Arrays.hashCode(body), timeout);
  }

  @Override
  public String toString() {
    return method + " " + uri + " (" + body.length + " byte body, " + headers.size() + " headers)";
  }
}
