package io.sloscout.core.journey;

import io.sloscout.core.fingerprint.UrlPathTemplater;
import io.sloscout.core.redaction.Redactor;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How journeys are discovered.
 *
 * @param assembly trace assembly bounds
 * @param noise which requests are probes or jobs
 * @param scrubber the PII redaction applied to every span and log record on arrival
 * @param pathTemplater turns a request path into its template ({@code /product/{id}})
 * @param maxJourneys journeys kept at most; traces of further journeys are counted and left out
 * @param maxOperationsPerJourney operations kept per journey
 * @param maxTemplatesPerJourney distinct error templates kept per journey
 * @param maxPendingErrorLogs trace ids of error logs waiting for their trace, at most
 */
public record DiscoveryConfig(
    AssemblyConfig assembly,
    NoiseRules noise,
    Scrubber scrubber,
    UnaryOperator<String> pathTemplater,
    int maxJourneys,
    int maxOperationsPerJourney,
    int maxTemplatesPerJourney,
    int maxPendingErrorLogs) {

  public DiscoveryConfig {
    Objects.requireNonNull(assembly, "assembly");
    Objects.requireNonNull(noise, "noise");
    Objects.requireNonNull(scrubber, "scrubber");
    Objects.requireNonNull(pathTemplater, "pathTemplater");
    if (maxJourneys < 1
        || maxOperationsPerJourney < 1
        || maxTemplatesPerJourney < 1
        || maxPendingErrorLogs < 0) {
      throw new IllegalArgumentException("discovery limits must be positive");
    }
  }

  /** The defaults: the built-in redactor and URL path templating. */
  public static DiscoveryConfig standard() {
    return defaults(Scrubber.of(Redactor.withDefaults()), UrlPathTemplater::template);
  }

  /** The defaults with the given redaction and path templating. */
  public static DiscoveryConfig defaults(Scrubber scrubber, UnaryOperator<String> pathTemplater) {
    return new DiscoveryConfig(
        AssemblyConfig.DEFAULTS,
        NoiseRules.DEFAULTS,
        scrubber,
        pathTemplater,
        5_000,
        200,
        50,
        100_000);
  }

  /** The same with other assembly bounds. */
  public DiscoveryConfig withAssembly(AssemblyConfig assembly) {
    return new DiscoveryConfig(
        assembly,
        noise,
        scrubber,
        pathTemplater,
        maxJourneys,
        maxOperationsPerJourney,
        maxTemplatesPerJourney,
        maxPendingErrorLogs);
  }
}
