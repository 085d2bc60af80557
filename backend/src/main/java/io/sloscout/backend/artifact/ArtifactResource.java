package io.sloscout.backend.artifact;

import io.sloscout.backend.api.Page;
import io.sloscout.backend.problem.ProblemException;
import io.sloscout.storage.Artifact;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Generated rules, rule tests, dashboards and runbooks: generate, list, preview, download. */
@Path("/")
@Tag(name = "Artifacts")
public class ArtifactResource {

  private final ArtifactService service;

  public ArtifactResource(ArtifactService service) {
    this.service = service;
  }

  /**
   * A generated file.
   *
   * @param path where it goes ({@code prometheus/checkout.rules.yaml})
   * @param kind {@code rules}, {@code rule_tests}, {@code dashboard} or {@code runbook}
   * @param sloIds the SLOs it carries
   * @param bytes its size in UTF-8
   * @param generatedAt when it was generated
   */
  public record ArtifactView(
      String path, String kind, List<String> sloIds, int bytes, Instant generatedAt) {}

  /** What a generation stored. */
  public record GenerateResult(Instant generatedAt, List<ArtifactView> items) {}

  /** The body of a generation request: one SLO, one service, or neither for all. */
  public record GenerateRequest(String slo, String service) {}

  @POST
  @Path("artifacts:generate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Generate artifacts for one SLO, a service, or all SLOs",
      description =
          "Body {\"slo\": id} or {\"service\": name} or {} for all. Rules, rule tests and"
              + " dashboards are per service: generating for one SLO regenerates its service.")
  @APIResponse(responseCode = "404", description = "No such SLO or service")
  public GenerateResult generate(GenerateRequest request) {
    GenerateRequest r = request == null ? new GenerateRequest(null, null) : request;
    if (r.slo() != null && r.service() != null) {
      throw ProblemException.badRequest("give slo or service, not both");
    }
    List<Artifact> stored =
        service.generateAndStore(new ArtifactService.Scope(r.slo(), r.service()));
    Instant at = stored.isEmpty() ? Instant.now() : stored.get(0).generatedAt();
    return new GenerateResult(at, views(byPath(stored)));
  }

  @GET
  @Path("artifacts")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "List generated files, by path")
  public Page<ArtifactView> list(
      @QueryParam("slo") String slo,
      @QueryParam("service") String service,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    SortedMap<String, Artifact> latest = new TreeMap<>();
    Map<String, Set<String>> owners = new TreeMap<>();
    for (var r : this.service.scoped(new ArtifactService.Scope(slo, service))) {
      for (Artifact a : this.service.storedFor(r.id())) {
        latest.merge(a.path(), a, (x, y) -> x.generatedAt().isAfter(y.generatedAt()) ? x : y);
        owners.computeIfAbsent(a.path(), k -> new TreeSet<>()).add(a.sloId());
      }
    }
    List<ArtifactView> views = new ArrayList<>();
    latest.forEach(
        (path, a) ->
            views.add(
                new ArtifactView(
                    path,
                    a.kind().name().toLowerCase(Locale.ROOT),
                    List.copyOf(owners.getOrDefault(path, Set.of(a.sloId()))),
                    a.content().getBytes(StandardCharsets.UTF_8).length,
                    a.generatedAt())));
    return Page.of(views, limit, cursor);
  }

  @GET
  @Path("artifacts/file")
  @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
  @Operation(summary = "The content of one generated file")
  @APIResponse(responseCode = "404", description = "No such file")
  public Response file(@QueryParam("path") String path) {
    if (path == null || path.isBlank()) {
      throw ProblemException.badRequest("path is required");
    }
    Artifact a = service.stored(new ArtifactService.Scope(null, null)).get(path);
    if (a == null) {
      throw ProblemException.notFound("no generated file at '" + path + "'");
    }
    return Response.ok(a.content(), MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
  }

  @GET
  @Path("artifacts.zip")
  @Produces("application/zip")
  @Operation(summary = "Every generated file (of one SLO's service, or a service) as a zip")
  public Response zip(@QueryParam("slo") String slo, @QueryParam("service") String service) {
    SortedMap<String, Artifact> latest =
        this.service.stored(new ArtifactService.Scope(slo, service));
    if (latest.isEmpty()) {
      throw ProblemException.notFound("nothing generated yet: POST /api/v1/artifacts:generate");
    }
    Map<String, String> files = new TreeMap<>();
    latest.forEach((p, a) -> files.put(p, a.content()));
    return Response.ok(zip(files), "application/zip")
        .header("Content-Disposition", "attachment; filename=\"slo-scout-artifacts.zip\"")
        .build();
  }

  /** A zip of the files, entries in path order with a fixed time, so equal input is equal bytes. */
  static byte[] zip(Map<String, String> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        ZipEntry e = new ZipEntry(f.getKey());
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static SortedMap<String, List<Artifact>> byPath(List<Artifact> stored) {
    SortedMap<String, List<Artifact>> out = new TreeMap<>();
    stored.forEach(a -> out.computeIfAbsent(a.path(), k -> new ArrayList<>()).add(a));
    return out;
  }

  private static List<ArtifactView> views(SortedMap<String, List<Artifact>> byPath) {
    List<ArtifactView> views = new ArrayList<>();
    byPath.forEach(
        (path, list) ->
            views.add(
                new ArtifactView(
                    path,
                    list.get(0).kind().name().toLowerCase(Locale.ROOT),
                    list.stream().map(Artifact::sloId).sorted().toList(),
                    list.get(0).content().getBytes(StandardCharsets.UTF_8).length,
                    list.get(0).generatedAt())));
    return views;
  }
}
