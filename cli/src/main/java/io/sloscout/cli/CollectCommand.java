package io.sloscout.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code slo-scout collect}, listed here so that {@code --help} shows it: the collector has its own
 * jar (a Kafka broker, gRPC), which the {@code ./slo-scout} launcher runs instead of this one.
 */
@Command(
    name = "collect",
    description = {
      "Runs the collector in the foreground: OTLP gRPC/HTTP and Prometheus remote-read into"
          + " Kafka (runs from the collector jar; see ./slo-scout collect --help)."
    })
final class CollectCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Unmatched List<String> args;

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println(
            "slo-scout: collect runs from the collector jar: use ./slo-scout collect, or java -jar"
                + " collectors/target/slo-scout-collector-all.jar (build it with"
                + " mvn -pl collectors -am package -DskipTests)");
    return SloScoutCommand.USAGE;
  }
}
