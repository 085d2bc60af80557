package io.sloscout.core.generation;

import io.sloscout.core.spec.Slo;
import java.util.List;

/** Placeholder until the generator lands. */
final class RuleGenerator {
  private RuleGenerator() {}

  static String rules(String service, List<Slo> slos, GenerationOptions options) {
    throw new UnsupportedOperationException("RuleGenerator not implemented yet");
  }
}
