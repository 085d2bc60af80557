package io.sloscout.app.flink;

import com.sun.net.httpserver.HttpServer;
import io.sloscout.flink.FlinkJob;
import io.sloscout.flink.LocalCluster;
import io.sloscout.flink.config.ConfigLoader;
import io.sloscout.flink.config.PipelineConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;

/**
 * The Flink part of {@code slo-scout up}, run in its own JVM on the Flink jobs' shaded jar: the
 * three jobs on one MiniCluster ({@link LocalCluster}), configured like {@code JobMain} (defaults,
 * then {@code --config FILE}, then {@code SLO_SCOUT_*} variables), resumed where the last run
 * stopped, with a readiness endpoint for the supervisor.
 *
 * <p>{@code GET http://127.0.0.1:<--health-port>/ready}: 200 when every job runs, else 503; the
 * body lists each job's status.
 *
 * <p>Stopping (SIGTERM; run under {@code ParentWatch}, also when the supervisor is gone) takes a
 * savepoint of each job into {@code --state-dir}/savepoints and notes it in {@code
 * --state-dir}/resume.properties; the next start resumes each job from there, or, after a crash,
 * from the job's last retained checkpoint. So a restart neither loses the state of open windows and
 * template clusters nor counts records twice. Exit codes: 0 stopped, 1 a job ended on its own
 * (failed, or finished), 2 usage or configuration error.
 *
 * <p>Compiled against flink-jobs and flink-core but never loaded in the supervisor's JVM: it is
 * packaged alone in {@code slo-scout-app-flink-launcher.jar}.
 */
public final class FlinkPipelineLauncher {

  private static final String RESUME_FILE = "resume.properties";
  private static final long SAVEPOINT_SECONDS = 20;

  private final PipelineConfig config;
  private final Path stateDir;
  private final Map<FlinkJob, JobID> jobs = new EnumMap<>(FlinkJob.class);
  private volatile LocalCluster cluster;

  private FlinkPipelineLauncher(PipelineConfig config, Path stateDir) {
    this.config = config;
    this.stateDir = stateDir;
  }

