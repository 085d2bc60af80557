package io.sloscout.core.journey;

import io.sloscout.core.telemetry.Span;
import java.net.URI;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Names the operation a SERVER span serves: {@code METHOD route} from {@code http.route}, else from
 * the templated request path (current {@code url.path} or the older {@code http.target} / {@code
 * http.url}), else the RPC method, else the span name.
 */
public final class Operations {

  private static final Pattern METHOD_AND_PATH = Pattern.compile("([A-Z]+) (/\\S*)");

  private final UnaryOperator<String> pathTemplater;

  /**
   * @param pathTemplater turns a concrete path into its template ({@code /product/{id}})
   */
  public Operations(UnaryOperator<String> pathTemplater) {
    this.pathTemplater = pathTemplater;
  }

  /** The operation of {@code span}. */
  public String of(Span span) {
    String method = method(span);
    String route = span.attribute("http.route");
    if (route == null || route.isEmpty()) {
      String path = path(span);
      route = path == null ? null : pathTemplater.apply(path);
    }
    if (route != null && !route.isEmpty()) {
      return method == null ? route : method + " " + route;
    }
    String rpcMethod = span.attribute("rpc.method");
    if (rpcMethod != null && !rpcMethod.isEmpty()) {
      String service = span.attribute("rpc.service");
      return service == null || service.isEmpty() ? rpcMethod : service + "/" + rpcMethod;
    }
    String name = span.name();
    var m = METHOD_AND_PATH.matcher(name);
    if (m.matches()) {
      // Some instrumentations name spans "GET /product/42": the path still needs its template.
      return m.group(1) + " " + pathTemplater.apply(m.group(2));
    }
    return name.isEmpty() ? "(unnamed)" : name;
  }

  /** The HTTP request method, upper case, or null for a span that is not an HTTP request. */
  public static String method(Span span) {
    String method = span.firstAttribute("http.request.method", "http.method");
    return method == null ? null : method.toUpperCase(Locale.ROOT);
  }

  /** The request path without query, from the current or the older HTTP attributes, or null. */
  public static String path(Span span) {
    String path = span.attribute("url.path");
    if (path != null && !path.isEmpty()) {
      return path;
    }
    String target = span.attribute("http.target");
    if (target != null && !target.isEmpty()) {
      return stripQuery(target);
    }
    String url = span.firstAttribute("url.full", "http.url");
    if (url != null && !url.isEmpty()) {
      try {
        String p = URI.create(url).getRawPath();
        return p == null || p.isEmpty() ? "/" : p;
      } catch (IllegalArgumentException e) {
        int scheme = url.indexOf("://");
        int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        return slash < 0 ? "/" : stripQuery(url.substring(slash));
      }
    }
    return null;
  }

  /** The HTTP status code, or -1 when the span carries none. */
  public static int statusCode(Span span) {
    String code = span.firstAttribute("http.response.status_code", "http.status_code");
    if (code == null) {
      return -1;
    }
    try {
      return Integer.parseInt(code.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** True when the span failed: status ERROR, or an HTTP 5xx answer. */
  public static boolean failed(Span span) {
    if (span.status() == io.sloscout.core.telemetry.StatusCode.ERROR) {
      return true;
    }
    int code = statusCode(span);
    return code >= 500 && code <= 599;
  }

  private static String stripQuery(String target) {
    int q = target.indexOf('?');
    int h = target.indexOf('#');
    int cut = q < 0 ? h : (h < 0 ? q : Math.min(q, h));
    return cut < 0 ? target : target.substring(0, cut);
  }
}
