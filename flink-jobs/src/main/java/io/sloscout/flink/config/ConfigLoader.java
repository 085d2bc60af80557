package io.sloscout.flink.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sloscout.flink.config.PipelineConfig.StartingOffsets;
import io.sloscout.flink.config.PipelineConfig.VectorStoreKind;
import io.sloscout.flink.ingest.RedactionSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link PipelineConfig}: the built-in {@code defaults.yaml}, a YAML file merged over it,
 * then environment variables over both.
 *
 * <p>Environment: {@code SLO_SCOUT_KAFKA_BOOTSTRAP}, {@code SLO_SCOUT_PARALLELISM}, {@code
 * SLO_SCOUT_CHECKPOINT_DIR}, {@code SLO_SCOUT_CHECKPOINT_INTERVAL}, {@code SLO_SCOUT_DB_URL},
 * {@code SLO_SCOUT_DB_USER}, {@code SLO_SCOUT_DB_SCHEMA}, {@code SLO_SCOUT_DB_PASSWORD_FILE},
 * {@code SLO_SCOUT_S3_ENDPOINT}, {@code SLO_SCOUT_S3_BUCKET}, {@code SLO_SCOUT_S3_REGION}, {@code
 * SLO_SCOUT_S3_ACCESS_KEY_FILE}, {@code SLO_SCOUT_S3_SECRET_KEY_FILE}, {@code
 * SLO_SCOUT_VECTOR_STORE}, {@code SLO_SCOUT_LUCENE_DIR}, {@code SLO_SCOUT_MILVUS_URI}, {@code
 * SLO_SCOUT_MILVUS_COLLECTION}, {@code SLO_SCOUT_MILVUS_TOKEN_FILE}, {@code
 * SLO_SCOUT_REDACTION_CONFIG}. Secrets themselves ({@code SLO_SCOUT_DB_PASSWORD}, {@code
 * SLO_SCOUT_S3_ACCESS_KEY}, {@code SLO_SCOUT_S3_SECRET_KEY}, {@code SLO_SCOUT_MILVUS_TOKEN}) are
 * read by the tasks when they open, not here.
 */
public final class ConfigLoader {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  /** Environment variable → the YAML path it sets. */
  private static final Map<String, String> ENV_PATHS = new LinkedHashMap<>();

  /** Environment variable naming a file → the YAML path of the secret it sets. */
  private static final Map<String, String> ENV_SECRET_FILES = new LinkedHashMap<>();

  static {
    ENV_PATHS.put("SLO_SCOUT_KAFKA_BOOTSTRAP", "kafka.bootstrapServers");
    ENV_PATHS.put("SLO_SCOUT_PARALLELISM", "parallelism");
    ENV_PATHS.put("SLO_SCOUT_CHECKPOINT_DIR", "checkpoints.directory");
    ENV_PATHS.put("SLO_SCOUT_CHECKPOINT_INTERVAL", "checkpoints.interval");
    ENV_PATHS.put("SLO_SCOUT_DB_URL", "database.url");
    ENV_PATHS.put("SLO_SCOUT_DB_USER", "database.user");
    ENV_PATHS.put("SLO_SCOUT_DB_SCHEMA", "database.schema");
    ENV_PATHS.put("SLO_SCOUT_S3_ENDPOINT", "archive.endpoint");
    ENV_PATHS.put("SLO_SCOUT_S3_BUCKET", "archive.bucket");
    ENV_PATHS.put("SLO_SCOUT_S3_REGION", "archive.region");
    ENV_PATHS.put("SLO_SCOUT_VECTOR_STORE", "vectors.store");
    ENV_PATHS.put("SLO_SCOUT_LUCENE_DIR", "vectors.lucene.directory");
    ENV_PATHS.put("SLO_SCOUT_MILVUS_URI", "vectors.milvus.uri");
    ENV_PATHS.put("SLO_SCOUT_MILVUS_COLLECTION", "vectors.milvus.collection");
    ENV_PATHS.put("SLO_SCOUT_REDACTION_CONFIG", "redaction.config");
    ENV_SECRET_FILES.put("SLO_SCOUT_DB_PASSWORD_FILE", "database.password");
    ENV_SECRET_FILES.put("SLO_SCOUT_S3_ACCESS_KEY_FILE", "archive.accessKey");
    ENV_SECRET_FILES.put("SLO_SCOUT_S3_SECRET_KEY_FILE", "archive.secretKey");
    ENV_SECRET_FILES.put("SLO_SCOUT_MILVUS_TOKEN_FILE", "vectors.milvus.token");
  }

