package io.sloscout.backend.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into a problem detail. Messages of unexpected exceptions stay in our log,
 * under an id the caller sees: a stack trace or SQL state tells an attacker more than a user.
 */
public final class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    return respond(e.problem(), uri);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    Response.Status s = Response.Status.fromStatusCode(status);
    String title = s == null ? "Error" : s.getReasonPhrase();
    String detail =
        switch (status) {
          case 401 -> "a valid API token is required: Authorization: Bearer <token>";
          case 404 -> "no such resource";
          case 405 -> "method not allowed on this resource";
          case 406 -> "cannot produce the requested media type";
          case 413 -> "request body too large";
          case 415 -> "unsupported media type: send application/json or application/yaml";
          default -> status < 500 ? "the request cannot be served" : "the server failed";
        };
    if (status >= 500) {
      return internal(e, uri);
    }
    return respond(Problem.of(status, title, detail), uri);
  }

  @ServerExceptionMapper
  public Response jsonParse(JsonParseException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response jsonMismatch(MismatchedInputException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e, UriInfo uri) {
    // Jackson's message names our classes and fields; say where, not what inside.
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return respond(Problem.of(400, "Bad Request", "malformed JSON body" + where), uri);
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e, UriInfo uri) {
    return internal(e, uri);
  }

  private static Response internal(Exception e, UriInfo uri) {
    String id = UUID.randomUUID().toString();
    LOG.errorf(e, "request %s failed (error id %s)", uri == null ? "?" : uri.getPath(), id);
    return respond(
        Problem.of(500, "Internal Server Error", "the request failed; error id " + id), uri);
  }

  static Response respond(Problem p, UriInfo uri) {
    Problem at = uri == null ? p : p.at(uri.getRequestUri().getRawPath());
    return Response.status(at.status()).type(Problem.MEDIA_TYPE).entity(at).build();
  }
}
