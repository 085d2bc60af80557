package io.sloscout.backend.journey;

import io.sloscout.backend.api.Page;
import io.sloscout.backend.api.TimeRange;
import io.sloscout.backend.problem.ProblemException;
import io.sloscout.storage.JourneyMinute;
import io.sloscout.storage.JourneyRepository;
import io.sloscout.storage.JourneyRow;
import io.sloscout.storage.JourneyTotals;
import io.sloscout.storage.RedMeasures;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Discovered journeys with their RED totals, call graphs and series. */
@Path("/journeys")
@Tag(name = "Journeys")
@Produces(MediaType.APPLICATION_JSON)
public class JourneyResource {

  /** The range when a request names none. */
  static final Duration DEFAULT_RANGE = Duration.ofDays(1);

  private final JourneyRepository journeys;
  private final JourneyTotalsService totals;
  private final Clock clock = Clock.systemUTC();

  public JourneyResource(JourneyRepository journeys, JourneyTotalsService totals) {
    this.journeys = journeys;
    this.totals = totals;
  }

  @GET
  @Operation(
      summary = "List journeys with their totals over a range",
      description = "Items carry the journeys.json fields; most requests first. Default: last 24h.")
  public Page<JourneyView> list(
      @Parameter(description = "RFC 3339 or Unix seconds; default to minus 24h") @QueryParam("from")
          String from,
      @Parameter(description = "RFC 3339 or Unix seconds; default now") @QueryParam("to") String to,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    TimeRange range = TimeRange.parse(from, to, clock.instant(), DEFAULT_RANGE);
    List<JourneyView> all =
        totals.list(range.from(), range.to()).stream().map(JourneyView::of).toList();
    return Page.of(all, limit, cursor);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One journey: call graph edges and its per-minute RED series over a range")
  @APIResponse(responseCode = "404", description = "No such journey")
  public JourneyDetail get(
      @PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
    TimeRange range = TimeRange.parse(from, to, clock.instant(), DEFAULT_RANGE);
    JourneyRow row =
        journeys
            .find(id)
            .orElseThrow(() -> ProblemException.notFound("no journey with id '" + id + "'"));
    List<JourneyMinute> minutes = journeys.series(id, range.from(), range.to());
    RedMeasures total = RedMeasures.total(minutes.stream().map(JourneyMinute::red).toList());
    var edges = journeys.edges(id);
    JourneyView view = JourneyView.of(new JourneyTotals(row, total));
    return new JourneyDetail(
        view.id(),
        view.name(),
        view.entryService(),
        view.entryOperation(),
        view.services(),
        view.requests(),
        view.errorRatio(),
        view.latencyMs(),
        range.from(),
        range.to(),
        JourneyModel.callEdges(edges),
        edges.stream()
            .map(
                e ->
                    new JourneyDetail.OperationEdge(
                        e.fromService(),
                        e.fromOperation(),
                        e.toService(),
                        e.toOperation(),
                        e.calls()))
            .toList(),
        minutes.stream()
            .map(
                m ->
                    new JourneyDetail.Point(
                        m.minute(),
                        m.red().requests(),
                        m.red().errors(),
                        m.red().p50Ms(),
                        m.red().p95Ms(),
                        m.red().p99Ms()))
            .toList());
  }
}
