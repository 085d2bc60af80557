package io.sloscout.core.recommendation;

import io.sloscout.core.journey.Journey;
import io.sloscout.core.policy.Tier;
import io.sloscout.core.policy.TierCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Picks a journey's tier: a {@code tier} label ({@code slo.tier} on the entry span or its resource)
 * wins; otherwise a criticality score as in the SLO automation seed: revenue impact +3, customer
 * facing +2, more than 1000 requests a second +2, sensitive data +1; 6 or more is critical, 4
 * essential, 2 standard, less best effort.
 */
public final class TierClassifier {

  /** Routes that take money. */
  static final Pattern REVENUE =
      Pattern.compile(
          "(?i)(checkout|payment|pay\\b|/pay/|order|cart|billing|purchase|invoice|subscri)");

  /** Routes that handle credentials or personal data. */
  static final Pattern SENSITIVE =
      Pattern.compile("(?i)(login|logout|auth|account|password|profile|signup|register)");

  /** Routes that are not meant for end users. */
  static final Pattern INTERNAL = Pattern.compile("(?i)^/(internal|admin|debug|_)");

  private final TierCatalog catalog;

  public TierClassifier(TierCatalog catalog) {
    this.catalog = catalog;
  }

  /** The tier of {@code journey}. */
  public TierChoice classify(Journey journey) {
    Optional<Tier> labelled = catalog.find(journey.labels().get("tier"));
    if (labelled.isPresent()) {
      return new TierChoice(
          labelled.get(), true, 0, List.of("labelled tier " + labelled.get().name()));
    }
    int score = 0;
    List<String> reasons = new ArrayList<>();
    String op = journey.entryOperation();
    String revenue = journey.labels().get("revenue-impact");
    if ("true".equals(revenue) || (revenue == null && REVENUE.matcher(op).find())) {
      score += 3;
      reasons.add(revenue == null ? "revenue route" : "labelled revenue-impacting");
    }
    String facing = journey.labels().get("customer-facing");
    boolean http = journey.httpRoute() != null;
    if ("true".equals(facing)
        || (facing == null && http && !INTERNAL.matcher(journey.httpRoute()).find())) {
      score += 2;
      reasons.add(facing == null ? "customer-facing HTTP entry" : "labelled customer-facing");
    }
    double qps = journey.requests() / journey.observedSeconds();
    if (qps > 1000) {
      score += 2;
      reasons.add(String.format(java.util.Locale.ROOT, "%.0f requests/s", qps));
    }
    String sensitivity = journey.labels().get("data-sensitivity");
    if ("high".equals(sensitivity) || (sensitivity == null && SENSITIVE.matcher(op).find())) {
      score += 1;
      reasons.add(
          sensitivity == null ? "handles credentials or personal data" : "labelled sensitive");
    }
    String name =
        score >= 6
            ? "critical"
            : score >= 4 ? "essential" : score >= 2 ? "standard" : "best_effort";
    if (reasons.isEmpty()) {
      reasons.add("no criticality signal");
    }
    return new TierChoice(catalog.find(name).orElseThrow(), false, score, reasons);
  }
}
