package io.sloscout.core.generation;

import io.sloscout.core.spec.Slo;
import java.util.List;

/** Placeholder until the generator lands. */
final class DashboardGenerator {
  private DashboardGenerator() {}

  static String dashboard(String service, List<Slo> slos, GenerationOptions options) {
    throw new UnsupportedOperationException("DashboardGenerator not implemented yet");
  }
}
