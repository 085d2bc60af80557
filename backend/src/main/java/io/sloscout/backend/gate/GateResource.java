package io.sloscout.backend.gate;

import io.sloscout.backend.api.Page;
import io.sloscout.backend.config.BackendConfig;
import io.sloscout.backend.problem.Problem;
import io.sloscout.backend.problem.ProblemException;
import io.sloscout.backend.slo.SloService;
import io.sloscout.core.gate.GateDecision;
import io.sloscout.core.gate.GatePolicy;
import io.sloscout.core.gate.ReleaseGate;
import io.sloscout.core.gate.SloVerdict;
import io.sloscout.core.spec.Slo;
import io.sloscout.storage.ReleaseDecision;
import io.sloscout.storage.ReleaseDecisionRepository;
import io.sloscout.storage.SloRow;
import io.sloscout.storage.StoredReleaseDecision;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** The release gate: promote, roll back or wait, from stored SLOs measured on Prometheus. */
@Path("/gate")
@Tag(name = "Release gate")
@Produces(MediaType.APPLICATION_JSON)
public class GateResource {

  private static final Logger LOG = Logger.getLogger(GateResource.class);

  private final SloService slos;
  private final ReleaseDecisionRepository decisions;
  private final BackendConfig.Gate config;
  private final Clock clock = Clock.systemUTC();

  public GateResource(SloService slos, ReleaseDecisionRepository decisions, BackendConfig config) {
    this.slos = slos;
    this.decisions = decisions;
    this.config = config.gate();
  }

  /**
   * What to judge: every SLO of a service, or the SLOs named.
   *
   * @param service a service
   * @param slos SLO ids (of one service)
   * @param time RFC 3339; default now
   */
  public record GateRequest(String service, List<String> slos, String time) {}

  /** A decision as recorded, in the shape of {@code slo-scout gate}'s JSON. */
  public record DecisionView(
      long id,
      String service,
      String sloId,
      String decision,
      List<String> reasons,
      Map<String, Double> burnRates,
      Double errorBudgetRemaining,
      Instant time,
      List<SloView> slos) {}

  /** One SLO's verdict. */
  public record SloView(
      String id,
      String outcome,
      boolean blocking,
      List<String> reasons,
      Map<String, Double> burnRates,
      Double errorBudgetRemaining) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Decide whether a release may go on",
      description =
          "Measures the SLOs on the Prometheus of slo-scout.gate.prometheus-url at one instant"
              + " (burn rates per alert window, error budget left) and records the decision.")
  @APIResponse(responseCode = "404", description = "No such SLO or service")
  @APIResponse(responseCode = "502", description = "Prometheus failed to answer")
  @APIResponse(responseCode = "503", description = "No Prometheus configured")
  public DecisionView evaluate(GateRequest request) {
    GateRequest r = request == null ? new GateRequest(null, null, null) : request;
    URI prometheus =
        config
            .prometheusUrl()
            .filter(u -> !u.isBlank())
            .map(URI::create)
            .orElseThrow(
                () ->
                    ProblemException.unavailable(
                        "no Prometheus configured (slo-scout.gate.prometheus-url)"));
    List<SloRow> rows = rows(r);
    String service = rows.get(0).service();
    if (rows.stream().anyMatch(s -> !s.service().equals(service))) {
      throw ProblemException.badRequest("the SLOs of one gate decision belong to one service");
    }
    Instant time = time(r.time());
    List<Slo> parsed = new ArrayList<>();
    slos.parsed(rows).values().forEach(parsed::addAll);
    GateDecision d;
    try {
      d =
          new ReleaseGate(GatePolicy.defaultPolicy())
              .evaluate(
                  parsed,
                  slos.options(),
                  new PrometheusQuerier(prometheus, config.timeout()),
                  time);
    } catch (IOException e) {
      LOG.warnf("release gate: Prometheus query failed: %s", e.getMessage());
      throw new ProblemException(
          Problem.of(502, "Bad Gateway", "Prometheus could not be queried: " + e.getMessage()));
    }
    StoredReleaseDecision stored =
        decisions.insert(
            new ReleaseDecision(
                service,
                rows.size() == 1 ? rows.get(0).id() : null,
                d.decision(),
                d.reasons(),
                finite(d.burnRates()),
                value(d.errorBudgetRemaining()),
                time));
    List<SloView> verdicts = new ArrayList<>();
    for (SloVerdict v : d.slos()) {
      verdicts.add(
          new SloView(
              v.slo().id(),
              v.outcome().label(),
              v.blocking(),
              v.reasons(),
              finite(v.burnRates()),
              value(v.errorBudgetRemaining())));
    }
    return view(stored, verdicts);
  }

  @GET
  @Path("/decisions")
  @Operation(summary = "Recent release decisions of a service, newest first")
  public Page<DecisionView> decisions(
      @QueryParam("service") String service, @QueryParam("limit") Integer limit) {
    if (service == null || service.isBlank()) {
      throw ProblemException.badRequest("service is required");
    }
    int n = limit == null ? 20 : limit;
    if (n < 1 || n > 200) {
      throw ProblemException.badRequest("limit must be between 1 and 200");
    }
    return Page.all(
        decisions.forService(service, n).stream().map(s -> view(s, List.of())).toList());
  }

  private List<SloRow> rows(GateRequest r) {
    if (r.slos() != null && !r.slos().isEmpty()) {
      return r.slos().stream().map(slos::get).toList();
    }
    if (r.service() == null || r.service().isBlank()) {
      throw ProblemException.badRequest("give a service or the ids of SLOs to judge");
    }
    List<SloRow> rows = slos.rows().stream().filter(s -> s.service().equals(r.service())).toList();
    if (rows.isEmpty()) {
      throw ProblemException.notFound("no SLOs for service '" + r.service() + "'");
    }
    return rows;
  }

  private Instant time(String text) {
    if (text == null || text.isBlank()) {
      return clock.instant();
    }
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest("time must be RFC 3339, e.g. 2024-06-05T12:00:00Z");
    }
  }

  private static DecisionView view(StoredReleaseDecision s, List<SloView> verdicts) {
    ReleaseDecision d = s.decision();
    return new DecisionView(
        s.id(),
        d.service(),
        d.sloId(),
        d.decision().label(),
        d.reasons(),
        d.burnRates(),
        d.errorBudgetRemaining(),
        d.decidedAt(),
        verdicts);
  }

  private static Map<String, Double> finite(Map<String, Double> rates) {
    Map<String, Double> out = new LinkedHashMap<>();
    rates.forEach(
        (w, v) -> {
          if (v != null && Double.isFinite(v)) {
            out.put(w, v);
          }
        });
    return out;
  }

  private static Double value(OptionalDouble d) {
    return d.isPresent() && Double.isFinite(d.getAsDouble()) ? d.getAsDouble() : null;
  }
}
