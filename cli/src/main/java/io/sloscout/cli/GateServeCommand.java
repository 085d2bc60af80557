package io.sloscout.cli;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slo-scout gate serve}: the gate as an HTTP endpoint for Argo Rollouts analysis. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the gate's decision over HTTP until stopped, for an Argo Rollouts AnalysisTemplate"
          + " web metric (successCondition: result.decision == \"promote\").",
      "",
      "GET /decision[?service=S][&slo=ID][&time=T]: the JSON of 'slo-scout gate' for the"
          + " matching SLOs (all by default) at T (default now); 200 for every decision, 503 when"
          + " Prometheus cannot be queried, 400 for a bad parameter, 404 when no SLO matches.",
      "GET /healthz: 200 while serving.",
      "",
      "SLO files and the policy are read once at start; a bad one stops the start with exit 2."
    })
final class GateServeCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin GateOptions options;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8080",
      description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "0.0.0.0",
      description = "Address to listen on. Default: ${DEFAULT-VALUE} (all, as in a pod).")
  String bind;

  @Override
  public Integer call() throws InterruptedException {
    var err = spec.commandLine().getErr();
    GateOptions.Setup setup = options.load(err);
    GateServer server;
    try {
      server = new GateServer(setup, bind, port, Clock.systemUTC());
    } catch (IOException e) {
      throw new InputException("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    err.println(
        "slo-scout gate: serving "
            + SpecInputs.plural(setup.slos().size(), "SLO")
            + " on http://"
            + bind
            + ":"
            + server.port()
            + "/decision (Prometheus "
            + setup.prometheus().base()
            + ")");
    err.flush();
    stopped.await();
    return SloScoutCommand.OK;
  }
}
