package io.sloscout.backend.recommendation;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /recommendations:recompute}, a custom method in the AIP-136 style. */
@Path("/recommendations:recompute")
@Tag(name = "Recommendations")
public class RecomputeResource {

  private final RecommendationService service;

  public RecomputeResource(RecommendationService service) {
    this.service = service;
  }

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Recompute every recommendation from the stored journey aggregates now")
  public RecommendationService.Summary recompute() {
    return service.recompute();
  }
}
