package io.sloscout.core.redaction;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One PII or secret detector of {@code pii-detectors.yaml}.
 *
 * @param name unique id
 * @param type placeholder type, such as {@code EMAIL}
 * @param literals pre-filter literals, lower case; the text must hold one (or meet a shape)
 * @param shapes pre-filter shape minimums
 * @param pattern what a match looks like
 * @param groups named groups whose text is replaced, first that matched; empty: the whole match
 * @param validator the check a match must pass in code
 * @param pseudonym whether hmac mode gives a keyed pseudonym (else the plain placeholder)
 * @param normalize how the value is normalised before the pseudonym is computed
 */
record Detector(
    String name,
    String type,
    List<String> literals,
    Map<Shape, Integer> shapes,
    Pattern pattern,
    List<String> groups,
    Validator validator,
    boolean pseudonym,
    Normalization normalize) {

  /** What a pseudonym is computed over. */
  enum Normalization {
    /** The value in lower case. */
    LOWERCASE,
    /** The value's letters and digits only, in lower case. */
    ALPHANUMERIC
  }

  Detector {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(normalize, "normalize");
    literals = List.copyOf(literals);
    shapes = shapes.isEmpty() ? Map.of() : new EnumMap<>(shapes);
    groups = List.copyOf(groups);
    if (literals.isEmpty() && shapes.isEmpty()) {
      throw new IllegalArgumentException("detector '" + name + "' has no pre-filter");
    }
  }

  /** Whether the pattern declares a {@code key} group (the secret's key, for the validator). */
  boolean hasKeyGroup() {
    return pattern.pattern().contains("(?<key>");
  }
}
