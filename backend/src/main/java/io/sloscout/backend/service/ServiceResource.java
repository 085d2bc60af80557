package io.sloscout.backend.service;

import io.sloscout.backend.api.Page;
import io.sloscout.backend.problem.ProblemException;
import io.sloscout.storage.JourneyRepository;
import io.sloscout.storage.JourneyTotals;
import io.sloscout.storage.OperationRow;
import io.sloscout.storage.ServiceRepository;
import io.sloscout.storage.ServiceRow;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The services seen in the telemetry. */
@Path("/services")
@Tag(name = "Services")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceResource {

  private final ServiceRepository services;
  private final JourneyRepository journeys;

  public ServiceResource(ServiceRepository services, JourneyRepository journeys) {
    this.services = services;
    this.journeys = journeys;
  }

  /**
   * A service.
   *
   * @param name its {@code service.name}
   * @param firstSeen first seen
   * @param lastSeen last seen
   * @param journeys journeys that touch it
   */
  public record ServiceView(String name, Instant firstSeen, Instant lastSeen, int journeys) {}

  /** A service with its operations. */
  public record ServiceDetail(
      String name, Instant firstSeen, Instant lastSeen, List<OperationView> operations) {}

  /** An operation a service serves or calls. */
  public record OperationView(String name, String kind, Instant firstSeen, Instant lastSeen) {}

  @GET
  @Operation(summary = "List services, by name")
  public Page<ServiceView> list(
      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
    Map<String, Integer> counts = new HashMap<>();
    // journeys themselves, not their minutes: an empty range suffices
    Instant epoch = Instant.EPOCH;
    for (JourneyTotals t : journeys.list(epoch, epoch)) {
      for (String s : t.journey().services()) {
        counts.merge(s, 1, Integer::sum);
      }
    }
    List<ServiceView> all =
        services.list().stream()
            .map(
                s ->
                    new ServiceView(
                        s.name(), s.firstSeen(), s.lastSeen(), counts.getOrDefault(s.name(), 0)))
            .toList();
    return Page.of(all, limit, cursor);
  }

  @GET
  @Path("/{name}")
  @Operation(summary = "One service with its operations")
  @APIResponse(responseCode = "404", description = "No such service")
  public ServiceDetail get(@PathParam("name") String name) {
    ServiceRow s =
        services
            .find(name)
            .orElseThrow(() -> ProblemException.notFound("no service named '" + name + "'"));
    List<OperationView> ops =
        services.operations(name).stream()
            .map(
                (OperationRow o) ->
                    new OperationView(
                        o.name(),
                        o.kind().name().toLowerCase(java.util.Locale.ROOT),
                        o.firstSeen(),
                        o.lastSeen()))
            .toList();
    return new ServiceDetail(s.name(), s.firstSeen(), s.lastSeen(), ops);
  }
}
