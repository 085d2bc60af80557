package io.sloscout.core.generation;

import io.sloscout.core.spec.Slo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Names shared by all generators, so rules, dashboards and runbooks link to each other. */
public final class Naming {

  private Naming() {}

  /** The alert name of an SLO: the spec's, else {@code <Service><Slo>ErrorBudgetBurn}. */
  public static String alertName(Slo slo) {
    if (slo.alerting().name() != null && !slo.alerting().name().isBlank()) {
      return slo.alerting().name();
    }
    return camel(slo.service()) + camel(slo.name()) + "ErrorBudgetBurn";
  }

  /** Relative path of a service's rules file. */
  public static String rulesFile(String service) {
    return "prometheus/" + service + ".rules.yaml";
  }

  /** Relative path of a service's promtool unit-test file. */
  public static String rulesTestFile(String service) {
    return "prometheus/" + service + ".rules.test.yaml";
  }

  /** Relative path of a service's Grafana dashboard. */
  public static String dashboardFile(String service) {
    return "grafana/" + service + ".dashboard.json";
  }

  /** Relative path of an SLO's runbook. */
  public static String runbookFile(Slo slo) {
    return "runbooks/" + slo.service() + "-" + slo.name() + ".md";
  }

  /**
   * A stable Grafana dashboard uid for a service: readable, at most 40 characters (Grafana's
   * limit), unique per service name.
   */
  public static String dashboardUid(String service) {
    String uid = "slo-" + service;
    if (uid.length() <= 40) {
      return uid;
    }
    return uid.substring(0, 31) + "-" + sha256(service).substring(0, 8);
  }

  public static String runbookUrl(Slo slo, GenerationOptions options) {
    return options.runbookBaseUrl() + "/" + slo.service() + "-" + slo.name() + ".md";
  }

  public static String dashboardUrl(String service, GenerationOptions options) {
    return options.dashboardBaseUrl() + "/" + dashboardUid(service);
  }

  /** {@code checkout-api_v2} → {@code CheckoutApiV2}. */
  public static String camel(String s) {
    StringBuilder sb = new StringBuilder();
    boolean upper = true;
    for (char c : s.toCharArray()) {
      if (!Character.isLetterOrDigit(c)) {
        upper = true;
        continue;
      }
      sb.append(upper ? Character.toUpperCase(c) : c);
      upper = false;
    }
    return sb.toString();
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
