package io.sloscout.core.spec;

import io.sloscout.core.burnrate.BurnRateWindow;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an SLO alerts.
 *
 * @param name alert name shared by the page and the ticket alert (they differ by severity); null
 *     means the generator's default name
 * @param labels labels on both alerts
 * @param annotations annotations on both alerts
 * @param page the page alert (severity {@code critical})
 * @param ticket the ticket alert (severity {@code warning})
 * @param windows burn-rate windows that replace the alert profile's; empty means the profile's
 */
public record Alerting(
    String name,
    Map<String, String> labels,
    Map<String, String> annotations,
    AlertSpec page,
    AlertSpec ticket,
    List<BurnRateWindow> windows) {
  public Alerting {
    labels =
        labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations =
        annotations == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    page = page == null ? AlertSpec.on() : page;
    ticket = ticket == null ? AlertSpec.on() : ticket;
    windows = windows == null ? List.of() : List.copyOf(windows);
  }

  /** Both alerts on, default name, profile windows. */
  public static Alerting defaults() {
    return new Alerting(null, Map.of(), Map.of(), AlertSpec.on(), AlertSpec.on(), List.of());
  }
}
