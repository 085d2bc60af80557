package io.sloscout.flink.events;

import com.google.protobuf.InvalidProtocolBufferException;
import io.sloscout.proto.v1.Event;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads {@code slo-scout.events}; a record that is not an event (only a broken producer writes one)
 * is skipped and counted, never fails the job.
 */
public final class EventKafkaDeserializer implements KafkaRecordDeserializationSchema<Event> {

  private static final long serialVersionUID = 1L;

  private transient Counter malformed;

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    malformed = context.getMetricGroup().counter("malformedEvents");
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Event> out) {
    if (record.value() == null) {
      malformed.inc();
      return;
    }
    try {
      out.collect(Event.parseFrom(record.value()));
    } catch (InvalidProtocolBufferException e) {
      malformed.inc();
    }
  }

  @Override
  public TypeInformation<Event> getProducedType() {
    return EventSerializer.TYPE;
  }
}
