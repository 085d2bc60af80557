package io.sloscout.core.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import io.sloscout.core.burnrate.AlertSeverity;
import io.sloscout.core.spec.Diagnostic;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.Source.Position;
import io.sloscout.core.spec.load.YamlDocument;
import io.sloscout.core.spec.load.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A release-gate policy: default settings, CEL-selected overrides of them per SLO, and CEL rules
 * that add verdicts; see {@code default-policy.yaml} for the format.
 */
public final class GatePolicy {

  public static final String API_VERSION = "slo-scout.io/v1";
  public static final String KIND = "GatePolicy";

  private static final String RESOURCE = "default-policy.yaml";
  private static final Set<String> TOP_KEYS =
      Set.of("apiVersion", "kind", "description", "defaults", "overrides", "rules");
  private static final Set<String> SETTING_KEYS =
      Set.of(
          "blocking",
          "rollbackOn",
          "minEvents",
          "trafficWindow",
          "budgetFloorPercent",
          "budgetPolicyActions");
  private static final Set<String> RULE_KEYS = Set.of("name", "when", "decision", "reason");
  private static final GatePolicy DEFAULT = loadDefault();

  private final String source;
  private final GateSettings defaults;
  private final List<Override> overrides;
  private final List<Rule> rules;

  private GatePolicy(
      String source, GateSettings defaults, List<Override> overrides, List<Rule> rules) {
    this.source = source;
    this.defaults = defaults;
    this.overrides = List.copyOf(overrides);
    this.rules = List.copyOf(rules);
  }

  /** The policy that ships with SLO-Scout, used when none is given. */
  public static GatePolicy defaultPolicy() {
    return DEFAULT;
  }

  /**
   * Reads a policy file; settings its {@code defaults} leave out come from the default policy.
   *
   * @throws GatePolicyException listing every problem with its line, column and field
   */
  public static GatePolicy parse(Path file, String text) throws GatePolicyException {
    return parse(file, text, DEFAULT.defaults);
  }

  /** Where the policy came from: the file, or {@code default-policy.yaml}. */
  public String source() {
    return source;
  }

  /** The settings before any override. */
  public GateSettings defaults() {
    return defaults;
  }

  /** The names of the policy's rules, in file order. */
  public List<String> ruleNames() {
    return rules.stream().map(Rule::name).toList();
  }

  /**
   * The settings for {@code slo}: the defaults, then every override whose {@code when} holds, in
   * file order, each replacing the settings it names.
   */
  public GateSettings settingsFor(Slo slo, Instant time) {
    return resolve(slo, time).settings();
  }

