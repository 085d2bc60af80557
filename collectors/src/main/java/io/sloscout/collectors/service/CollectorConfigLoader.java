package io.sloscout.collectors.service;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Builds a {@link CollectorConfig} from, in increasing precedence: the defaults, a YAML file, the
 * {@code SLO_SCOUT_*} environment variables ({@link #ENVIRONMENT}) and command-line flags.
 *
 * <p>Unknown keys and bad values are errors that name the file, line and field (or the variable or
 * flag); nothing is silently ignored, so a typo cannot turn a setting off.
 */
public final class CollectorConfigLoader {

  /** Names the config file when {@code --config} does not. */
  public static final String CONFIG_ENV = "SLO_SCOUT_CONFIG";

  /** One value from outside the file: where it came from (for messages), its dotted path. */
  public record Setting(String source, String path, String value) {
    public Setting {
      if (!KINDS.containsKey(path)) {
        throw new IllegalArgumentException("no setting " + path);
      }
    }
  }

  private enum Kind {
    STRING,
    PATH,
    PORT,
    BOOL,
    DURATION,
    BYTES
  }

  private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

  /** Environment variable → dotted config path it sets. */
  public static final Map<String, String> ENVIRONMENT;

  static {
    KINDS.put("dataDir", Kind.PATH);
    KINDS.put("kafka.bootstrap", Kind.STRING);
    KINDS.put("kafka.embedded", Kind.BOOL);
    KINDS.put("kafka.dataDir", Kind.PATH);
    KINDS.put("kafka.createTopics", Kind.BOOL);
    KINDS.put("kafka.topicWait", Kind.DURATION);
    KINDS.put("otlp.grpc.enabled", Kind.BOOL);
    KINDS.put("otlp.grpc.host", Kind.STRING);
    KINDS.put("otlp.grpc.port", Kind.PORT);
    KINDS.put("otlp.http.enabled", Kind.BOOL);
    KINDS.put("otlp.http.host", Kind.STRING);
    KINDS.put("otlp.http.port", Kind.PORT);
    KINDS.put("metrics.host", Kind.STRING);
    KINDS.put("metrics.port", Kind.PORT);
    KINDS.put("auth.token", Kind.STRING);
    KINDS.put("auth.bearerTokenFile", Kind.PATH);
    KINDS.put("tls.certChain", Kind.PATH);
    KINDS.put("tls.privateKey", Kind.PATH);
    KINDS.put("redaction.atEdge", Kind.BOOL);
    KINDS.put("remoteRead.stateDir", Kind.PATH);
    KINDS.put("publisher.maxInFlightBytes", Kind.BYTES);
    KINDS.put("drainTimeout", Kind.DURATION);

    Map<String, String> env = new LinkedHashMap<>();
    env.put("SLO_SCOUT_DATA_DIR", "dataDir");
    env.put("SLO_SCOUT_KAFKA_BOOTSTRAP", "kafka.bootstrap");
    env.put("SLO_SCOUT_EMBEDDED_KAFKA", "kafka.embedded");
    env.put("SLO_SCOUT_KAFKA_CREATE_TOPICS", "kafka.createTopics");
    env.put("SLO_SCOUT_KAFKA_TOPIC_WAIT", "kafka.topicWait");
    env.put("SLO_SCOUT_OTLP_GRPC_ENABLED", "otlp.grpc.enabled");
    env.put("SLO_SCOUT_OTLP_GRPC_HOST", "otlp.grpc.host");
    env.put("SLO_SCOUT_OTLP_GRPC_PORT", "otlp.grpc.port");
    env.put("SLO_SCOUT_OTLP_HTTP_ENABLED", "otlp.http.enabled");
    env.put("SLO_SCOUT_OTLP_HTTP_HOST", "otlp.http.host");
    env.put("SLO_SCOUT_OTLP_HTTP_PORT", "otlp.http.port");
    env.put("SLO_SCOUT_METRICS_HOST", "metrics.host");
    env.put("SLO_SCOUT_METRICS_PORT", "metrics.port");
    env.put("SLO_SCOUT_AUTH_TOKEN", "auth.token");
    env.put("SLO_SCOUT_AUTH_TOKEN_FILE", "auth.bearerTokenFile");
    env.put("SLO_SCOUT_TLS_CERT_CHAIN", "tls.certChain");
    env.put("SLO_SCOUT_TLS_PRIVATE_KEY", "tls.privateKey");
    env.put("SLO_SCOUT_REDACT_AT_EDGE", "redaction.atEdge");
    env.put("SLO_SCOUT_REMOTE_READ_STATE_DIR", "remoteRead.stateDir");
    env.put("SLO_SCOUT_PUBLISHER_MAX_IN_FLIGHT_BYTES", "publisher.maxInFlightBytes");
    env.put("SLO_SCOUT_DRAIN_TIMEOUT", "drainTimeout");
    ENVIRONMENT = java.util.Collections.unmodifiableMap(env);
  }

  private static final ObjectMapper YAML = mapper();

  private CollectorConfigLoader() {}

  /**
   * The effective configuration.
   *
   * @param file the YAML file, if any ({@code --config}, else {@link #CONFIG_ENV} is the caller's
   *     business: see {@link #configFile})
   * @param environment the process environment (only {@code SLO_SCOUT_*} names are read)
   * @param flags settings from the command line, highest precedence
   * @throws ConfigException naming file, line and field, or the variable or flag, of a bad value
   */
  public static CollectorConfig load(
      Optional<Path> file, Map<String, String> environment, List<Setting> flags) {
    ObjectNode tree = file.map(CollectorConfigLoader::readFile).orElseGet(YAML::createObjectNode);
    List<Setting> fromEnvironment = new ArrayList<>();
    for (var variable : ENVIRONMENT.entrySet()) {
      String value = environment.get(variable.getKey());
      if (value != null && !value.isBlank()) {
        fromEnvironment.add(new Setting(variable.getKey(), variable.getValue(), value));
      }
    }
    apply(tree, fromEnvironment);
    apply(tree, flags);
    try {
      return YAML.treeToValue(tree, CollectorConfig.class);
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "configuration error after applying "
              + sourcesOf(fromEnvironment, flags)
              + ": "
              + describe(e, null),
          e);
    }
  }

  /** The config file: {@code flag} when given, else {@link #CONFIG_ENV} when set. */
  public static Optional<Path> configFile(Path flag, Map<String, String> environment) {
    if (flag != null) {
      return Optional.of(flag);
    }
    String fromEnvironment = environment.get(CONFIG_ENV);
    return fromEnvironment == null || fromEnvironment.isBlank()
        ? Optional.empty()
        : Optional.of(Path.of(fromEnvironment));
  }

  private static ObjectNode readFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + describe(e, e.getLocation()), e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return YAML.createObjectNode();
    }
    if (!tree.isObject()) {
      throw new ConfigException(file + ":1:1: error: the top level must be a mapping of sections");
    }
    JsonNode auth = tree.get("auth");
    if (auth != null && auth.has("token")) {
      throw new ConfigException(
          file
              + ": error: auth.token: secrets are not read from the config file; mount the token"
              + " as a file (auth.bearerTokenFile) or set SLO_SCOUT_AUTH_TOKEN");
    }
    try {
      // bound once straight from the text so that errors carry the file's line and column
      YAML.readValue(text, CollectorConfig.class);
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + describe(e, locate(text, e)), e);
    }
    return (ObjectNode) tree;
  }

  private static void apply(ObjectNode tree, List<Setting> settings) {
    checkExclusive(settings, "kafka.bootstrap", "kafka.embedded");
    checkExclusive(settings, "auth.token", "auth.bearerTokenFile");
    for (Setting setting : settings) {
      JsonNode value = parse(setting);
      String[] parts = setting.path().split("\\.");
      ObjectNode parent = tree;
      for (int i = 0; i < parts.length - 1; i++) {
        JsonNode child = parent.get(parts[i]);
        if (!(child instanceof ObjectNode)) {
          child = parent.putObject(parts[i]);
        }
        parent = (ObjectNode) child;
      }
      parent.set(parts[parts.length - 1], value);
      // a later layer choosing one side of an exclusive pair drops what an earlier one chose
      switch (setting.path()) {
        case "kafka.bootstrap" -> parent.remove("embedded");
        case "kafka.embedded" -> {
          if (value.booleanValue()) {
            parent.remove("bootstrap");
          }
        }
        case "auth.token" -> parent.remove("bearerTokenFile");
        case "auth.bearerTokenFile" -> parent.remove("token");
        default -> {
          // no partner
        }
      }
    }
  }

  private static void checkExclusive(Collection<Setting> settings, String a, String b) {
    Setting first = null;
    Setting second = null;
    for (Setting s : settings) {
      if (s.path().equals(a)) {
        first = s;
      } else if (s.path().equals(b) && !(KINDS.get(b) == Kind.BOOL && !safeBool(s.value()))) {
        second = s;
      }
    }
    if (first != null && second != null) {
      throw new ConfigException(
          first.source() + " and " + second.source() + " exclude each other; set one of them");
    }
  }

  private static boolean safeBool(String text) {
    try {
      return ConfigValues.bool(text);
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  private static JsonNode parse(Setting setting) {
    try {
      return switch (KINDS.get(setting.path())) {
        case STRING, PATH -> TextNode.valueOf(setting.value().trim());
        case PORT -> IntNode.valueOf(ConfigValues.port(setting.value()));
        case BOOL -> BooleanNode.valueOf(ConfigValues.bool(setting.value()));
        case DURATION -> {
          Duration checked = ConfigValues.duration(setting.value());
          yield JsonNodeFactory.instance.textNode(checked.toString());
        }
        case BYTES -> LongNode.valueOf(ConfigValues.bytes(setting.value()));
      };
    } catch (IllegalArgumentException | ArithmeticException e) {
      // a secret's value never goes into the message
      String shown = setting.path().equals("auth.token") ? "" : ": " + e.getMessage();
      throw new ConfigException(
          setting.source()
              + " ("
              + setting.path()
              + ")"
              + (shown.isEmpty() ? " is invalid" : shown),
          e);
    }
  }

  private static String sourcesOf(List<Setting> environment, List<Setting> flags) {
    List<String> names = new ArrayList<>();
    environment.forEach(s -> names.add(s.source()));
    flags.forEach(s -> names.add(s.source()));
    return names.isEmpty() ? "defaults" : String.join(", ", names);
  }

  /** {@code :line:column: error: path: what} for a Jackson error (location part when known). */
  private static String describe(JsonProcessingException e, JsonLocation location) {
    StringBuilder sb = new StringBuilder();
    if (location != null && location.getLineNr() > 0) {
      sb.append(':').append(location.getLineNr()).append(':').append(location.getColumnNr());
    }
    sb.append(location == null ? "" : ": error: ");
    String path = e instanceof DatabindException d ? path((JsonMappingException) d) : "";
    if (e instanceof UnrecognizedPropertyException u) {
      sb.append(path.isEmpty() ? u.getPropertyName() : path)
          .append(": unknown field '")
          .append(u.getPropertyName())
          .append("'");
      if (u.getKnownPropertyIds() != null && !u.getKnownPropertyIds().isEmpty()) {
        TreeSet<String> known = new TreeSet<>();
        u.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
        sb.append(" (known: ").append(String.join(", ", known)).append(')');
      }
      return sb.toString();
    }
    if (e instanceof ValueInstantiationException v && v.getCause() != null) {
      // our compact constructors start their messages with the field name: join it to the path
      String why = v.getCause().getMessage();
      return sb.append(path.isEmpty() ? why : path + "." + why).toString();
    }
    String why = e.getOriginalMessage();
    if (e instanceof InvalidFormatException f) {
      int detail = why.indexOf("\": ");
      String type = f.getTargetType() == null ? "value" : f.getTargetType().getSimpleName();
      why =
          detail >= 0 && why.lastIndexOf("not a valid") < detail
              ? why.substring(detail + 3)
              : "'" + f.getValue() + "' is not a valid " + type;
    }
    if (why.startsWith("Duplicate field '")) {
      why = "duplicate key '" + why.substring(17, why.indexOf('\'', 17)) + "'";
    }
    // SnakeYAML's messages quote the line with a caret: keep only the sentences
    List<String> sentences = new ArrayList<>();
    for (String line : why.split("\n")) {
      if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
        sentences.add(line.trim());
      }
    }
    why = String.join(": ", sentences);
    return sb.append(path.isEmpty() ? why : path + ": " + why).toString();
  }

  /**
   * Where the field an error is about starts in {@code text}: Jackson reports where the parser
   * stopped, often the line after the culprit; the field's own key is what a person looks for.
   */
  private static JsonLocation locate(String text, JsonProcessingException e) {
    if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
      return e.getLocation();
    }
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference ref : m.getPath()) {
      pointer.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
    }
    List<String> candidates = new ArrayList<>();
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      // our constructors' messages start with the field: "port: must be ..."
      String why = String.valueOf(e.getCause().getMessage());
      int colon = why.indexOf(':');
      if (colon > 0 && why.substring(0, colon).matches("[A-Za-z]+")) {
        candidates.add(pointer + "/" + why.substring(0, colon));
      }
    }
    candidates.add(pointer.toString());
    for (String candidate : candidates) {
      JsonLocation found = find(text, candidate);
      if (found != null) {
        return found;
      }
    }
    return e.getLocation();
  }

  private static JsonLocation find(String text, String pointer) {
    try (JsonParser p = YAML.getFactory().createParser(text)) {
      JsonToken token;
      while ((token = p.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME
            && p.getParsingContext().pathAsPointer().toString().equals(pointer)) {
          return p.currentTokenLocation();
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          if (p.getParsingContext().pathAsPointer().toString().equals(pointer)
              && p.getParsingContext().getParent() != null
              && p.getParsingContext().getParent().inArray()) {
            return p.currentTokenLocation();
          }
        }
      }
    } catch (IOException e) {
      // the text parsed before; if it does not now, the exception's own location will do
    }
    return null;
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static ObjectMapper mapper() {
    SimpleModule durations = new SimpleModule("slo-scout-durations");
    durations.addDeserializer(Duration.class, new ConfigValues.DurationDeserializer());
    return new ObjectMapper(new YAMLFactory())
        .registerModule(durations)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }
}
