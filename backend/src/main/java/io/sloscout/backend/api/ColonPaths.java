package io.sloscout.backend.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Custom methods such as {@code POST /recommendations:recompute} match whether the client sent the
 * colon as is or percent-encoded ({@code %3A}, as some HTTP clients do): routes match the raw path,
 * so an encoded colon is decoded before matching.
 */
public final class ColonPaths {

  @ServerRequestFilter(preMatching = true)
  public void decodeColons(ContainerRequestContext request) {
    URI uri = request.getUriInfo().getRequestUri();
    String raw = uri.getRawPath();
    if (raw != null && (raw.contains("%3A") || raw.contains("%3a"))) {
      String path = raw.replace("%3A", ":").replace("%3a", ":");
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      request.setRequestUri(
          URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path + query));
    }
  }
}
