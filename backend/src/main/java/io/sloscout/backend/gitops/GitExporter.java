package io.sloscout.backend.gitops;

import io.sloscout.core.plan.ChangeKind;
import io.sloscout.core.plan.FileChange;
import io.sloscout.core.plan.OutputFolder;
import io.sloscout.core.plan.Plan;
import io.sloscout.core.plan.Planner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Objects;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Commits a set of files into a folder of a Git repository on a new branch, through a temporary
 * clone: the target repository is only ever touched by a push of that branch. Core's {@link
 * OutputFolder} manifest decides which files are ours, so files people put beside them stay.
 */
public final class GitExporter {

  /**
   * Where and as whom to commit.
   *
   * @param repository a remote URL or a local path
   * @param baseBranch the branch the new branch starts from; a repository without it starts empty
   * @param directory the folder inside the repository, {@code /}-separated, no leading slash
   * @param credentials for a remote repository, or null
   * @param authorName the commit's author and committer
   * @param authorEmail their e-mail
   * @param push whether the branch is pushed back
   */
  public record Target(
      String repository,
      String baseBranch,
      String directory,
      CredentialsProvider credentials,
      String authorName,
      String authorEmail,
      boolean push) {
    public Target {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(baseBranch, "baseBranch");
      directory = directory == null ? "" : directory.replaceAll("^/+|/+$", "");
    }
  }

  /**
   * What an export did or would do.
   *
   * @param branch the branch (created, or that would be)
   * @param commit the new commit's id, null for a dry run or when nothing changed
   * @param plan the changes, paths relative to the repository root
   * @param message the commit message
   */
  public record Result(String branch, String commit, Plan plan, String message) {}

  /** An export that failed: through the caller's choice (a conflict), or the repository. */
  public static final class ExportException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean conflict;

    /** A conflict the caller can resolve: the branch exists, the base is missing. */
    public ExportException(String message) {
      super(message);
      this.conflict = true;
    }

    /** The repository or the local clone failed. */
    public ExportException(String message, Throwable cause) {
      super(message, cause);
      this.conflict = false;
    }

    public boolean isConflict() {
      return conflict;
    }
  }

  /**
   * Plans, and unless {@code dryRun} commits and pushes, {@code files} (paths relative to the
   * target's directory) on the new branch {@code branch}.
   */
  public Result export(
      Target target, SortedMap<String, String> files, String branch, boolean dryRun, Instant now)
      throws ExportException {
    if (!Repository.isValidRefName("refs/heads/" + branch) || branch.equals(target.baseBranch())) {
      throw new ExportException("'" + branch + "' is not a valid new branch name");
    }
    Path work = null;
    try {
      work = Files.createTempDirectory("slo-scout-gitops");
      try (Git git = cloneOf(target, work)) {
        Repository repo = git.getRepository();
        if (repo.exactRef("refs/remotes/origin/" + branch) != null) {
          throw new ExportException("branch '" + branch + "' already exists in the repository");
        }
        Ref base = repo.exactRef("refs/remotes/origin/" + target.baseBranch());
        if (base != null) {
          git.checkout()
              .setCreateBranch(true)
              .setName(branch)
              .setStartPoint("refs/remotes/origin/" + target.baseBranch())
              .call();
        } else {
          // an empty repository, or one without the base branch yet: the branch starts empty
          RefUpdate head = repo.updateRef(Constants.HEAD);
          head.disableRefLog();
          head.link("refs/heads/" + branch);
        }
        Path folderPath = target.directory().isEmpty() ? work : work.resolve(target.directory());
        OutputFolder folder = new OutputFolder(folderPath);
        Plan plan = relative(Planner.plan(folder, files), target.directory());
        String message = message(plan);
        if (dryRun || plan.isEmpty()) {
          return new Result(branch, null, plan, message);
        }
        folder.write(files);
        String pattern = target.directory().isEmpty() ? "." : target.directory();
        git.add().addFilepattern(pattern).call();
        git.add().setUpdate(true).addFilepattern(pattern).call();
        PersonIdent who =
            new PersonIdent(target.authorName(), target.authorEmail(), now, ZoneOffset.UTC);
        RevCommit commit =
            git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
        if (target.push()) {
          push(git, target, branch);
        }
        return new Result(branch, ObjectId.toString(commit.getId()), plan, message);
      }
    } catch (GitAPIException e) {
      throw new ExportException("git failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ExportException("cannot prepare the export: " + e.getMessage(), e);
    } finally {
      deleteQuietly(work);
    }
  }

  /**
   * A fresh repository with every branch of the target fetched: unlike a clone, this works when the
   * target's HEAD names a branch that does not exist (an empty repository, or one holding only
   * export branches).
   */
  private static Git cloneOf(Target target, Path work) throws GitAPIException, IOException {
    String uri = target.repository();
    if (!uri.contains("://") && !uri.startsWith("git@")) {
      uri = Path.of(uri).toAbsolutePath().toUri().toString();
    }
    Git git = Git.init().setDirectory(work.toFile()).setInitialBranch(target.baseBranch()).call();
    try {
      StoredConfig config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", uri);
      config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
      // a throwaway clone: no background gc racing the deletion of the folder
      config.setInt("gc", null, "auto", 0);
      config.setBoolean("gc", null, "autoDetach", false);
      config.save();
      git.fetch()
          .setRemote("origin")
          .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"))
          .setCredentialsProvider(target.credentials())
          .call();
      return git;
    } catch (GitAPIException | IOException | RuntimeException e) {
      git.close();
      throw e;
    }
  }

  private static void push(Git git, Target target, String branch)
      throws GitAPIException, ExportException {
    String ref = "refs/heads/" + branch;
    Iterable<PushResult> results =
        git.push()
            .setRemote("origin")
            .setRefSpecs(new RefSpec(ref + ":" + ref))
            .setCredentialsProvider(target.credentials())
            .call();
    for (PushResult r : results) {
      for (RemoteRefUpdate u : r.getRemoteUpdates()) {
        if (u.getStatus() != RemoteRefUpdate.Status.OK
            && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
          throw new ExportException(
              "push of "
                  + branch
                  + " was refused: "
                  + u.getStatus()
                  + (u.getMessage() == null ? "" : " (" + u.getMessage() + ")"),
              null);
        }
      }
    }
  }

  /** The commit message: a summary line, then one line per changed file. */
  static String message(Plan plan) {
    StringBuilder sb =
        new StringBuilder("SLO-Scout export: ")
            .append(plan.count(ChangeKind.ADD))
            .append(" added, ")
            .append(plan.count(ChangeKind.CHANGE))
            .append(" changed, ")
            .append(plan.count(ChangeKind.REMOVE))
            .append(" removed\n\n");
    for (FileChange f : plan.files()) {
      if (f.kind() != ChangeKind.UNCHANGED) {
        sb.append(f.kind().symbol()).append(' ').append(f.path()).append('\n');
      }
    }
    return sb.toString();
  }

  /** The plan with paths relative to the repository root instead of our temporary folder. */
  private static Plan relative(Plan plan, String directory) {
    String prefix = directory.isEmpty() ? "" : directory + "/";
    return new Plan(
        directory.isEmpty() ? "." : directory,
        plan.files().stream()
            .map(f -> new FileChange(prefix + f.path(), f.kind(), f.items()))
            .toList());
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp clone left behind does not change the export
    }
  }
}
