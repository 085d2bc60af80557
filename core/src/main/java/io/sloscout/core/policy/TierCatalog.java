package io.sloscout.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sloscout.core.spec.ErrorBudgetPolicy;
import io.sloscout.core.spec.Slo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The service tiers of {@code tiers.yaml} and the error-budget policy each SLO falls under. */
public final class TierCatalog {

  /** The tier whose policy applies to SLOs that name no tier or an unknown one. */
  public static final String FALLBACK = "standard";

  private static final String RESOURCE = "tiers.yaml";
  private static final TierCatalog BUILT_IN = loadBuiltIn();

  private final List<Tier> tiers;
  private final Map<String, Tier> byName;

  private TierCatalog(List<Tier> tiers, Map<String, Tier> byName) {
    this.tiers = List.copyOf(tiers);
    this.byName = Map.copyOf(byName);
  }

  /** The tiers that ship with SLO-Scout. */
  public static TierCatalog builtIn() {
    return BUILT_IN;
  }

  /** All tiers in file order, from the strictest objective to the loosest. */
  public List<Tier> all() {
    return tiers;
  }

  /**
   * The tier called {@code name} or one of its aliases ({@code best-effort}), ignoring case and
   * surrounding blanks; empty for null or an unknown name.
   */
  public Optional<Tier> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(byName.get(key(name)));
  }

  /** The SLO's tier, or the standard tier when the SLO names none or an unknown one. */
  public Tier tierOf(Slo slo) {
    return find(slo.tier()).orElseGet(this::fallback);
  }

  /**
   * The error-budget policy an SLO falls under: the spec's own when it gives one, else its tier's
   * default, else the standard tier's.
   */
  public ErrorBudgetPolicy policyFor(Slo slo) {
    if (slo.errorBudgetPolicy() != null) {
      return slo.errorBudgetPolicy();
    }
    return tierOf(slo).policy();
  }

  private Tier fallback() {
    return byName.get(FALLBACK);
  }

  /**
   * Reads a catalog in the {@code tiers.yaml} format.
   *
   * @param source names the input in error messages
   * @throws IllegalArgumentException naming the source and the tier when the content is invalid
   */
  static TierCatalog parse(InputStream in, String source) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
    JsonNode list = root == null ? null : root.get("tiers");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException(source + ": 'tiers' must be a non-empty list");
    }
    List<Tier> tiers = new ArrayList<>();
    Map<String, Tier> byName = new LinkedHashMap<>();
    for (JsonNode t : list) {
      String where = source + ": tier '" + t.path("name").asText() + "'";
      Tier tier;
      try {
        tier =
            new Tier(
                t.path("name").asText(null),
                requireNumber(t.get("objective"), "objective"),
                t.path("description").asText(""),
                policy(t.path("policy")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
      tiers.add(tier);
      register(byName, tier.name(), tier, source);
      for (JsonNode alias : t.path("aliases")) {
        register(byName, alias.asText(), tier, source);
      }
    }
    if (!byName.containsKey(FALLBACK)) {
      throw new IllegalArgumentException(source + ": the '" + FALLBACK + "' tier is missing");
    }
    return new TierCatalog(tiers, byName);
  }

  private static ErrorBudgetPolicy policy(JsonNode policy) {
    if (!policy.path("actions").isArray()) {
      throw new IllegalArgumentException("policy.actions must be a list");
    }
    List<ErrorBudgetPolicy.Action> actions = new ArrayList<>();
    for (JsonNode a : policy.path("actions")) {
      actions.add(
          new ErrorBudgetPolicy.Action(
              requireNumber(a.get("remainingPercent"), "remainingPercent"),
              a.path("action").asText(null),
              a.path("description").asText("")));
    }
    return new ErrorBudgetPolicy(actions);
  }

  private static double requireNumber(JsonNode n, String field) {
    if (n == null || !n.isNumber()) {
      throw new IllegalArgumentException(field + " must be a number");
    }
    return n.asDouble();
  }

  private static void register(Map<String, Tier> byName, String name, Tier tier, String source) {
    if (byName.putIfAbsent(key(name), tier) != null) {
      throw new IllegalArgumentException(source + ": tier name '" + name + "' is used twice");
    }
  }

  private static String key(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  private static TierCatalog loadBuiltIn() {
    try (InputStream in = TierCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the classpath");
      }
      return parse(in, RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
