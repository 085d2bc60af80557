package io.sloscout.core.redaction;

import java.util.Map;
import java.util.Objects;

/**
 * A redacted text and how many values of each placeholder type were replaced in it.
 *
 * @param text the redacted text; the input itself when nothing was found
 * @param counts placeholder type ({@code EMAIL}, {@code IP}, ...) → replacements, only types seen
 */
public record RedactionResult(String text, Map<String, Integer> counts) {

  public RedactionResult {
    Objects.requireNonNull(text, "text");
    counts = Map.copyOf(counts);
  }

  /** Replacements of {@code type}, 0 when none. */
  public int count(String type) {
    return counts.getOrDefault(type, 0);
  }

  /** Replacements of all types together. */
  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** True when at least one value was replaced. */
  public boolean redacted() {
    return !counts.isEmpty();
  }
}
