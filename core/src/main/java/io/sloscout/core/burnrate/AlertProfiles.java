package io.sloscout.core.burnrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sloscout.core.spec.PromDuration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The alert profiles shipped in {@code alert-profiles.yaml}, scaled to an SLO's period. */
public final class AlertProfiles {

  /** The default profile: the Google SRE workbook's windows. */
  public static final String DEFAULT = "google";

  private static final AlertProfiles BUILT_IN = load();

  private final Map<String, JsonNode> profiles;

  private AlertProfiles(Map<String, JsonNode> profiles) {
    this.profiles = profiles;
  }

  /** The profiles that ship with SLO-Scout. */
  public static AlertProfiles builtIn() {
    return BUILT_IN;
  }

  /** Profile names, sorted. */
  public List<String> names() {
    return List.copyOf(profiles.keySet());
  }

  /**
   * The windows of {@code profile} for an SLO of the given period, page conditions first, each
   * severity ordered from the fastest burn to the slowest.
   *
   * @throws IllegalArgumentException when the profile is unknown
   */
  public List<BurnRateWindow> windowsFor(String profile, PromDuration period) {
    JsonNode p = profiles.get(profile);
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown alert profile '" + profile + "' (known: " + String.join(", ", names()) + ")");
    }
    return switch (p.path("scaling").asText()) {
      case "budget-share" -> budgetShare(p, period);
      case "period-fraction" -> periodFraction(p, period);
      default -> throw new IllegalStateException("profile " + profile + " has no known scaling");
    };
  }

  private static List<BurnRateWindow> budgetShare(JsonNode profile, PromDuration period) {
    JsonNode table = null;
    JsonNode fallback = null;
    for (JsonNode t : profile.path("tables")) {
      PromDuration tp = PromDuration.parse(t.path("period").asText());
      if (tp.equals(period)) {
        table = t;
      }
      if (tp.equals(PromDuration.ofDays(30))) {
        fallback = t;
      }
    }
    boolean exact = table != null;
    if (!exact) {
      table = fallback;
    }
    List<BurnRateWindow> out = new ArrayList<>();
    for (JsonNode w : table.path("windows")) {
      PromDuration shortW = PromDuration.parse(w.path("short").asText());
      PromDuration longW = PromDuration.parse(w.path("long").asText());
      double factor;
      if (w.has("factor") && exact) {
        factor = w.path("factor").asDouble();
      } else if (w.has("budgetPercent")) {
        factor =
            round(w.path("budgetPercent").asDouble() / 100.0 * period.seconds() / longW.seconds());
      } else {
        throw new IllegalStateException("window needs budgetPercent or factor: " + w);
      }
      out.add(new BurnRateWindow(severity(w), shortW, longW, factor, null));
    }
    return out;
  }

  private static List<BurnRateWindow> periodFraction(JsonNode profile, PromDuration period) {
    PromDuration base = PromDuration.parse(profile.path("basePeriod").asText());
    double scale = period.seconds() / (double) base.seconds();
    List<BurnRateWindow> out = new ArrayList<>();
    for (JsonNode w : profile.path("windows")) {
      out.add(
          new BurnRateWindow(
              severity(w),
              scaled(w.path("short").asText(), scale),
              scaled(w.path("long").asText(), scale),
              w.path("factor").asDouble(),
              w.has("for") ? scaled(w.path("for").asText(), scale) : null));
    }
    return out;
  }

  private static PromDuration scaled(String d, double scale) {
    long minutes = Math.max(1, Math.round(PromDuration.parse(d).seconds() * scale / 60.0));
    return PromDuration.ofMinutes(minutes);
  }

  /** Rounds away binary noise (0.1 × 720 = 72.00000000000001) without touching real digits. */
  private static double round(double v) {
    return new java.math.BigDecimal(v).round(new java.math.MathContext(12)).doubleValue();
  }

  private static AlertSeverity severity(JsonNode w) {
    return switch (w.path("severity").asText()) {
      case "page" -> AlertSeverity.PAGE;
      case "ticket" -> AlertSeverity.TICKET;
      default -> throw new IllegalStateException("unknown severity in " + w);
    };
  }

  private static AlertProfiles load() {
    try (InputStream in = AlertProfiles.class.getResourceAsStream("alert-profiles.yaml")) {
      if (in == null) {
        throw new IllegalStateException("alert-profiles.yaml missing from the classpath");
      }
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
      Map<String, JsonNode> map = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.path("profiles").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        map.put(e.getKey(), e.getValue());
      }
      return new AlertProfiles(map);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read alert-profiles.yaml", e);
    }
  }
}
