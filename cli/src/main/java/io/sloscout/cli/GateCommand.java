package io.sloscout.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Work in progress: {@code slo-scout gate}. */
@Command(name = "gate", mixinStandardHelpOptions = true, description = "Not available yet.")
final class GateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new InputException("'gate' is not available yet");
  }
}
