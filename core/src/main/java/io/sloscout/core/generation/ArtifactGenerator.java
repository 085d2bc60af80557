package io.sloscout.core.generation;

import io.sloscout.core.spec.Slo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns SLOs into the artifacts of {@code generate}: per service a rules file, its promtool test
 * file and a dashboard, and a runbook per SLO. Output is deterministic byte for byte.
 */
public final class ArtifactGenerator {

  private final GenerationOptions options;

  public ArtifactGenerator(GenerationOptions options) {
    this.options = options;
  }

  /** Relative path ({@code /}-separated) → file content, sorted by path. */
  public SortedMap<String, String> generate(List<Slo> slos) {
    SortedMap<String, String> out = new TreeMap<>();
    for (Map.Entry<String, List<Slo>> e : byService(slos).entrySet()) {
      String service = e.getKey();
      List<Slo> serviceSlos = e.getValue();
      out.put(Naming.rulesFile(service), RuleGenerator.rules(service, serviceSlos, options));
      out.put(
          Naming.rulesTestFile(service), RuleTestGenerator.tests(service, serviceSlos, options));
      out.put(
          Naming.dashboardFile(service),
          DashboardGenerator.dashboard(service, serviceSlos, options));
      for (Slo slo : serviceSlos) {
        out.put(Naming.runbookFile(slo), RunbookGenerator.runbook(slo, options));
      }
    }
    return out;
  }

  /** SLOs grouped by service, services and SLOs sorted by name. */
  static SortedMap<String, List<Slo>> byService(List<Slo> slos) {
    SortedMap<String, List<Slo>> map = new TreeMap<>();
    for (Slo slo : slos) {
      map.computeIfAbsent(slo.service(), k -> new ArrayList<>()).add(slo);
    }
    map.values().forEach(l -> l.sort(Comparator.comparing(Slo::name)));
    return map;
  }
}
