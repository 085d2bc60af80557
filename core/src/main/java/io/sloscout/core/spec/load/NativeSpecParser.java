package io.sloscout.core.spec.load;

import io.sloscout.core.spec.Slo;
import java.util.List;

/** Placeholder until this format's parser lands. */
final class NativeSpecParser implements SpecParser {
  @Override
  public boolean accepts(YamlDocument doc) {
    return false;
  }

  @Override
  public List<Slo> parse(YamlDocument doc, ParseContext ctx) {
    return List.of();
  }
}
