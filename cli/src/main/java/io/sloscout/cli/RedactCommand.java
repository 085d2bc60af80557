package io.sloscout.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Work in progress: {@code slo-scout redact}. */
@Command(name = "redact", mixinStandardHelpOptions = true, description = "Not available yet.")
final class RedactCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new InputException("'redact' is not available yet");
  }
}
