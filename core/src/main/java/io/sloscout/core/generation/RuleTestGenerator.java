package io.sloscout.core.generation;

import io.sloscout.core.spec.Slo;
import java.util.List;

/** Placeholder until the generator lands. */
final class RuleTestGenerator {
  private RuleTestGenerator() {}

  static String tests(String service, List<Slo> slos, GenerationOptions options) {
    throw new UnsupportedOperationException("RuleTestGenerator not implemented yet");
  }
}
