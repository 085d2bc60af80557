package io.sloscout.core.spec;

import java.util.List;

/** What loading a set of spec files gave: the SLOs that parsed, and every finding on the way. */
public record SpecSet(List<Slo> slos, List<Diagnostic> diagnostics) {
  public SpecSet {
    slos = List.copyOf(slos);
    diagnostics = diagnostics.stream().sorted(Diagnostic.ORDER).toList();
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }

  public List<Diagnostic> warnings() {
    return diagnostics.stream().filter(d -> !d.isError()).toList();
  }
}
