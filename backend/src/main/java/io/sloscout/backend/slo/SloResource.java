package io.sloscout.backend.slo;

import io.sloscout.backend.api.Page;
import io.sloscout.backend.api.TimeRange;
import io.sloscout.backend.problem.Problem;
import io.sloscout.backend.problem.ProblemException;
import io.sloscout.storage.SloSource;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** SLO CRUD: native {@code slo-scout.io/v1} documents as YAML or JSON. */
@Path("/slos")
@Tag(name = "SLOs")
@Produces(MediaType.APPLICATION_JSON)
public class SloResource {

  /** The YAML media types accepted; responses use the first. */
  static final String YAML = "application/yaml";

  private final SloService slos;
  private final SloStatusService status;

  public SloResource(SloService slos, SloStatusService status) {
    this.slos = slos;
    this.status = status;
  }

  @GET
  @Operation(summary = "List SLOs")
  public Page<SloView> list(
      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
    return Page.of(slos.list(), limit, cursor);
  }

  @POST
  @Consumes({YAML, "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON})
  @Operation(summary = "Create an SLO from a slo-scout.io/v1 document")
  @RequestBody(
      content = {
        @Content(
            mediaType = YAML,
            schema =
                @Schema(
                    type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)),
        @Content(mediaType = MediaType.APPLICATION_JSON)
      })
  @APIResponse(responseCode = "201", description = "Stored")
  @APIResponse(
      responseCode = "422",
      description = "Not a valid document: errors with file, line, column and field",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(responseCode = "409", description = "An SLO with this service and name exists")
  public Response create(
      String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, UriInfo uri) {
    SloView v = slos.create(body, isJson(contentType), SloSource.MANUAL, null);
    return Response.created(uri.getAbsolutePathBuilder().path(v.id()).build())
        .tag(etag(v.version()))
        .entity(v)
        .build();
  }

  @GET
  @Path("/{id}")
  @Produces({MediaType.APPLICATION_JSON, YAML})
  @Operation(summary = "Read an SLO: JSON with its metadata, or the bare document as YAML")
  @APIResponse(responseCode = "404", description = "No such SLO")
  public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
    SloView v = slos.view(id);
    if (accept != null && accept.contains("yaml") && !accept.contains("json")) {
      return Response.ok(v.yaml(), YAML).tag(etag(v.version())).build();
    }
    return Response.ok(v, MediaType.APPLICATION_JSON).tag(etag(v.version())).build();
  }

  @PUT
  @Path("/{id}")
  @Consumes({YAML, "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON})
  @Operation(
      summary = "Replace an SLO's document",
      description =
          "Send the version you read in If-Match (\"3\") or ?version=3: a change made since then"
              + " fails with 409 instead of being overwritten.")
  @APIResponse(responseCode = "409", description = "The SLO changed since it was read")
  @APIResponse(responseCode = "428", description = "No version given")
  public Response update(
      @PathParam("id") String id,
      @Parameter(description = "The version read") @QueryParam("version") Integer version,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      String body) {
    Integer v = version(ifMatch, version);
    if (v == null) {
      throw new ProblemException(
          Problem.of(
              428,
              "Precondition Required",
              "send the version you read: If-Match: \"<version>\" or ?version=<version>"));
    }
    SloView updated = slos.update(id, body, isJson(contentType), v);
    return Response.ok(updated).tag(etag(updated.version())).build();
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete an SLO and its artifacts (If-Match optional)")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "No such SLO")
  public Response delete(
      @PathParam("id") String id,
      @QueryParam("version") Integer version,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    slos.delete(id, version(ifMatch, version));
    return Response.noContent().build();
  }

  @GET
  @Path("/{id}/status")
  @Operation(
      summary = "Error budget and burn rate of an SLO over a range",
      description =
          "From the stored aggregates of the journey the SLO names (label journey);"
              + " errorBudgetRemaining is null when there is no data.")
  public SloStatus status(
      @PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
    return status.status(
        slos.get(id), TimeRange.parse(from, to, Clock.systemUTC().instant(), Duration.ofDays(1)));
  }

  static boolean isJson(String contentType) {
    return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("json");
  }

  private static EntityTag etag(int version) {
    return new EntityTag(Integer.toString(version));
  }

  /** The version from If-Match ({@code "3"} or {@code W/"3"}) or the query. */
  static Integer version(String ifMatch, Integer query) {
    if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*")) {
      String v = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw ProblemException.badRequest("If-Match must carry an SLO version such as \"3\"");
      }
    }
    return query;
  }
}
