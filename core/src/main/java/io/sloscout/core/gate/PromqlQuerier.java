package io.sloscout.core.gate;

import java.io.IOException;
import java.time.Instant;
import java.util.OptionalDouble;

/** Evaluates an instant PromQL query that yields one number; the gate's only view of Prometheus. */
@FunctionalInterface
public interface PromqlQuerier {

  /**
   * The query's value at {@code time}: empty when the result is an empty vector.
   *
   * @throws IOException when Prometheus cannot be reached, rejects the query, or returns more than
   *     one series (an SLI must aggregate to one number)
   */
  OptionalDouble query(String promql, Instant time) throws IOException;
}
