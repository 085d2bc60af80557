package io.sloscout.core.spec.load;

import io.sloscout.core.spec.Slo;
import java.util.List;

/** Turns the documents of one spec format into SLOs. */
public interface SpecParser {

  /** True when {@code doc} is of this parser's format (by apiVersion / version and kind). */
  boolean accepts(YamlDocument doc);

  /**
   * The SLOs {@code doc} defines. Problems go to {@code ctx} with the pointer of the offending
   * field; what can still be parsed is returned. Supporting documents (an OpenSLO {@code SLI}
   * referenced by an {@code SLO}) yield no SLO.
   */
  List<Slo> parse(YamlDocument doc, ParseContext ctx);
}
