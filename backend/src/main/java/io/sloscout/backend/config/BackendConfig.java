package io.sloscout.backend.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The backend's own settings, under {@code slo-scout.*}; every one has a working default. */
@ConfigMapping(prefix = "slo-scout")
public interface BackendConfig {

  /** Who may call the API. */
  Auth auth();

  /** How recommendations are recomputed. */
  Recommendations recommendations();

  /** How artifacts are generated. */
  Generation generation();

  /** Where GitOps exports go. */
  GitOps gitops();

  /** Semantic template search. */
  Search search();

  /** The release gate. */
  Gate gate();

  /** The database beyond Quarkus' datasource settings. */
  Db db();

  /** Journey reads. */
  Journeys journeys();

  /** The ingest pipeline behind the backend, for readiness. */
  Pipeline pipeline();

  /** The pipeline's readiness endpoints, which {@code /q/health/ready} includes. */
  interface Pipeline {
    /**
     * The readiness URLs of the pipeline's parts (collectors, Flink launcher); ready only when all
     * answer 2xx. None (the default): no pipeline check. E.g. from SLO_SCOUT_PIPELINE_HEALTH_URLS.
     */
    Optional<List<String>> healthUrls();

    /** How long one URL may take to connect and answer. */
    @WithDefault("PT2S")
    Duration healthTimeout();

    /** How long a result is reused, so that health polling cannot hammer the pipeline. */
    @WithDefault("PT2S")
    Duration healthCacheTtl();
  }

  /** Journey reads. */
  interface Journeys {
    /** How long a journey list over one range is reused; 0 recomputes every request. */
    @WithDefault("PT10S")
    Duration cacheTtl();
  }

  /** How the shared schema is migrated. */
  interface Db {
    /** The schema holding the tables; created by the migrations when missing. */
    @WithDefault("public")
    String schema();

    /** TimescaleDB use: {@code auto}, {@code required} or {@code off}. */
    @WithDefault("auto")
    String timescale();

    /** Whether the backend runs the migrations at startup. */
    @WithDefault("true")
    boolean migrate();
  }

  /** API tokens. */
  interface Auth {
    /**
     * Whether GET requests need no token. Off by default: journeys and error templates describe the
     * system's internals, so reading them is a decision, not an accident.
     */
    @WithDefault("false")
    boolean anonymousReads();

    /** SHA-256 hashes (hex) of the accepted tokens; e.g. from SLO_SCOUT_AUTH_TOKEN_HASHES. */
    Optional<List<String>> tokenHashes();

    /** A file of SHA-256 token hashes, one per line ({@code #} starts a comment). */
    Optional<Path> tokenHashFile();
  }

  /** Recommendations from the stored journey aggregates. */
  interface Recommendations {
    /** How often the schedule recomputes; {@code off} disables the schedule. */
    @WithDefault("15m")
    String every();

    /** How much aggregate history a recomputation reads. */
    @WithDefault("P7D")
    Duration lookback();

    /** The SLO period recommended objectives are for. */
    @WithDefault("30d")
    String window();
  }

  /** The options of {@code slo-scout generate}. */
  interface Generation {
    @WithDefault("google")
    String alertProfile();

    @WithDefault("runbooks")
    String runbookBaseUrl();

    @WithDefault("/d")
    String dashboardBaseUrl();

    /** How many related error templates a runbook lists as evidence. */
    @WithDefault("5")
    int runbookEvidence();
  }

  /** The Git repository exports are committed to. */
  interface GitOps {
    /**
     * A local path or a remote URL (https, ssh, file). Only this repository is written to: a
     * request cannot name another one.
     */
    Optional<String> repository();

    /** The branch new export branches start from. */
    @WithDefault("main")
    String baseBranch();

    /** Export branches are named {@code <prefix><timestamp>} unless the request names one. */
    @WithDefault("slo-scout/export-")
    String branchPrefix();

    /** The folder inside the repository that holds {@code slos/} and the generated artifacts. */
    @WithDefault("slo-scout")
    String directory();

    /** The environment variable with the user name for a remote repository. */
    @WithDefault("SLO_SCOUT_GIT_USERNAME")
    String usernameEnv();

    /** The environment variable with the password or token for a remote repository. */
    @WithDefault("SLO_SCOUT_GIT_TOKEN")
    String passwordEnv();

    @WithDefault("SLO-Scout")
    String authorName();

    @WithDefault("slo-scout@localhost")
    String authorEmail();

    /** Whether the export branch is pushed to the repository's origin. */
    @WithDefault("true")
    boolean push();
  }

  /** The embedder and vector store behind template search. */
  interface Search {
    /** Whether search is on; off, the search endpoint answers 503 and the model is not loaded. */
    @WithDefault("true")
    boolean enabled();

    /** The Lucene index folder; a folder under the temp dir by default. */
    Optional<Path> indexDir();

    /** {@code int8} (default, twice as fast) or {@code fp32}. */
    @WithDefault("int8")
    String weights();

    /** How often new templates from the database are embedded and indexed. */
    @WithDefault("1m")
    String indexEvery();

    /** The most hits a search returns. */
    @WithDefault("50")
    int maxResults();
  }

  /** The release gate. */
  interface Gate {
    /** The Prometheus the gate queries; a request may not point elsewhere. */
    Optional<String> prometheusUrl();

    @WithDefault("PT10S")
    Duration timeout();
  }
}
