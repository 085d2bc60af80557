package io.sloscout.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Work in progress: {@code slo-scout check}. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Not available yet.")
final class CheckCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new InputException("'check' is not available yet");
  }
}
