package io.sloscout.backend.security;

import io.sloscout.backend.config.BackendConfig;
import io.sloscout.backend.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every write to the API needs a valid {@code Authorization: Bearer} token; reads need one too
 * unless {@code slo-scout.auth.anonymous-reads=true}.
 */
public final class TokenFilter {

  private final ApiTokens tokens;
  private final boolean anonymousReads;

  public TokenFilter(ApiTokens tokens, BackendConfig config) {
    this.tokens = tokens;
    this.anonymousReads = config.auth().anonymousReads();
  }

  @ServerRequestFilter
  public Response authenticate(ContainerRequestContext request) {
    String method = request.getMethod();
    boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    if (read && anonymousReads) {
      return null;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    String token = null;
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = header.substring(7).strip();
    }
    if (tokens.accepts(token)) {
      return null;
    }
    Problem p =
        Problem.of(
                401,
                "Unauthorized",
                token == null
                    ? "an API token is required: Authorization: Bearer <token>"
                    : "the API token is not valid")
            .at(request.getUriInfo().getRequestUri().getRawPath());
    return Response.status(401)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"slo-scout\"")
        .type(Problem.MEDIA_TYPE)
        .entity(p)
        .build();
  }
}
