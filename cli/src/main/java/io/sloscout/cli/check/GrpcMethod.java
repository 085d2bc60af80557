package io.sloscout.cli.check;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A gRPC method by its full name, {@code package.Service/Method}, as in the {@code :path} of a
 * call.
 */
public record GrpcMethod(String service, String method) {

  private static final String IDENT = "[A-Za-z_][A-Za-z0-9_]*";
  private static final Pattern SERVICE = Pattern.compile(IDENT + "(\\." + IDENT + ")*");
  private static final Pattern METHOD = Pattern.compile(IDENT);

  public GrpcMethod {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(method, "method");
    if (!SERVICE.matcher(service).matches() || !METHOD.matcher(method).matches()) {
      throw new IllegalArgumentException("not a gRPC method: " + service + "/" + method);
    }
  }

  /**
   * Parses {@code package.Service/Method} (a leading {@code /} is allowed).
   *
   * @param option the option name, for the message
   * @throws IllegalArgumentException naming the option and text when it is not such a name
   */
  public static GrpcMethod parse(String option, String text) {
    String t = text == null ? "" : text.trim();
    if (t.startsWith("/")) {
      t = t.substring(1);
    }
    int slash = t.indexOf('/');
    if (slash < 0
        || t.indexOf('/', slash + 1) >= 0
        || !SERVICE.matcher(t.substring(0, slash)).matches()
        || !METHOD.matcher(t.substring(slash + 1)).matches()) {
      throw new IllegalArgumentException(
          option
              + ": '"
              + text
              + "' is not a gRPC method (expected package.Service/Method, e.g."
              + " grpc.health.v1.Health/Check)");
    }
    return new GrpcMethod(t.substring(0, slash), t.substring(slash + 1));
  }

  /** {@code package.Service/Method}. */
  public String fullName() {
    return service + "/" + method;
  }

  @Override
  public String toString() {
    return fullName();
  }
}