  public static void main(String[] args) throws Exception {
    Path configFile = null;
    Path stateDir = null;
    int healthPort = -1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> configFile = Path.of(value(args, ++i));
        case "--state-dir" -> stateDir = Path.of(value(args, ++i));
        case "--health-port" -> healthPort = Integer.parseInt(value(args, ++i));
        default -> usage("unexpected argument " + args[i]);
      }
    }
    if (healthPort < 0 || stateDir == null) {
      usage("--health-port and --state-dir are required");
    }
    PipelineConfig config;
    try {
      config = ConfigLoader.load(configFile, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("slo-scout flink: " + e.getMessage());
      System.exit(2);
      return;
    }
    Files.createDirectories(stateDir);
    FlinkPipelineLauncher launcher = new FlinkPipelineLauncher(config, stateDir);

    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean signalled = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  signalled.set(true);
                  stop.countDown();
                  try {
                    stopped.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "slo-scout-flink-stop"));

    HttpServer health =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), healthPort), 0);
    health.createContext(
        "/ready",
        exchange -> {
          StringBuilder body = new StringBuilder();
          boolean ready = launcher.describe(body);
          byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
          exchange.sendResponseHeaders(ready ? 200 : 503, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    health.start();

    int exit = 0;
    try {
      launcher.start();
      while (!stop.await(2, TimeUnit.SECONDS)) {
        String ended = launcher.endedJob();
        if (ended != null) {
          System.err.println("slo-scout flink: " + ended + "; stopping");
          exit = 1;
          break;
        }
      }
    } catch (RuntimeException e) {
      System.err.println("slo-scout flink: the pipeline failed: " + e);
      e.printStackTrace();
      exit = 1;
    } finally {
      health.stop(0);
      launcher.stop();
      System.err.println("slo-scout flink: stopped");
      stopped.countDown();
    }
    if (!signalled.get()) {
      // Flink's and OkHttp's non-daemon threads would keep the JVM; during a signal's shutdown the
      // JVM is exiting already (and System.exit would block)
      System.exit(exit);
    }
  }

  /** Starts the cluster and submits every job, each resumed where it stopped when it can be. */
  private void start() {
    Properties resume = readResume();
    cluster = LocalCluster.start(config.parallelism() * FlinkJob.values().length);
    Set<String> keep = new java.util.HashSet<>();
    for (FlinkJob job : FlinkJob.values()) {
      Optional<String> from = resumePoint(job, resume);
      from.ifPresent(keep::add);
      String restore = from.orElse(null);
      JobID id;
      try {
        id = cluster.submit(job, config, restore);
      } catch (RuntimeException e) {
        if (restore == null) {
          throw e;
        }
        System.err.println(
            "slo-scout flink: "
                + job.jobName()
                + " cannot resume from "
                + restore
                + " ("
                + e
                + "); starting it afresh");
        restore = null;
        id = cluster.submit(job, config, null);
      }
      jobs.put(job, id);
      System.err.println(
          "slo-scout flink: "
              + job.jobName()
              + (restore == null ? " started" : " resumed from " + restore));
    }
    // what the next start needs if this run ends without a savepoint: the new jobs' checkpoints
    Properties now = new Properties();
    jobs.forEach((job, id) -> now.setProperty(job.jobName() + ".job", id.toHexString()));
    writeResume(now);
    deleteStaleState(keep);
  }

  /** Stops every job with a savepoint (cancels it when that fails), then the cluster. */
  private void stop() {
    LocalCluster c = cluster;
    if (c == null) {
      return;
    }
    Properties resume = readResume();
    String savepoints = stateDir.resolve("savepoints").toUri().toString();
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (Map.Entry<FlinkJob, JobID> e : jobs.entrySet()) {
      stops.add(
          CompletableFuture.runAsync(
              () -> {
                String name = e.getKey().jobName();
                try {
                  if (c.status(e.getValue()) != JobStatus.RUNNING) {
                    return;
                  }
                  String path =
                      CompletableFuture.supplyAsync(
                              () -> c.stopWithSavepoint(e.getValue(), savepoints))
                          .get(SAVEPOINT_SECONDS, TimeUnit.SECONDS);
                  synchronized (resume) {
                    resume.setProperty(name + ".savepoint", path);
                  }
                  System.err.println("slo-scout flink: " + name + " stopped with a savepoint");
                } catch (Exception ex) {
                  System.err.println(
                      "slo-scout flink: no savepoint of "
                          + name
                          + " ("
                          + ex
                          + "); the next start resumes from its last checkpoint");
                  try {
                    c.cancel(e.getValue());
                  } catch (RuntimeException cancel) {
                    // the cluster goes down next anyway
                  }
                }
              }));
    }
    CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
    writeResume(resume);
    try {
      c.close();
    } catch (RuntimeException e) {
      System.err.println("slo-scout flink: stopping the MiniCluster: " + e);
    }
  }

  /**
   * Where {@code job} resumes: the savepoint of the last clean stop, else the newest retained
   * checkpoint of the last run's job, else nowhere (a first start).
   */
  private Optional<String> resumePoint(FlinkJob job, Properties resume) {
    String savepoint = resume.getProperty(job.jobName() + ".savepoint");
    if (savepoint != null && Files.isRegularFile(localPath(savepoint).resolve("_metadata"))) {
      return Optional.of(savepoint);
    }
    String lastJob = resume.getProperty(job.jobName() + ".job");
    Optional<Path> checkpoints = checkpointsDir();
    if (lastJob == null || checkpoints.isEmpty()) {
      return Optional.empty();
    }
    Path jobDir = checkpoints.get().resolve(lastJob);
    if (!Files.isDirectory(jobDir)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(jobDir)) {
      return dirs.filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
          .max(Comparator.comparingLong(FlinkPipelineLauncher::checkpointNumber))
          .map(p -> p.toUri().toString());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Removes checkpoints and savepoints no job resumes from, so the state folder stays small. */
  private void deleteStaleState(Set<String> keep) {
    List<Path> kept = keep.stream().map(FlinkPipelineLauncher::localPath).toList();
    List<Path> candidates = new ArrayList<>();
    checkpointsDir().ifPresent(d -> candidates.addAll(children(d)));
    candidates.addAll(children(stateDir.resolve("savepoints")));
    for (Path p : candidates) {
      boolean current = jobs.values().stream().anyMatch(id -> p.endsWith(id.toHexString()));
      boolean needed = kept.stream().anyMatch(k -> k.startsWith(p));
      if (!current && !needed) {
        deleteRecursively(p);
      }
    }
  }

  private Optional<Path> checkpointsDir() {
    String dir = config.checkpoints().directory();
    return dir == null ? Optional.empty() : Optional.of(localPath(dir));
  }

  private boolean describe(StringBuilder body) {
    LocalCluster c = cluster;
    if (c == null || jobs.size() < FlinkJob.values().length) {
      body.append("starting\n");
      return false;
    }
    boolean ready = true;
    for (Map.Entry<FlinkJob, JobID> e : jobs.entrySet()) {
      String status;
      try {
        status = c.status(e.getValue()).name();
      } catch (RuntimeException ex) {
        status = "UNKNOWN";
      }
      ready &= status.equals(JobStatus.RUNNING.name());
      body.append(e.getKey().jobName()).append(' ').append(status).append('\n');
    }
    return ready;
  }

  /** A job that reached a terminal state, described, or null when all run or restart. */
  private String endedJob() {
    for (Map.Entry<FlinkJob, JobID> e : jobs.entrySet()) {
      try {
        JobStatus s = cluster.status(e.getValue());
        if (s.isGloballyTerminalState()) {
          return "job " + e.getKey().jobName() + " is " + s;
        }
      } catch (RuntimeException ex) {
        return "job " + e.getKey().jobName() + " cannot be read: " + ex.getMessage();
      }
    }
    return null;
  }

  private Properties readResume() {
    Properties p = new Properties();
    Path file = stateDir.resolve(RESUME_FILE);
    if (Files.isRegularFile(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        System.err.println("slo-scout flink: cannot read " + file + ": " + e + "; starting afresh");
      }
    }
    return p;
  }

  private void writeResume(Properties p) {
    Path file = stateDir.resolve(RESUME_FILE);
    Path tmp = stateDir.resolve(RESUME_FILE + ".tmp");
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "where each job of slo-scout up resumes; delete this folder to start afresh");
      }
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
  }

  private static long checkpointNumber(Path chk) {
    try {
      return Long.parseLong(chk.getFileName().toString().substring("chk-".length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Path localPath(String pathOrUri) {
    return pathOrUri.startsWith("file:") ? Path.of(URI.create(pathOrUri)) : Path.of(pathOrUri);
  }

  private static List<Path> children(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static void deleteRecursively(Path p) {
    try (Stream<Path> all = Files.walk(p)) {
      for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    } catch (IOException e) {
      // left for the next start
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      usage(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void usage(String message) {
    System.err.println("slo-scout flink: " + message);
    System.err.println(
        "usage: FlinkPipelineLauncher --health-port N --state-dir DIR [--config FILE]");
    System.exit(2);
  }
}
