package io.sloscout.backend.artifact;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sloscout.backend.config.BackendConfig;
import io.sloscout.backend.problem.ProblemException;
import io.sloscout.backend.search.RelatedTemplates;
import io.sloscout.backend.slo.SloService;
import io.sloscout.core.generation.ArtifactGenerator;
import io.sloscout.core.generation.Naming;
import io.sloscout.core.journey.ErrorTemplate;
import io.sloscout.core.spec.Slo;
import io.sloscout.storage.Artifact;
import io.sloscout.storage.ArtifactKind;
import io.sloscout.storage.ArtifactRepository;
import io.sloscout.storage.JourneyRepository;
import io.sloscout.storage.JourneyRow;
import io.sloscout.storage.SloRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Generates the artifacts of {@code slo-scout generate} from stored SLOs, adds to each runbook the
 * journey's most related error templates, and stores them. Rules, rule tests and dashboards are per
 * service, so generating for one SLO regenerates its whole service.
 */
@ApplicationScoped
public class ArtifactService {

  /** How far back runbook evidence counts template occurrences. */
  static final Duration EVIDENCE_WINDOW = Duration.ofDays(7);

  private final SloService slos;
  private final ArtifactRepository artifacts;
  private final JourneyRepository journeys;
  private final RelatedTemplates related;
  private final int runbookEvidence;
  private final Timer timer;
  private final Clock clock = Clock.systemUTC();

  /**
   * What to generate for: one SLO, one service, or (both null) every SLO.
   *
   * @param slo an SLO id
   * @param service a service name
   */
  public record Scope(String slo, String service) {}

  /**
   * Generated files, with the stored SLOs each came from.
   *
   * @param files path → content, sorted
   * @param owners path → the ids of the SLOs it belongs to
   */
  public record Generated(SortedMap<String, String> files, Map<String, Set<String>> owners) {}

  public ArtifactService(
      SloService slos,
      ArtifactRepository artifacts,
      JourneyRepository journeys,
      RelatedTemplates related,
      BackendConfig config,
      MeterRegistry registry) {
    this.slos = slos;
    this.artifacts = artifacts;
    this.journeys = journeys;
    this.related = related;
    this.runbookEvidence = config.generation().runbookEvidence();
    this.timer =
        Timer.builder("slo_scout.artifacts.generate")
            .description("Generating rules, rule tests, dashboards and runbooks")
            .register(registry);
  }

  /** Generates and stores the artifacts of the scope; returns what was stored. */
  public List<Artifact> generateAndStore(Scope scope) {
    List<SloRow> rows = scoped(scope);
    if (rows.isEmpty()) {
      throw ProblemException.badRequest("there are no SLOs to generate artifacts for");
    }
    Instant now = clock.instant();
    Generated g = timer.record(() -> generate(rows));
    List<Artifact> out = new ArrayList<>();
    g.files()
        .forEach(
            (path, content) -> {
              for (String sloId : g.owners().getOrDefault(path, Set.of())) {
                out.add(new Artifact(sloId, kind(path), path, content, now));
              }
            });
    // a runbook of an objective renamed since the last run must not linger
    rows.forEach(r -> artifacts.deleteForSlo(r.id()));
    artifacts.save(out);
    return out;
  }

  /** Generates the files of these SLOs in memory, nothing stored. */
  public Generated generate(List<SloRow> rows) {
    Map<String, List<Slo>> byRow = slos.parsed(rows);
    Map<String, SloRow> rowById = new LinkedHashMap<>();
    rows.forEach(r -> rowById.put(r.id(), r));
    List<Slo> all = new ArrayList<>();
    Map<String, String> rowOfSlo = new TreeMap<>();
    byRow.forEach(
        (rowId, list) -> {
          all.addAll(list);
          list.forEach(s -> rowOfSlo.put(s.id(), rowId));
        });
    SortedMap<String, String> files = new ArtifactGenerator(slos.options()).generate(all);
    Map<String, Set<String>> owners = new TreeMap<>();
    Map<String, Set<String>> rowsOfService = new TreeMap<>();
    rows.forEach(r -> rowsOfService.computeIfAbsent(r.service(), k -> new TreeSet<>()).add(r.id()));
    for (Slo slo : all) {
      String rowId = rowOfSlo.get(slo.id());
      String runbook = Naming.runbookFile(slo);
      owners.computeIfAbsent(runbook, k -> new TreeSet<>()).add(rowId);
      files.put(runbook, files.get(runbook) + evidence(slo));
      for (String perService :
          List.of(
              Naming.rulesFile(slo.service()),
              Naming.rulesTestFile(slo.service()),
              Naming.dashboardFile(slo.service()))) {
        owners
            .computeIfAbsent(perService, k -> new TreeSet<>())
            .addAll(rowsOfService.getOrDefault(slo.service(), Set.of()));
      }
    }
    return new Generated(files, owners);
  }

