package io.sloscout.flink.jobs;

import io.sloscout.core.search.TemplateDocument;
import io.sloscout.flink.config.PipelineConfig;
import io.sloscout.flink.embed.EmbedOnceFunction;
import io.sloscout.flink.embed.VectorConnector;
import io.sloscout.flink.embed.VectorStoreSink;
import io.sloscout.flink.events.EventSerializer;
import io.sloscout.flink.ingest.KafkaConnectors;
import io.sloscout.flink.sink.BatchSink;
import io.sloscout.proto.v1.Event;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Job {@code embed}: {@code slo-scout.events} → each template once (keyed by template id) → batches
 * of up to {@code embed.batchSize} or {@code embed.maxDelay} → all-MiniLM-L6-v2 → the vector store
 * (Lucene by default, Milvus by configuration).
 */
public final class EmbedJob {

  /** The job's name, also its consumer group suffix. */
  public static final String NAME = "embed";

  private EmbedJob() {}

  /** Adds the job's operators to {@code env}. */
  public static void build(StreamExecutionEnvironment env, PipelineConfig config) {
    var sink =
        env.fromSource(
                KafkaConnectors.eventSource(config.kafka(), NAME),
                WatermarkStrategy.noWatermarks(),
                "events",
                EventSerializer.TYPE)
            .uid("events-source")
            .filter(e -> !e.getTemplateId().isEmpty())
            .name("with-template")
            .uid("with-template")
            .keyBy(Event::getTemplateId, Types.STRING)
            .process(new EmbedOnceFunction())
            .returns(TypeInformation.of(TemplateDocument.class))
            .name("embed-once")
            .uid("embed-once")
            .sinkTo(
                new BatchSink<TemplateDocument>(
                    new VectorStoreSink(new VectorConnector(config.vectors(), config.embed())),
                    config.embed().batchSize(),
                    config.embed().maxDelay()))
            .name("vector-store")
            .uid("vector-store-sink");
    if (config.vectors().store() == PipelineConfig.VectorStoreKind.LUCENE) {
      // one writer per Lucene folder: the subtasks of one JVM share it, other JVMs could not
      sink.setParallelism(1);
    }
  }
}
