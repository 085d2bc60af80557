package io.sloscout.core.spec;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One service level objective in SLO-Scout's internal model; every input format becomes this.
 *
 * @param service the service the SLO belongs to ({@code sloth_service})
 * @param name the SLO's name, unique within the service ({@code sloth_slo})
 * @param description what the SLO promises, for humans; may be empty
 * @param sli the indicator, as an error ratio
 * @param objective the target ratio of good events, strictly between 0 and 1 (0.999 = 99.9%)
 * @param period the SLO period (rolling, or the length of a calendar period)
 * @param calendar true when the source asked for a calendar-aligned period
 * @param tier the service tier name ({@code critical}, {@code essential}, …) or null
 * @param labels labels added to every recording rule of the SLO
 * @param alerting how the SLO alerts
 * @param errorBudgetPolicy the policy given in the spec, or null for the tier's default
 * @param source where it was read from
 */
public record Slo(
    String service,
    String name,
    String description,
    Sli sli,
    double objective,
    PromDuration period,
    boolean calendar,
    String tier,
    Map<String, String> labels,
    Alerting alerting,
    ErrorBudgetPolicy errorBudgetPolicy,
    Source source) {

  /** Names that are safe as Prometheus label values, file names and Grafana uids. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  public Slo {
    Objects.requireNonNull(sli, "sli");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(source, "source");
    if (service == null || !NAME.matcher(service).matches()) {
      throw new IllegalArgumentException("service name '" + service + "' is not a valid name");
    }
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("SLO name '" + name + "' is not a valid name");
    }
    if (!(objective > 0 && objective < 1)) {
      throw new IllegalArgumentException(
          "objective must be between 0 and 1 exclusive, got " + objective);
    }
    description = description == null ? "" : description;
    labels =
        labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    alerting = alerting == null ? Alerting.defaults() : alerting;
  }

  /** The SLO's id, unique across services: {@code <service>-<name>} ({@code sloth_id}). */
  public String id() {
    return service + "-" + name;
  }

  /** The share of events allowed to fail over the period: {@code 1 - objective}. */
  public double errorBudget() {
    return 1 - objective;
  }

  /** The objective as a percentage (99.9). */
  public double objectivePercent() {
    return objective * 100;
  }
}