  /** The newest stored version of each generated file, by path. */
  public SortedMap<String, Artifact> stored(Scope scope) {
    SortedMap<String, Artifact> latest = new TreeMap<>();
    for (SloRow r : scoped(scope)) {
      for (Artifact a : artifacts.forSlo(r.id())) {
        latest.merge(a.path(), a, (x, y) -> x.generatedAt().isAfter(y.generatedAt()) ? x : y);
      }
    }
    return latest;
  }

  /** The stored artifacts of one SLO. */
  public List<Artifact> storedFor(String sloId) {
    return artifacts.forSlo(sloId);
  }

  /** The stored SLOs the scope names; 404 when it names one that does not exist. */
  public List<SloRow> scoped(Scope scope) {
    if (scope.slo() != null && !scope.slo().isBlank()) {
      SloRow one = slos.get(scope.slo());
      // the service's files carry all of its SLOs
      return serviceRows(one.service());
    }
    if (scope.service() != null && !scope.service().isBlank()) {
      List<SloRow> rows = serviceRows(scope.service());
      if (rows.isEmpty()) {
        throw ProblemException.notFound("no SLOs for service '" + scope.service() + "'");
      }
      return rows;
    }
    return slos.rows().stream().sorted(Comparator.comparing(SloRow::id)).toList();
  }

  private List<SloRow> serviceRows(String service) {
    return slos.rows().stream()
        .filter(r -> r.service().equals(service))
        .sorted(Comparator.comparing(SloRow::id))
        .toList();
  }

  /**
   * The runbook section listing the journey's most related error templates; empty when the SLO
   * names no stored journey or none are found.
   */
  private String evidence(Slo slo) {
    String journeyId = slo.labels().get("journey");
    if (journeyId == null || runbookEvidence < 1) {
      return "";
    }
    Optional<JourneyRow> journey = journeys.find(journeyId);
    if (journey.isEmpty()) {
      return "";
    }
    Instant to = clock.instant();
    List<ErrorTemplate> templates =
        related.forJourney(
            journey.get().name(),
            journey.get().services(),
            to.minus(EVIDENCE_WINDOW),
            to,
            runbookEvidence);
    if (templates.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("\n## Related error templates\n\n");
    md.append("The templates of journey `")
        .append(journeyId)
        .append("`'s services closest in meaning to its failures (semantic search over the")
        .append(" template index), as places to look first. Counts are over the 7 days before")
        .append(" generation.\n\n");
    md.append("| template | source | seen |\n|---|---|---:|\n");
    for (ErrorTemplate t : templates) {
      md.append("| `")
          .append(t.template().replace("|", "\\|").replace("`", "'"))
          .append("` | ")
          .append(t.source())
          .append(" | ")
          .append(t.count())
          .append(" |\n");
    }
    return md.toString();
  }

  /** The kind of a generated file, from its path. */
  static ArtifactKind kind(String path) {
    if (path.endsWith(".rules.test.yaml")) {
      return ArtifactKind.RULE_TESTS;
    }
    if (path.endsWith(".rules.yaml")) {
      return ArtifactKind.RULES;
    }
    if (path.endsWith(".dashboard.json")) {
      return ArtifactKind.DASHBOARD;
    }
    return ArtifactKind.RUNBOOK;
  }
}
