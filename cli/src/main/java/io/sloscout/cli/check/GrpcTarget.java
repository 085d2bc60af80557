package io.sloscout.cli.check;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where gRPC load goes: {@code host:port} or {@code grpc://host:port} in plaintext, {@code
 * grpcs://host:port} over TLS.
 */
public record GrpcTarget(String host, int port, boolean tls) {

  public GrpcTarget {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("gRPC target has no host");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("gRPC port must be 1-65535, got " + port);
    }
  }

  /**
   * Parses a gRPC target as given to {@code --target}.
   *
   * @param option the option name, for the message
   * @throws IllegalArgumentException naming the option and text when it is not {@code
   *     [grpc[s]://]host:port}
   */
  public static GrpcTarget parse(String option, String text) {
    String t = text == null ? "" : text.trim();
    String lower = t.toLowerCase(Locale.ROOT);
    boolean tls = lower.startsWith("grpcs://");
    String rest;
    if (tls) {
      rest = t.substring("grpcs://".length());
    } else if (lower.startsWith("grpc://")) {
      rest = t.substring("grpc://".length());
    } else if (t.contains("://")) {
      throw invalid(option, text, "only grpc:// and grpcs:// are gRPC schemes");
    } else {
      rest = t;
    }
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    URI u;
    try {
      // java.net.URI splits host and port, IPv6 literals in brackets included
      u = new URI("grpc://" + rest);
    } catch (URISyntaxException e) {
      throw invalid(option, text, e.getReason());
    }
    if (u.getHost() == null
        || u.getPort() < 0
        || u.getRawUserInfo() != null
        || !u.getRawPath().isEmpty()
        || u.getRawQuery() != null
        || u.getRawFragment() != null) {
      throw invalid(option, text, "expected host:port, e.g. localhost:50051");
    }
    if (u.getPort() < 1 || u.getPort() > 65_535) {
      throw invalid(option, text, "the port must be 1-65535");
    }
    return new GrpcTarget(u.getHost(), u.getPort(), tls);
  }

  /** {@code host:port}, with IPv6 literals in brackets. */
  public String authority() {
    return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  /** The target as a URL: {@code grpc://host:port} or {@code grpcs://host:port}. */
  @Override
  public String toString() {
    return (tls ? "grpcs://" : "grpc://") + authority();
  }

  private static IllegalArgumentException invalid(String option, String text, String why) {
    return new IllegalArgumentException(
        option
            + ": '"
            + text
            + "' is not a gRPC target ("
            + why
            + "; use host:port, grpc://host:port or grpcs://host:port)");
  }
}
