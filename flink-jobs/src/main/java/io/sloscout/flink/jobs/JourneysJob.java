package io.sloscout.flink.jobs;

import io.sloscout.core.telemetry.Span;
import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.ingest.DecodeFunction;
import io.sloscout.flink.ingest.KafkaConnectors;
import io.sloscout.flink.ingest.RawRecord;
import io.sloscout.flink.ingest.SpanDecodeFunction;
import io.sloscout.flink.journey.CatalogFunction;
import io.sloscout.flink.journey.CatalogItem;
import io.sloscout.flink.journey.CatalogStore;
import io.sloscout.flink.journey.RedAccumulator;
import io.sloscout.flink.journey.RedAggregate;
import io.sloscout.flink.journey.RedMinute;
import io.sloscout.flink.journey.RedMinuteFunction;
import io.sloscout.flink.journey.RedMinuteStore;
import io.sloscout.flink.journey.RedSample;
import io.sloscout.flink.journey.RequestMinuteWindows;
import io.sloscout.flink.journey.SourcedSpan;
import io.sloscout.flink.journey.SpanSerializer;
import io.sloscout.flink.journey.TraceAssemblyFunction;
import io.sloscout.flink.sink.BatchSink;
import io.sloscout.flink.sink.DatabaseConnector;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Job {@code journeys}: raw OTLP spans → decode and redact (first, before anything is kept) →
 * event-time trace assembly keyed by trace id → classification → per-minute RED of journeys and
 * operations (1-minute windows by request start, absolute values, upserted) and the catalog of
 * services, operations, journeys and call edges in the database.
 *
 * <p>It reads the raw topic rather than {@code slo-scout.events}: its counts then depend only on
 * the raw offsets in its own checkpoints, not on how the other job delivered events.
 */
public final class JourneysJob {

  /** The job's name, also its consumer group suffix. */
  public static final String NAME = "journeys";

  private JourneysJob() {}

  /** Adds the job's operators to {@code env}. */
  public static void build(StreamExecutionEnvironment env, PipelineConfig config) {
    PipelineConfig.Kafka kafka = config.kafka();
    DataStream<RawRecord> raw =
        env.fromSource(
                KafkaConnectors.rawSource(kafka, NAME, List.of(kafka.spansTopic())),
                WatermarkStrategy.noWatermarks(),
                "raw-spans",
                RawRecord.TYPE)
            .uid("raw-spans-source");

    SingleOutputStreamOperator<SourcedSpan> spans =
        raw.process(new SpanDecodeFunction(config.redaction()))
            .returns(SourcedSpan.TYPE)
            .name("decode-and-redact")
            .uid("decode-and-redact");
    spans
        .getSideOutput(DecodeFunction.DEAD_LETTERS)
        .sinkTo(KafkaConnectors.deadLetterSink(kafka, NAME))
        .name("dead-letters")
        .uid("dead-letter-sink");

    PipelineConfig.Journeys j = config.journeys();
    SingleOutputStreamOperator<RedSample> samples =
        spans
            .assignTimestampsAndWatermarks(Watermarks.forSpans(config.eventTime()))
            .name("event-time")
            .uid("event-time")
            .map(SourcedSpan::span)
            .returns(SpanSerializer.TYPE)
            .name("span")
            .uid("span")
            .keyBy(Span::traceId, Types.STRING)
            .process(
                new TraceAssemblyFunction(
                    j.inactivityGap(), j.allowedLateness(), j.maxSpansPerTrace()))
            .returns(TypeInformation.of(RedSample.class))
            .name("assemble-traces")
            .uid("assemble-traces");

    DatabaseConnector db = new DatabaseConnector(config.database());
    Duration flush = config.database().flushInterval();
    int batch = config.database().batchSize();
    samples
        .keyBy(RedSample::seriesKey, Types.STRING)
        .window(new RequestMinuteWindows())
        .allowedLateness(j.allowedLateness())
        .aggregate(
            new RedAggregate(),
            new RedMinuteFunction(),
            RedAccumulator.TYPE,
            RedAccumulator.TYPE,
            TypeInformation.of(RedMinute.class))
        .name("red-per-minute")
        .uid("red-per-minute")
        .sinkTo(new BatchSink<RedMinute>(new RedMinuteStore(db), batch, flush))
        .name("red-db")
        .uid("red-sink");

    samples
        .getSideOutput(TraceAssemblyFunction.CATALOG)
        .keyBy(CatalogItem::key, Types.STRING)
        .process(new CatalogFunction())
        .returns(CatalogItem.TYPE)
        .name("catalog")
        .uid("catalog")
        .sinkTo(new BatchSink<CatalogItem>(new CatalogStore(db), batch, flush))
        .name("catalog-db")
        .uid("catalog-sink");
  }
}
