package io.sloscout.core.journey;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which entry requests are not user journeys: probes by path or user agent, scheduler-started
 * requests by user agent or resource attributes.
 *
 * @param probePaths request paths of health checks and scrapes, compared without a trailing slash
 * @param probeUserAgents user agents of probes, matched anywhere in the user agent
 * @param jobUserAgents user agents of schedulers, matched anywhere in the user agent
 * @param jobResourceAttributes resource attributes whose presence marks a scheduled workload
 */
public record NoiseRules(
    Set<String> probePaths,
    List<Pattern> probeUserAgents,
    List<Pattern> jobUserAgents,
    Set<String> jobResourceAttributes) {

  /** Kubernetes probes, load-balancer and Prometheus checks, cron and scheduler callers. */
  public static final NoiseRules DEFAULTS =
      new NoiseRules(
          Set.of(
              "/healthz",
              "/readyz",
              "/livez",
              "/health",
              "/health/live",
              "/health/ready",
              "/metrics",
              "/ping",
              "/q/health",
              "/q/health/live",
              "/q/health/ready",
              "/q/metrics",
              "/actuator/health",
              "/actuator/prometheus"),
          List.of(
              Pattern.compile("(?i)kube-probe/"),
              Pattern.compile("(?i)ELB-HealthChecker"),
              Pattern.compile("(?i)GoogleHC/"),
              Pattern.compile("(?i)Prometheus/"),
              Pattern.compile("(?i)Consul Health Check"),
              Pattern.compile("(?i)Blackbox Exporter")),
          List.of(Pattern.compile("(?i)\\b(cron|cronjob|scheduler|kube-cronjob)\\b")),
          Set.of("k8s.cronjob.name", "k8s.job.name"));

  public NoiseRules {
    probePaths = Set.copyOf(probePaths);
    probeUserAgents = List.copyOf(probeUserAgents);
    jobUserAgents = List.copyOf(jobUserAgents);
    jobResourceAttributes = Set.copyOf(jobResourceAttributes);
  }

  /** True when {@code path} (no query) is a probe path. */
  public boolean isProbePath(String path) {
    if (path == null || path.isEmpty()) {
      return false;
    }
    String p = path.toLowerCase(Locale.ROOT);
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return probePaths.contains(p);
  }

  /** True when the user agent belongs to a probe. */
  public boolean isProbeAgent(String userAgent) {
    return matchesAny(probeUserAgents, userAgent);
  }

  /** True when the user agent belongs to a scheduler. */
  public boolean isJobAgent(String userAgent) {
    return matchesAny(jobUserAgents, userAgent);
  }

  private static boolean matchesAny(List<Pattern> patterns, String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    for (Pattern p : patterns) {
      if (p.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }
}
