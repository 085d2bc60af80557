package io.sloscout.flink.jobs;

import io.sloscout.flink.archive.ArchiveConnector;
import io.sloscout.flink.archive.ArchiveSink;
import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.events.EventSerializer;
import io.sloscout.flink.fingerprint.CountAggregate;
import io.sloscout.flink.fingerprint.FingerprintFunction;
import io.sloscout.flink.fingerprint.MinuteCountFunction;
import io.sloscout.flink.fingerprint.TemplateChange;
import io.sloscout.flink.fingerprint.TemplateCountStore;
import io.sloscout.flink.fingerprint.TemplateMinuteCount;
import io.sloscout.flink.fingerprint.TemplateStore;
import io.sloscout.flink.ingest.DecodeFunction;
import io.sloscout.flink.ingest.EventDecodeFunction;
import io.sloscout.flink.ingest.KafkaConnectors;
import io.sloscout.flink.ingest.RawRecord;
import io.sloscout.flink.sink.BatchSink;
import io.sloscout.flink.sink.DatabaseConnector;
import io.sloscout.proto.v1.Event;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * Job {@code redact-fingerprint}: raw OTLP spans and logs → decode and redact (first, in one
 * operator) → fingerprint per service → {@code slo-scout.events}, template rows and per-minute
 * counts in the database, and an archive of the redacted events in the object store. Records that
 * cannot be decoded go to the dead-letter topic.
 */
public final class RedactFingerprintJob {

  /** The job's name, also its consumer group suffix. */
  public static final String NAME = "redact-fingerprint";

  private RedactFingerprintJob() {}

  /** Adds the job's operators to {@code env}. */
  public static void build(StreamExecutionEnvironment env, PipelineConfig config) {
    PipelineConfig.Kafka kafka = config.kafka();
    DataStream<RawRecord> raw =
        env.fromSource(
                KafkaConnectors.rawSource(
                    kafka, NAME, List.of(kafka.spansTopic(), kafka.logsTopic())),
                WatermarkStrategy.noWatermarks(),
                "raw-telemetry",
                RawRecord.TYPE)
            .uid("raw-telemetry-source");

    SingleOutputStreamOperator<Event> decoded =
        raw.process(
                new EventDecodeFunction(config.redaction(), kafka.spansTopic(), kafka.logsTopic()))
            .returns(EventSerializer.TYPE)
            .name("decode-and-redact")
            .uid("decode-and-redact");
    decoded
        .getSideOutput(DecodeFunction.DEAD_LETTERS)
        .sinkTo(KafkaConnectors.deadLetterSink(kafka, NAME))
        .name("dead-letters")
        .uid("dead-letter-sink");

    DataStream<Event> timed =
        decoded
            .assignTimestampsAndWatermarks(Watermarks.forEvents(config.eventTime()))
            .name("event-time")
            .uid("event-time");

    SingleOutputStreamOperator<Event> events =
        timed
            .keyBy(Event::getService, Types.STRING)
            .process(new FingerprintFunction(config.templates().maxClustersPerService()))
            .returns(EventSerializer.TYPE)
            .name("fingerprint")
            .uid("fingerprint");

    events.sinkTo(KafkaConnectors.eventSink(kafka, NAME)).name("events").uid("events-sink");
    events
        .sinkTo(new ArchiveSink(new ArchiveConnector(config.archive())))
        .name("archive")
        .uid("archive-sink");

    DatabaseConnector db = new DatabaseConnector(config.database());
    Duration flush = config.database().flushInterval();
    int batch = config.database().batchSize();
    events
        .getSideOutput(FingerprintFunction.TEMPLATES)
        .sinkTo(new BatchSink<TemplateChange>(new TemplateStore(db), batch, flush))
        .name("templates")
        .uid("templates-sink");

    events
        .filter(e -> !e.getTemplateId().isEmpty())
        .name("with-template")
        .uid("with-template")
        .keyBy(Event::getTemplateId, Types.STRING)
        .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
        .allowedLateness(config.templates().countsAllowedLateness())
        .aggregate(new CountAggregate(), new MinuteCountFunction())
        .name("template-counts")
        .uid("template-counts")
        .sinkTo(new BatchSink<TemplateMinuteCount>(new TemplateCountStore(db), batch, flush))
        .name("template-counts-db")
        .uid("template-counts-sink");
  }
}