  private ConfigLoader() {}

  /** The built-in defaults with the environment applied. */
  public static PipelineConfig load(Map<String, String> env) {
    return load(null, env);
  }

  /**
   * The defaults, {@code file} merged over them (none when null), then {@code env}.
   *
   * @throws IllegalArgumentException naming the file and field of a bad value
   */
  public static PipelineConfig load(Path file, Map<String, String> env) {
    ObjectNode root = defaults();
    String source = "defaults.yaml";
    if (file != null) {
      source = file.toString();
      JsonNode user;
      try {
        user = YAML.readTree(Files.readString(file));
      } catch (IOException e) {
        throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
      }
      if (user != null && !user.isMissingNode() && !user.isNull()) {
        if (!user.isObject()) {
          throw new IllegalArgumentException(file + ": expected a mapping at the top");
        }
        merge(root, (ObjectNode) user, "", source);
      }
    }
    for (Map.Entry<String, String> e : ENV_PATHS.entrySet()) {
      String v = env.get(e.getKey());
      if (v != null && !v.isBlank()) {
        set(root, e.getValue(), JsonNodeFactory.instance.textNode(v.trim()));
      }
    }
    for (Map.Entry<String, String> e : ENV_SECRET_FILES.entrySet()) {
      String v = env.get(e.getKey());
      if (v != null && !v.isBlank()) {
        set(root, e.getValue(), JsonNodeFactory.instance.objectNode().put("file", v.trim()));
      }
    }
    try {
      return build(root);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static ObjectNode defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("defaults.yaml")) {
      if (in == null) {
        throw new IllegalStateException("defaults.yaml is missing from the jar");
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void merge(ObjectNode base, ObjectNode over, String path, String source) {
    Iterator<Map.Entry<String, JsonNode>> fields = over.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String p = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
      JsonNode existing = base.get(f.getKey());
      if (existing == null) {
        throw new IllegalArgumentException(source + ": unknown setting '" + p + "'");
      }
      if (existing.isObject() && f.getValue().isObject() && !isSecret(existing)) {
        merge((ObjectNode) existing, (ObjectNode) f.getValue(), p, source);
      } else {
        base.set(f.getKey(), f.getValue());
      }
    }
  }

  private static boolean isSecret(JsonNode node) {
    return node.has("env") || node.has("file");
  }

  private static void set(ObjectNode root, String path, JsonNode value) {
    String[] parts = path.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = (ObjectNode) node.get(parts[i]);
    }
    node.set(parts[parts.length - 1], value);
  }

  private static PipelineConfig build(JsonNode r) {
    JsonNode k = r.path("kafka");
    JsonNode topics = k.path("topics");
    Map<String, String> properties = new LinkedHashMap<>();
    k.path("properties")
        .properties()
        .forEach(e -> properties.put(e.getKey(), e.getValue().asText()));
    PipelineConfig.Kafka kafka =
        new PipelineConfig.Kafka(
            text(k, "bootstrapServers", "kafka"),
            text(k, "groupIdPrefix", "kafka"),
            enumValue(
                StartingOffsets.class,
                text(k, "startingOffsets", "kafka"),
                "kafka.startingOffsets"),
            bool(k, "bounded", "kafka"),
            enumValue(
                PipelineConfig.Delivery.class,
                text(k, "eventsDelivery", "kafka"),
                "kafka.eventsDelivery"),
            text(k, "transactionalIdPrefix", "kafka"),
            text(topics, "spans", "kafka.topics"),
            text(topics, "logs", "kafka.topics"),
            text(topics, "events", "kafka.topics"),
            text(topics, "deadLetter", "kafka.topics"),
            properties);
    JsonNode c = r.path("checkpoints");
    PipelineConfig.Checkpoints checkpoints =
        new PipelineConfig.Checkpoints(
            duration(c, "interval", "checkpoints"),
            duration(c, "timeout", "checkpoints"),
            text(c, "backend", "checkpoints"),
            optionalText(c, "directory"));
    JsonNode rs = r.path("restart");
    String strategy = text(rs, "strategy", "restart");
    if (!strategy.equals("none")
        && !strategy.equals("fixed-delay")
        && !strategy.equals("exponential-delay")) {
      throw new IllegalArgumentException(
          "restart.strategy: expected none, fixed-delay or exponential-delay, got " + strategy);
    }
    PipelineConfig.Restart restart =
        new PipelineConfig.Restart(
            strategy, integer(rs, "attempts", "restart", 1), duration(rs, "delay", "restart"));
    JsonNode et = r.path("eventTime");
    PipelineConfig.EventTime eventTime =
        new PipelineConfig.EventTime(
            duration(et, "outOfOrderness", "eventTime"), duration(et, "idleness", "eventTime"));
    JsonNode t = r.path("templates");
    PipelineConfig.Templates templates =
        new PipelineConfig.Templates(
            integer(t, "maxClustersPerService", "templates", 1),
            duration(t, "countsAllowedLateness", "templates"));
    JsonNode j = r.path("journeys");
    PipelineConfig.Journeys journeys =
        new PipelineConfig.Journeys(
            duration(j, "inactivityGap", "journeys"),
            duration(j, "allowedLateness", "journeys"),
            integer(j, "maxSpansPerTrace", "journeys", 1));
    JsonNode d = r.path("database");
    PipelineConfig.Database database =
        new PipelineConfig.Database(
            text(d, "url", "database"),
            text(d, "user", "database"),
            secret(d, "password", "database"),
            text(d, "schema", "database"),
            integer(d, "poolSize", "database", 1),
            integer(d, "batchSize", "database", 1),
            duration(d, "flushInterval", "database"));
    JsonNode a = r.path("archive");
    PipelineConfig.Archive archive =
        new PipelineConfig.Archive(
            text(a, "endpoint", "archive"),
            text(a, "region", "archive"),
            text(a, "bucket", "archive"),
            secret(a, "accessKey", "archive"),
            secret(a, "secretKey", "archive"));
    JsonNode v = r.path("vectors");
    PipelineConfig.Vectors vectors =
        new PipelineConfig.Vectors(
            enumValue(VectorStoreKind.class, text(v, "store", "vectors"), "vectors.store"),
            optionalText(v.path("lucene"), "directory"),
            optionalText(v.path("milvus"), "uri"),
            text(v.path("milvus"), "collection", "vectors.milvus"),
            secret(v.path("milvus"), "token", "vectors.milvus"));
    JsonNode e = r.path("embed");
    PipelineConfig.Embed embed =
        new PipelineConfig.Embed(
            integer(e, "batchSize", "embed", 1),
            duration(e, "maxDelay", "embed"),
            bool(e, "quantized", "embed"),
            optionalText(e, "modelCacheDir"),
            integer(e, "threads", "embed", 1));
    return new PipelineConfig(
        kafka,
        checkpoints,
        restart,
        integer(r, "parallelism", "", 1),
        eventTime,
        templates,
        journeys,
        database,
        archive,
        vectors,
        embed,
        new RedactionSettings(optionalText(r.path("redaction"), "config")));
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
      throw new IllegalArgumentException(name(where, field) + ": a value is required");
    }
    return v.asText().trim();
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
  }

