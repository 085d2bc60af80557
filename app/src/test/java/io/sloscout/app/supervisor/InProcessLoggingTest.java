package io.sloscout.app.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class InProcessLoggingTest {

  @Test
  void loggersBelongToTheirComponents() {
    assertThat(InProcessLogging.componentOf("org.apache.kafka.clients.NetworkClient"))
        .isEqualTo("kafka");
    assertThat(InProcessLogging.componentOf("kafka.server.BrokerServer")).isEqualTo("kafka");
    assertThat(InProcessLogging.componentOf("io.zonky.test.db.postgres.embedded.EmbeddedPostgres"))
        .isEqualTo("postgres");
    assertThat(InProcessLogging.componentOf("org.flywaydb.core.FlywayExecutor"))
        .isEqualTo("postgres");
    assertThat(InProcessLogging.componentOf("org.gaul.s3proxy.S3ProxyHandler")).isEqualTo("s3");
    assertThat(InProcessLogging.componentOf("io.sloscout.collectors.service.CollectorService"))
        .isEqualTo("collector");
    assertThat(InProcessLogging.componentOf("kafkaesque")).isEqualTo("up");
    assertThat(InProcessLogging.componentOf(null)).isEqualTo("up");
  }

  @Test
  void libraryLoggingGoesToTheSinkUnderItsComponentAndRedacted() {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    InProcessLogging.install(
        LogSink.console(new PrintStream(console, true, StandardCharsets.UTF_8)));
    LoggerFactory.getLogger("org.apache.kafka.clients.producer.KafkaProducer")
        .warn("record for producer.canary@example.com too large");
    LoggerFactory.getLogger("org.apache.kafka.clients.producer.KafkaProducer")
        .warn("client noise below ERROR stays out");
    LoggerFactory.getLogger("io.sloscout.collectors.service.CollectorService").info("draining");
    LoggerFactory.getLogger("org.gaul.s3proxy.S3Proxy").info("debug noise stays out");
    String out = console.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("[collector]  INFO CollectorService - draining")
        .doesNotContain("noise")
        .doesNotContain("producer.canary");
    LoggerFactory.getLogger("kafka.server.BrokerServer")
        .error("disk full for x.canary@example.com");
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("[kafka]      ERROR BrokerServer - disk full for <EMAIL>");
  }
}
