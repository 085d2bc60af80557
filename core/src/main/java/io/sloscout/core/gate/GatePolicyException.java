package io.sloscout.core.gate;

import io.sloscout.core.spec.Diagnostic;
import java.util.List;

/** A gate policy file that cannot be used; each finding names the file, line and field. */
public final class GatePolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> diagnostics;

  public GatePolicyException(List<Diagnostic> diagnostics) {
    super(String.join("\n", diagnostics.stream().map(Diagnostic::format).toList()));
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** The findings, in file order. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