  private static boolean bool(JsonNode node, String field, String where) {
    String s = text(node, field, where).toLowerCase(Locale.ROOT);
    if (!s.equals("true") && !s.equals("false")) {
      throw new IllegalArgumentException(name(where, field) + ": expected true or false, got " + s);
    }
    return Boolean.parseBoolean(s);
  }

  private static int integer(JsonNode node, String field, String where, int min) {
    String s = text(node, field, where);
    int n;
    try {
      n = Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name(where, field) + ": expected a whole number, got " + s);
    }
    if (n < min) {
      throw new IllegalArgumentException(name(where, field) + ": must be at least " + min);
    }
    return n;
  }

  private static Duration duration(JsonNode node, String field, String where) {
    return parseDuration(text(node, field, where), name(where, field));
  }

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}. */
  public static Duration parseDuration(String text, String field) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          field + ": expected a duration such as 500ms, 30s, 5m, 1h, got " + text);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static SecretRef secret(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return SecretRef.NONE;
    }
    if (!v.isObject()) {
      throw new IllegalArgumentException(
          name(where, field)
              + ": secrets are read from the environment or a file: {env: VAR} or {file: PATH}");
    }
    String file = optionalText(v, "file");
    String env = optionalText(v, "env");
    if (file == null && env == null) {
      throw new IllegalArgumentException(
          name(where, field) + ": expected {env: VAR} or {file: PATH}");
    }
    return new SecretRef(file, env, null);
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field) {
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": unknown value " + text);
    }
  }

  private static String name(String where, String field) {
    return where.isEmpty() ? field : where + "." + field;
  }
}
