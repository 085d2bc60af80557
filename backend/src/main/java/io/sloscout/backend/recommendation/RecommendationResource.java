package io.sloscout.backend.recommendation;

import io.sloscout.backend.api.Page;
import io.sloscout.backend.problem.ProblemException;
import io.sloscout.backend.slo.SloService;
import io.sloscout.backend.slo.SloView;
import io.sloscout.core.recommendation.AnalysisFiles;
import io.sloscout.storage.RecommendationRepository;
import io.sloscout.storage.RecommendationRow;
import io.sloscout.storage.RecommendationStatus;
import io.sloscout.storage.SloRow;
import io.sloscout.storage.SloSource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recommended SLIs and objectives, and accepting one as an SLO. */
@Path("/recommendations")
@Tag(name = "Recommendations")
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationResource {

  private final RecommendationRepository recommendations;
  private final RecommendationService service;
  private final SloService slos;

  public RecommendationResource(
      RecommendationRepository recommendations, RecommendationService service, SloService slos) {
    this.recommendations = recommendations;
    this.service = service;
    this.slos = slos;
  }

  @GET
  @Operation(
      summary = "List recommendations",
      description =
          "Items carry the recommendations.json fields (journey, sli.type, objective, thresholdMs,"
              + " window, confidence, rationale, evidence) plus id, status and sloId.")
  public Page<RecommendationView> list(
      @QueryParam("journey") String journey,
      @QueryParam("status") String status,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    List<RecommendationRow> rows;
    if (journey != null && !journey.isBlank()) {
      rows = recommendations.forJourney(journey);
    } else if (status != null && !status.isBlank()) {
      rows = recommendations.list(status(status));
    } else {
      rows = recommendations.list();
    }
    if (journey != null && status != null && !status.isBlank()) {
      RecommendationStatus s = status(status);
      rows = rows.stream().filter(r -> r.status() == s).toList();
    }
    Map<String, String> sloByRecommendation = new HashMap<>();
    for (SloRow s : slos.rows()) {
      if (s.recommendationId() != null) {
        sloByRecommendation.put(s.recommendationId(), s.id());
      }
    }
    List<RecommendationView> views =
        rows.stream().map(r -> RecommendationView.of(r, sloByRecommendation.get(r.id()))).toList();
    return Page.of(views, limit, cursor);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Read one recommendation")
  @APIResponse(responseCode = "404", description = "No such recommendation")
  public RecommendationView get(@PathParam("id") String id) {
    RecommendationRow row = find(id);
    return RecommendationView.of(row, sloOf(id).map(SloRow::id).orElse(null));
  }

  @POST
  @Path("/{id}/accept")
  @Operation(
      summary = "Accept a recommendation: store it as an SLO",
      description =
          "Writes the recommendation as a native slo-scout.io/v1 document (as `slo-scout analyze`"
              + " does) and stores it; the recommendation's status becomes accepted.")
  @APIResponse(responseCode = "201", description = "The SLO that was stored")
  @APIResponse(responseCode = "404", description = "No such recommendation")
  @APIResponse(responseCode = "409", description = "Already accepted, or no longer supported")
  public Response accept(@PathParam("id") String id) {
    RecommendationRow row = find(id);
    Optional<SloRow> existing = sloOf(id);
    if (existing.isPresent()) {
      throw ProblemException.conflict(
          "recommendation '" + id + "' was already accepted as SLO '" + existing.get().id() + "'");
    }
    RecommendationService.RecommendedSlo full =
        service
            .full(row)
            .orElseThrow(
                () ->
                    ProblemException.conflict(
                        "journey '"
                            + row.journeyId()
                            + "' no longer supports this recommendation in the current data;"
                            + " recompute recommendations"));
    String yaml = AnalysisFiles.sloYaml(full.journey(), List.of(full.recommendation()));
    SloView slo = slos.create(yaml, false, SloSource.RECOMMENDED, row.id());
    recommendations.setStatus(row.id(), RecommendationStatus.ACCEPTED);
    return Response.created(UriBuilder.fromPath("/api/v1/slos/{id}").build(slo.id()))
        .entity(slo)
        .build();
  }

  private RecommendationRow find(String id) {
    return recommendations
        .find(id)
        .orElseThrow(() -> ProblemException.notFound("no recommendation with id '" + id + "'"));
  }

  private Optional<SloRow> sloOf(String recommendationId) {
    return slos.rows().stream()
        .filter(s -> recommendationId.equals(s.recommendationId()))
        .findFirst();
  }

  private static RecommendationStatus status(String value) {
    try {
      return RecommendationStatus.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("status must be open, accepted or dismissed");
    }
  }
}