  /** Settings plus the overrides that could not be evaluated for this SLO. */
  Resolved resolve(Slo slo, Instant time) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("slo", sloVariable(slo));
    vars.put("now", timestamp(time));
    GateSettings s = defaults;
    List<String> problems = new ArrayList<>();
    for (Override o : overrides) {
      try {
        if (o.when().test(vars)) {
          s = o.patch().applyTo(s);
        }
      } catch (IllegalStateException e) {
        problems.add(
            "policy override at " + o.location() + " cannot be evaluated: " + e.getMessage());
      }
    }
    return new Resolved(s, problems);
  }

  /** The rules whose {@code when} holds for a measured SLO, and the ones that failed. */
  List<RuleResult> applyRules(
      Slo slo,
      Instant time,
      Map<String, Double> burnRates,
      Map<String, Double> errorRatios,
      double budgetRemaining,
      double events) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("slo", sloVariable(slo));
    vars.put("now", timestamp(time));
    vars.put("burnRates", burnRates);
    vars.put("errorRatios", errorRatios);
    vars.put("budgetRemaining", budgetRemaining);
    vars.put("events", events);
    List<RuleResult> out = new ArrayList<>();
    for (Rule r : rules) {
      try {
        if (r.when().test(vars)) {
          out.add(new RuleResult(r, null));
        }
      } catch (IllegalStateException e) {
        out.add(new RuleResult(r, e.getMessage()));
      }
    }
    return out;
  }

  private static Map<String, Object> sloVariable(Slo slo) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", slo.id());
    m.put("service", slo.service());
    m.put("name", slo.name());
    m.put("tier", slo.tier() == null ? "" : slo.tier());
    m.put("labels", slo.labels());
    m.put("objective", slo.objective());
    m.put("period", slo.period().toString());
    m.put("sliType", sliType(slo.sli()));
    return m;
  }

  /** {@code ratio}, {@code raw} or {@code latency}, as the native spec names indicator types. */
  static String sliType(Sli sli) {
    if (sli instanceof Sli.Events) {
      return "ratio";
    }
    return sli instanceof Sli.Raw ? "raw" : "latency";
  }

  private static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  /** Settings for one SLO, and why some overrides could not be applied. */
  record Resolved(GateSettings settings, List<String> problems) {}

  /** A rule that matched, or that failed with {@code error}. */
  record RuleResult(Rule rule, String error) {}

  /** {@code overrides[]}: settings that apply to the SLOs the expression selects. */
  record Override(PolicyExpression when, SettingsPatch patch, String location) {}

  /** {@code rules[]}: an extra verdict, with its reason, for the SLOs the expression selects. */
  record Rule(
      String name, PolicyExpression when, GateEffect effect, String reason, String location) {}

  /** Settings named by one part of a policy file; null fields are left as they are. */
  record SettingsPatch(
      Boolean blocking,
      Set<AlertSeverity> rollbackOn,
      Double minEvents,
      PromDuration trafficWindow,
      Double budgetFloorPercent,
      Map<String, GateEffect> budgetPolicyActions) {

    GateSettings applyTo(GateSettings s) {
      return new GateSettings(
          blocking != null ? blocking : s.blocking(),
          rollbackOn != null ? rollbackOn : s.rollbackOn(),
          minEvents != null ? minEvents : s.minEvents(),
          trafficWindow != null ? trafficWindow : s.trafficWindow(),
          budgetFloorPercent != null ? budgetFloorPercent : s.budgetFloorPercent(),
          budgetPolicyActions != null ? budgetPolicyActions : s.budgetPolicyActions());
    }

    boolean isEmpty() {
      return blocking == null
          && rollbackOn == null
          && minEvents == null
          && trafficWindow == null
          && budgetFloorPercent == null
          && budgetPolicyActions == null;
    }
  }

  private static GatePolicy parse(Path file, String text, GateSettings base)
      throws GatePolicyException {
    List<YamlDocument> docs;
    try {
      docs = YamlReader.read(file, text);
    } catch (YamlReader.YamlSyntaxException e) {
      throw new GatePolicyException(
          List.of(Diagnostic.error(file, e.line(), e.column(), "", e.getMessage())));
    }
    if (docs.size() != 1) {
      throw new GatePolicyException(
          List.of(
              Diagnostic.error(
                  file,
                  docs.isEmpty() ? 1 : docs.get(1).positionOf("").line(),
                  1,
                  "",
                  "a policy file holds exactly one YAML document, found " + docs.size())));
    }
    Parser p = new Parser(file, docs.get(0));
    GatePolicy policy = p.policy(base);
    if (!p.errors.isEmpty()) {
      throw new GatePolicyException(p.errors);
    }
    return policy;
  }

  /** Reads one policy document, collecting every problem rather than stopping at the first. */
  private static final class Parser {
    private final Path file;
    private final YamlDocument doc;
    private final List<Diagnostic> errors = new ArrayList<>();

    Parser(Path file, YamlDocument doc) {
      this.file = file;
      this.doc = doc;
    }

    GatePolicy policy(GateSettings base) {
      JsonNode root = doc.root();
      if (!root.isObject()) {
        error("", "a policy is a mapping with apiVersion, kind, defaults, overrides and rules");
        return null;
      }
      keys("", root, TOP_KEYS);
      if (!API_VERSION.equals(root.path("apiVersion").asText(null))) {
        error("/apiVersion", "apiVersion must be " + API_VERSION);
      }
      if (!KIND.equals(root.path("kind").asText(null))) {
        error("/kind", "kind must be " + KIND);
      }
      GateSettings defaults = base;
      JsonNode d = root.get("defaults");
      if (d != null) {
        SettingsPatch patch = patch("/defaults", d);
        if (patch != null) {
          defaults = base == null ? complete(patch) : patch.applyTo(base);
        }
      } else if (base == null) {
        error("/defaults", "defaults are required");
      }
      List<Override> overrides = new ArrayList<>();
      for (JsonNode o : list("/overrides", root.get("overrides"))) {
        String at = "/overrides/" + overrides.size();
        overrides.add(override(at, o));
      }
      List<Rule> rules = new ArrayList<>();
      Set<String> names = new HashSet<>();
      int i = 0;
      for (JsonNode r : list("/rules", root.get("rules"))) {
        String at = "/rules/" + i++;
        Rule rule = rule(at, r);
        if (rule != null && !names.add(rule.name())) {
          error(at + "/name", "rule name '" + rule.name() + "' is used twice");
        }
        rules.add(rule);
      }
      if (!errors.isEmpty()) {
        return null;
      }
      return new GatePolicy(file.toString(), defaults, overrides, rules);
    }

    private Override override(String at, JsonNode o) {
      if (!o.isObject()) {
        error(at, "an override is a mapping with 'when' and the settings it changes");
        return null;
      }
      Set<String> allowed = new HashSet<>(SETTING_KEYS);
      allowed.add("when");
      keys(at, o, allowed);
      PolicyExpression when =
          expression(at + "/when", o.get("when"), PolicyExpression.Scope.SELECTOR);
      SettingsPatch patch = patch(at, o);
      if (patch != null && patch.isEmpty()) {
        error(
            at,
            "the override changes no setting (" + String.join(", ", sorted(SETTING_KEYS)) + ")");
      }
      return new Override(when, patch, location(at + "/when"));
    }

    private Rule rule(String at, JsonNode r) {
      if (!r.isObject()) {
        error(at, "a rule is a mapping with name, when, decision and reason");
        return null;
      }
      keys(at, r, RULE_KEYS);
      String name = text(at + "/name", r.get("name"));
      PolicyExpression when = expression(at + "/when", r.get("when"), PolicyExpression.Scope.RULE);
      String decision = text(at + "/decision", r.get("decision"));
      GateEffect effect = null;
      if (decision != null) {
        effect = GateEffect.byLabel(decision);
        if (effect == null) {
          error(
              at + "/decision",
              "decision must be rollback, inconclusive or note, got '" + decision + "'");
        }
      }
      String reason = text(at + "/reason", r.get("reason"));
      return new Rule(name, when, effect, reason, location(at + "/when"));
    }

    private SettingsPatch patch(String at, JsonNode n) {
      if (!n.isObject()) {
        error(at, "settings are a mapping (" + String.join(", ", sorted(SETTING_KEYS)) + ")");
        return null;
      }
      if (at.equals("/defaults")) {
        keys(at, n, SETTING_KEYS);
      }
      Boolean blocking = null;
      JsonNode b = n.get("blocking");
      if (b != null) {
        if (b.isBoolean()) {
          blocking = b.booleanValue();
        } else {
          error(at + "/blocking", "blocking must be true or false");
        }
      }
      Set<AlertSeverity> rollbackOn = null;
      JsonNode ro = n.get("rollbackOn");
      if (ro != null) {
        if (!ro.isArray()) {
          error(at + "/rollbackOn", "rollbackOn must be a list of page and ticket");
        } else {
          rollbackOn = EnumSet.noneOf(AlertSeverity.class);
          int i = 0;
          for (JsonNode s : ro) {
            AlertSeverity sev = severity(s.asText(""));
            if (sev == null || !s.isTextual()) {
              error(at + "/rollbackOn/" + i, "expected page or ticket, got '" + s.asText() + "'");
            } else {
              rollbackOn.add(sev);
            }
            i++;
          }
        }
      }
      Double minEvents = number(at + "/minEvents", n.get("minEvents"), 0, Double.MAX_VALUE);
      PromDuration trafficWindow = null;
      JsonNode tw = n.get("trafficWindow");
      if (tw != null) {
        try {
          if (!tw.isTextual()) {
            throw new IllegalArgumentException("expected a duration such as 1h");
          }
          trafficWindow = PromDuration.parse(tw.asText());
        } catch (IllegalArgumentException e) {
          error(at + "/trafficWindow", "trafficWindow: " + e.getMessage());
        }
      }
      Double floor = number(at + "/budgetFloorPercent", n.get("budgetFloorPercent"), 0, 100);
      Map<String, GateEffect> actions = null;
      JsonNode a = n.get("budgetPolicyActions");
      if (a != null) {
        if (!a.isObject()) {
          error(
              at + "/budgetPolicyActions",
              "budgetPolicyActions maps an error-budget policy action to rollback, inconclusive or"
                  + " note");
        } else {
          actions = new LinkedHashMap<>();
          for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            GateEffect effect = GateEffect.byLabel(e.getValue().asText(""));
            if (effect == null || !e.getValue().isTextual()) {
              error(
                  at + "/budgetPolicyActions/" + YamlDocument.escape(e.getKey()),
                  "expected rollback, inconclusive or note, got '" + e.getValue().asText() + "'");
            } else {
              actions.put(e.getKey(), effect);
            }
          }
        }
      }
      return new SettingsPatch(blocking, rollbackOn, minEvents, trafficWindow, floor, actions);
    }

    private GateSettings complete(SettingsPatch p) {
      List<String> missing = new ArrayList<>();
      if (p.blocking() == null) {
        missing.add("blocking");
      }
      if (p.rollbackOn() == null) {
        missing.add("rollbackOn");
      }
      if (p.minEvents() == null) {
        missing.add("minEvents");
      }
      if (p.trafficWindow() == null) {
        missing.add("trafficWindow");
      }
      if (p.budgetFloorPercent() == null) {
        missing.add("budgetFloorPercent");
      }
      if (p.budgetPolicyActions() == null) {
        missing.add("budgetPolicyActions");
      }
      if (!missing.isEmpty()) {
        error("/defaults", "the base policy must set " + String.join(", ", missing));
        return null;
      }
      return new GateSettings(
          p.blocking(),
          p.rollbackOn(),
          p.minEvents(),
          p.trafficWindow(),
          p.budgetFloorPercent(),
          p.budgetPolicyActions());
    }

    private PolicyExpression expression(String at, JsonNode n, PolicyExpression.Scope scope) {
      String text = text(at, n);
      if (text == null) {
        return null;
      }
      try {
        return PolicyExpression.compile(text, scope);
      } catch (IllegalArgumentException e) {
        error(at, e.getMessage());
        return null;
      }
    }

    private String text(String at, JsonNode n) {
      if (n == null) {
        error(at, field(at) + " is required");
        return null;
      }
      if (!n.isTextual() || n.asText().isBlank()) {
        error(at, field(at) + " must be a non-empty string");
        return null;
      }
      return n.asText();
    }

    private Double number(String at, JsonNode n, double min, double max) {
      if (n == null) {
        return null;
      }
      if (!n.isNumber() || n.asDouble() < min || n.asDouble() > max) {
        error(
            at,
            field(at)
                + " must be a number"
                + (max == Double.MAX_VALUE
                    ? " of at least " + fmt(min)
                    : " from " + fmt(min) + " to " + fmt(max))
                + ", got "
                + n);
        return null;
      }
      return n.asDouble();
    }

    private Iterable<JsonNode> list(String at, JsonNode n) {
      if (n == null || n.isNull()) {
        return List.of();
      }
      if (!n.isArray()) {
        error(at, field(at) + " must be a list");
        return List.of();
      }
      return n;
    }

    private void keys(String at, JsonNode obj, Set<String> allowed) {
      for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!allowed.contains(k)) {
          error(
              at + "/" + YamlDocument.escape(k),
              "unknown field '" + k + "' (known: " + String.join(", ", sorted(allowed)) + ")");
        }
      }
    }

    private String location(String at) {
      Position p = doc.positionOf(at);
      return file + ":" + p.line();
    }

    private void error(String at, String message) {
      Position p = doc.positionOf(at);
      errors.add(Diagnostic.error(file, p.line(), p.column(), p.path(), message));
    }

    private static String field(String at) {
      return at.substring(at.lastIndexOf('/') + 1);
    }

    private static String fmt(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static List<String> sorted(Set<String> s) {
      return s.stream().sorted().toList();
    }

    private static AlertSeverity severity(String s) {
      for (AlertSeverity sev : AlertSeverity.values()) {
        if (sev.slothLabel().equals(s)) {
          return sev;
        }
      }
      return null;
    }
  }

  private static GatePolicy loadDefault() {
    try (InputStream in = GatePolicy.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the classpath");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      GatePolicy p = parse(Path.of(RESOURCE), text, null);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    } catch (GatePolicyException e) {
      throw new IllegalStateException("the default gate policy is invalid:\n" + e.getMessage(), e);
    }
  }
}
