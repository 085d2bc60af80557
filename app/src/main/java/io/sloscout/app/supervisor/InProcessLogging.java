package io.sloscout.app.supervisor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Sends what the libraries in the supervisor's JVM log (Kafka, zonky's PostgreSQL, S3Proxy, the
 * collector, through SLF4J or Log4j) to the {@link LogSink}, under the component each logger
 * belongs to. Quiet by default: warnings and errors, plus our own information lines.
 */
public final class InProcessLogging {

  /** Logger name prefix → component; the first match wins, the rest is {@code up}. */
  static final List<Map.Entry<String, String>> COMPONENTS =
      List.of(
          Map.entry("io.sloscout.collectors", "collector"),
          Map.entry("io.grpc", "collector"),
          Map.entry("io.micrometer", "collector"),
          Map.entry("kafka", "kafka"),
          Map.entry("org.apache.kafka", "kafka"),
          Map.entry("state.change.logger", "kafka"),
          Map.entry("io.zonky", "postgres"),
          Map.entry("org.flywaydb", "postgres"),
          Map.entry("com.zaxxer.hikari", "postgres"),
          Map.entry("org.postgresql", "postgres"),
          Map.entry("io.sloscout.storage", "postgres"),
          Map.entry("org.gaul", "s3"),
          Map.entry("org.jclouds", "s3"),
          Map.entry("jclouds", "s3"),
          Map.entry("io.opentelemetry", "demo"),
          Map.entry("io.sloscout.app.demo", "demo"));

  private InProcessLogging() {}

  /** The component of a logger. */
  public static String componentOf(String loggerName) {
    String name = loggerName == null ? "" : loggerName;
    for (Map.Entry<String, String> e : COMPONENTS) {
      String prefix = e.getKey();
      if (name.equals(prefix) || name.startsWith(prefix + ".")) {
        return e.getValue();
      }
    }
    return "up";
  }

  /**
   * Replaces this JVM's Log4j configuration: every logger writes to {@code sink} only, at WARN, and
   * our own code (and zonky's PostgreSQL start-up lines) at INFO.
   */
  public static void install(LogSink sink) {
    LoggerContext context = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    SinkAppender appender = new SinkAppender(sink);
    appender.start();
    config.addAppender(appender);
    List<LoggerConfig> existingConfigs = new java.util.ArrayList<>(config.getLoggers().values());
    existingConfigs.add(config.getRootLogger());
    for (LoggerConfig existing : existingConfigs) {
      for (String name : List.copyOf(existing.getAppenders().keySet())) {
        existing.removeAppender(name);
      }
      existing.setLevel(Level.WARN);
      existing.addAppender(appender, null, null);
      existing.setAdditive(false);
    }
    config.getRootLogger().setLevel(Level.WARN);
    for (String name : List.of("io.sloscout", "io.zonky")) {
      LoggerConfig ours = new LoggerConfig(name, Level.INFO, false);
      ours.addAppender(appender, null, null);
      config.removeLogger(name);
      config.addLogger(name, ours);
    }
    // broker internals log expected errors at ERROR while a client reconnects
    LoggerConfig kafka = new LoggerConfig("org.apache.kafka.clients", Level.ERROR, false);
    kafka.addAppender(appender, null, null);
    config.removeLogger("org.apache.kafka.clients");
    config.addLogger("org.apache.kafka.clients", kafka);
    context.updateLoggers();
  }

  private static final class SinkAppender extends AbstractAppender {
    private final LogSink sink;

    SinkAppender(LogSink sink) {
      super("slo-scout-sink", null, null, true, Property.EMPTY_ARRAY);
      this.sink = sink;
    }

    @Override
    public void append(LogEvent event) {
      StringBuilder line =
          new StringBuilder()
              .append(event.getLevel().name())
              .append(' ')
              .append(shortName(event.getLoggerName()))
              .append(" - ")
              .append(event.getMessage().getFormattedMessage());
      Throwable thrown = event.getThrown();
      if (thrown != null) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        line.append(System.lineSeparator()).append(trace);
      }
      sink.line(componentOf(event.getLoggerName()), line.toString());
    }

    private static String shortName(String loggerName) {
      if (loggerName == null || loggerName.isEmpty()) {
        return "root";
      }
      int dot = loggerName.lastIndexOf('.');
      return dot < 0 ? loggerName : loggerName.substring(dot + 1);
    }
  }
}
