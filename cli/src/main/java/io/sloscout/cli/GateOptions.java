package io.sloscout.cli;

import io.sloscout.core.gate.GatePolicy;
import io.sloscout.core.gate.GatePolicyException;
import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.SpecSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options {@code gate} and {@code gate serve} share: where to look, what, and under which
 * policy.
 */
final class GateOptions {

  @Option(
      names = "--prometheus",
      paramLabel = "URL",
      description = "Prometheus base URL, e.g. http://prometheus:9090 (required).")
  String prometheus;

  @Option(
      names = "--slo",
      paramLabel = "FILE",
      description = "SLO file or folder, any supported format; repeat for more (required).")
  List<Path> slos;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "Gate policy (kind: GatePolicy); the built-in default policy when absent.")
  Path policy;

  @Option(
      names = "--alert-profile",
      paramLabel = "google|pyrra",
      defaultValue = "google",
      description =
          "Burn-rate conditions, as in the generated alerts: google (page 14.4x over 1h+5m and 6x"
              + " over 6h+30m, ticket 3x over 1d+2h and 1x over 3d+6h, for 30 days) or pyrra."
              + " Default: ${DEFAULT-VALUE}.")
  String alertProfile;

  @Option(
      names = "--query-timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "How long one Prometheus query may take. Default: ${DEFAULT-VALUE}.")
  int queryTimeoutSeconds;

  /** What a gate evaluates: the SLOs, the policy, the alert windows and the Prometheus to ask. */
  record Setup(
      List<Slo> slos, GatePolicy policy, GenerationOptions options, PrometheusClient prometheus) {}

  /**
   * Loads the SLO files and the policy, printing SLO findings on {@code err}.
   *
   * @throws InputException when an option is missing or an input is invalid
   */
  Setup load(PrintWriter err) {
    if (prometheus == null) {
      throw new InputException("--prometheus URL is required");
    }
    if (slos == null || slos.isEmpty()) {
      throw new InputException("--slo FILE is required");
    }
    if (!alertProfile.equals("google") && !alertProfile.equals("pyrra")) {
      throw new InputException(
          "--alert-profile: unknown profile '" + alertProfile + "' (use google or pyrra)");
    }
    if (queryTimeoutSeconds <= 0) {
      throw new InputException("--query-timeout must be positive");
    }
    PrometheusClient client =
        new PrometheusClient(prometheus, Duration.ofSeconds(queryTimeoutSeconds));
    SpecSet set = SpecInputs.load(slos);
    SpecInputs.print(set.diagnostics(), err);
    if (set.hasErrors()) {
      throw new InputException(
          "the SLO files have " + SpecInputs.plural(set.errors().size(), "error"));
    }
    if (set.slos().isEmpty()) {
      throw new InputException("no SLO found in " + slos);
    }
    return new Setup(set.slos(), policy(), new GenerationOptions(alertProfile, null, null), client);
  }

  private GatePolicy policy() {
    if (policy == null) {
      return GatePolicy.defaultPolicy();
    }
    if (!Files.isRegularFile(policy)) {
      throw new InputException(policy + ": no such file");
    }
    try {
      return GatePolicy.parse(policy, Files.readString(policy));
    } catch (IOException e) {
      throw new InputException(policy + ": cannot read: " + e.getMessage());
    } catch (GatePolicyException e) {
      throw new InputException("invalid gate policy:\n" + e.getMessage());
    }
  }
}
