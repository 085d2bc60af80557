package io.sloscout.core.generation;

import io.sloscout.core.spec.Slo;

/** Placeholder until the generator lands. */
final class RunbookGenerator {
  private RunbookGenerator() {}

  static String runbook(Slo slo, GenerationOptions options) {
    throw new UnsupportedOperationException("RunbookGenerator not implemented yet");
  }
}
