package io.sloscout.backend.search;

import io.sloscout.backend.api.Page;
import io.sloscout.backend.problem.ProblemException;
import io.sloscout.core.search.TemplateHit;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Semantic search over log and span templates. */
@Path("/templates/search")
@Tag(name = "Templates")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

  /** The longest query embedded; the model reads 256 tokens at most anyway. */
  static final int MAX_QUERY = 1000;

  private final TemplateIndex index;

  public SearchResource(TemplateIndex index) {
    this.index = index;
  }

  @GET
  @Operation(
      summary = "Templates closest in meaning to a query",
      description = "Hits {templateId, template, service, score}, best first; score is cosine.")
  @APIResponse(responseCode = "400", description = "No query, or a bad k")
  @APIResponse(responseCode = "503", description = "Search is not available")
  public Page<TemplateHit> search(@QueryParam("q") String q, @QueryParam("k") Integer k) {
    if (q == null || q.isBlank()) {
      throw ProblemException.badRequest("q is required: what to search for");
    }
    if (q.length() > MAX_QUERY) {
      throw ProblemException.badRequest("q may be at most " + MAX_QUERY + " characters");
    }
    int limit = k == null ? 10 : k;
    if (limit < 1 || limit > 100) {
      throw ProblemException.badRequest("k must be between 1 and 100");
    }
    if (!index.isOpen()) {
      throw ProblemException.unavailable("template search is not available");
    }
    return Page.all(index.search(q, limit));
  }
}
