package io.sloscout.backend.gitops;

import io.sloscout.backend.artifact.ArtifactService;
import io.sloscout.backend.config.BackendConfig;
import io.sloscout.backend.problem.Problem;
import io.sloscout.backend.problem.ProblemException;
import io.sloscout.backend.slo.SloService;
import io.sloscout.core.plan.Plan;
import io.sloscout.core.plan.PlanRenderer;
import io.sloscout.storage.SloRow;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * GitOps export: every stored SLO ({@code <dir>/slos/<id>.yaml}) and the artifacts generated from
 * them, committed on a new branch of the configured repository.
 */
@Path("/gitops/export")
@Tag(name = "GitOps")
public class GitOpsResource {

  private static final Logger LOG = Logger.getLogger(GitOpsResource.class);
  private static final DateTimeFormatter BRANCH_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final SloService slos;
  private final ArtifactService artifacts;
  private final BackendConfig.GitOps config;
  private final GitExporter exporter = new GitExporter();
  private final Clock clock = Clock.systemUTC();

  public GitOpsResource(SloService slos, ArtifactService artifacts, BackendConfig config) {
    this.slos = slos;
    this.artifacts = artifacts;
    this.config = config.gitops();
  }

  /**
   * An export request; every field optional.
   *
   * @param branch the new branch; default {@code <branch-prefix><UTC time>}
   * @param dryRun plan only: nothing is committed or pushed
   */
  public record ExportRequest(String branch, Boolean dryRun) {}

  /**
   * What the export did (or, for a dry run, would do).
   *
   * @param dryRun whether it was a dry run
   * @param branch the branch
   * @param commit the new commit, null for a dry run or when nothing changed
   * @param pushed whether the branch was pushed
   * @param message the commit message
   * @param plan the file changes (core's plan)
   * @param planMarkdown the plan as Markdown, for a pull request
   */
  public record ExportResult(
      boolean dryRun,
      String branch,
      String commit,
      boolean pushed,
      String message,
      Plan plan,
      String planMarkdown) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Commit the SLO files and generated artifacts to a new branch",
      description =
          "The repository is slo-scout.gitops.repository (a local path or a remote URL, with"
              + " credentials from the environment variables named by"
              + " slo-scout.gitops.username-env and password-env); a request cannot name another."
              + " dryRun=true (query or body) returns the plan without committing.")
  @APIResponse(responseCode = "409", description = "The branch exists, or the base is missing")
  @APIResponse(responseCode = "503", description = "No repository configured, or it failed")
  public ExportResult export(ExportRequest request, @QueryParam("dryRun") Boolean dryRunQuery) {
    ExportRequest r = request == null ? new ExportRequest(null, null) : request;
    boolean dryRun = Boolean.TRUE.equals(dryRunQuery) || Boolean.TRUE.equals(r.dryRun());
    String repository =
        config
            .repository()
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () ->
                    ProblemException.unavailable(
                        "no Git repository configured (slo-scout.gitops.repository)"));
    Instant now = clock.instant();
    String branch =
        r.branch() == null || r.branch().isBlank()
            ? config.branchPrefix() + BRANCH_TIME.format(now)
            : r.branch().strip();
    if (!org.eclipse.jgit.lib.Repository.isValidRefName("refs/heads/" + branch)
        || branch.equals(config.baseBranch())) {
      throw ProblemException.badRequest("'" + branch + "' is not a valid new branch name");
    }
    List<SloRow> rows = slos.rows();
    if (rows.isEmpty()) {
      throw ProblemException.badRequest("there are no SLOs to export");
    }
    SortedMap<String, String> files = new TreeMap<>(artifacts.generate(rows).files());
    rows.forEach(s -> files.put("slos/" + SloService.fileName(s.id()), s.specYaml()));
    GitExporter.Target target =
        new GitExporter.Target(
            repository,
            config.baseBranch(),
            config.directory(),
            credentials(),
            config.authorName(),
            config.authorEmail(),
            config.push());
    try {
      GitExporter.Result result = exporter.export(target, files, branch, dryRun, now);
      return new ExportResult(
          dryRun,
          result.branch(),
          result.commit(),
          result.commit() != null && config.push(),
          result.message(),
          result.plan(),
          PlanRenderer.markdown(result.plan()));
    } catch (GitExporter.ExportException e) {
      LOG.warnf("GitOps export to branch %s failed: %s", branch, e.getMessage());
      throw new ProblemException(
          e.isConflict()
              ? Problem.of(409, "Conflict", e.getMessage())
              : Problem.of(503, "Service Unavailable", "the Git repository could not be updated"));
    }
  }

  private CredentialsProvider credentials() {
    String user = System.getenv(config.usernameEnv());
    String password = System.getenv(config.passwordEnv());
    if (password == null || password.isEmpty()) {
      return null;
    }
    // token-only hosts (GitHub, GitLab) accept any user name with a token as password
    return new UsernamePasswordCredentialsProvider(
        user == null || user.isEmpty() ? "x-access-token" : user, password);
  }
}
