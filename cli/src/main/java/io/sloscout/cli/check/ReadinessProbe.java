package io.sloscout.cli.check;

import java.time.Duration;
import java.util.Optional;

/** One readiness check that {@link ReadinessWait} repeats until it passes or time runs out. */
public interface ReadinessProbe {

  /** What is probed, for messages: a URL or a gRPC target. */
  String target();

  /** What ready looks like, for messages, such as {@code answer 2xx}. */
  String expectation();

  /**
   * Tries once, within {@code timeLeft}.
   *
   * @return empty when the target is ready, else what was seen instead, such as {@code last answer
   *     HTTP 503}
   */
  Optional<String> notReady(Duration timeLeft) throws InterruptedException;
}
