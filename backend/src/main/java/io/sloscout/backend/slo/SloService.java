package io.sloscout.backend.slo;

import io.sloscout.backend.config.BackendConfig;
import io.sloscout.backend.problem.Problem;
import io.sloscout.backend.problem.ProblemException;
import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.SpecSet;
import io.sloscout.storage.DuplicateException;
import io.sloscout.storage.SloRepository;
import io.sloscout.storage.SloRow;
import io.sloscout.storage.SloSource;
import io.sloscout.storage.StaleVersionException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/** The SLO store: documents validated by core before they are stored, versions checked. */
@ApplicationScoped
public class SloService {

  private final SloRepository slos;
  private final GenerationOptions options;
  private final Clock clock = Clock.systemUTC();

  public SloService(SloRepository slos, BackendConfig config) {
    this.slos = slos;
    this.options =
        new GenerationOptions(
            config.generation().alertProfile(),
            config.generation().runbookBaseUrl(),
            config.generation().dashboardBaseUrl());
  }

  /** The generation options SLOs are validated and generated with. */
  public GenerationOptions options() {
    return options;
  }

  /** Validates and stores a new SLO. */
  public SloView create(String text, boolean json, SloSource source, String recommendationId) {
    SloDocuments.Parsed p = SloDocuments.parse(text, json, requestName(json), options);
    Instant now = clock.instant();
    try {
      SloRow row =
          slos.create(
              new SloRow(
                  p.id(), p.service(), p.name(), p.yaml(), source, recommendationId, now, now, 1));
      return SloView.of(row, p.warnings());
    } catch (DuplicateException e) {
      throw ProblemException.conflict(
          "an SLO with id '" + p.id() + "' (service and name) already exists; PUT to change it");
    }
  }

  /** Validates and stores a new version of an SLO read at {@code version}. */
  public SloView update(String id, String text, boolean json, int version) {
    SloRow current = get(id);
    SloDocuments.Parsed p = SloDocuments.parse(text, json, requestName(json), options);
    if (!p.id().equals(id)) {
      throw ProblemException.invalid(
          "the document describes SLO '" + p.id() + "', not '" + id + "'",
          List.of(
              new Problem.Finding(
                  requestName(json),
                  0,
                  0,
                  "metadata.name",
                  "service and name make the id and cannot change; create a new SLO instead",
                  requestName(json) + ": error: metadata.name: the id cannot change")),
          p.warnings());
    }
    try {
      SloRow row =
          slos.update(
              new SloRow(
                  id,
                  current.service(),
                  p.name(),
                  p.yaml(),
                  current.source(),
                  current.recommendationId(),
                  current.createdAt(),
                  current.updatedAt(),
                  version),
              clock.instant());
      return SloView.of(row, p.warnings());
    } catch (StaleVersionException e) {
      throw stale(id, version);
    } catch (NoSuchElementException e) {
      throw notFound(id);
    }
  }

  /** Deletes an SLO; at {@code version} when given, else whatever version it is at. */
  public void delete(String id, Integer version) {
    int v = version != null ? version : get(id).version();
    try {
      if (!slos.delete(id, v)) {
        throw notFound(id);
      }
    } catch (StaleVersionException e) {
      throw stale(id, v);
    }
  }

  public SloRow get(String id) {
    return slos.find(id).orElseThrow(() -> notFound(id));
  }

  public SloView view(String id) {
    SloRow row = get(id);
    return SloView.of(row, warnings(row));
  }

  public List<SloView> list() {
    return slos.list().stream().map(r -> SloView.of(r, List.of())).toList();
  }

  public List<SloRow> rows() {
    return slos.list();
  }

  /** The core SLOs of stored rows, each with the id of the row it came from. */
  public Map<String, List<Slo>> parsed(List<SloRow> rows) {
    Map<String, String> files = new TreeMap<>();
    rows.forEach(r -> files.put(fileName(r.id()), r.specYaml()));
    SpecSet set = SloDocuments.load(files);
    if (set.hasErrors()) {
      // stored documents were valid when stored; a newer core may disagree
      throw ProblemException.invalid(
          "stored SLOs no longer validate",
          set.errors().stream().map(SloDocuments::finding).toList(),
          List.of());
    }
    Map<String, List<Slo>> byRow = new TreeMap<>();
    for (Slo slo : set.slos()) {
      String file = slo.source().file().getFileName().toString();
      String rowId = file.substring(0, file.length() - ".yaml".length());
      byRow.computeIfAbsent(rowId, k -> new java.util.ArrayList<>()).add(slo);
    }
    return byRow;
  }

  /** The file an SLO is stored as in exports: {@code <id>.yaml}. */
  public static String fileName(String id) {
    return id + ".yaml";
  }

  private List<Problem.Finding> warnings(SloRow row) {
    try {
      return SloDocuments.parse(row.specYaml(), false, fileName(row.id()), options).warnings();
    } catch (ProblemException e) {
      return e.problem().errors() == null ? List.of() : e.problem().errors();
    }
  }

  private static String requestName(boolean json) {
    return json ? "request.json" : "request.yaml";
  }

  static ProblemException notFound(String id) {
    return ProblemException.notFound("no SLO with id '" + id + "'");
  }

  private static ProblemException stale(String id, int version) {
    return ProblemException.conflict(
        "SLO '"
            + id
            + "' is no longer at version "
            + version
            + ": it changed since it was read; read it again and retry");
  }
}
