package io.sloscout.flink.ingest;

import io.sloscout.core.fingerprint.UrlPathTemplater;
import io.sloscout.core.telemetry.LogRecord;
import io.sloscout.core.telemetry.Span;
import io.sloscout.flink.events.EventMapper;
import io.sloscout.flink.events.EventSerializer;
import io.sloscout.flink.otlp.MalformedRecordException;
import io.sloscout.flink.otlp.OtlpProtoConverter;
import io.sloscout.proto.v1.Event;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

/**
 * Raw spans and logs to redacted {@code slo_scout.v1.Event}s (template still to mine for log bodies
 * and plain span names), each carrying the topic, partition and offset it came from.
 */
public final class EventDecodeFunction extends DecodeFunction<Event>
    implements ResultTypeQueryable<Event> {

  private static final long serialVersionUID = 1L;

  private final String spansTopic;
  private final String logsTopic;
  private transient EventMapper mapper;

  public EventDecodeFunction(RedactionSettings redaction, String spansTopic, String logsTopic) {
    super(redaction);
    this.spansTopic = spansTopic;
    this.logsTopic = logsTopic;
  }

  @Override
  protected Decoded decode(RawRecord record, TelemetryScrubber scrubber, Collector<Event> out) {
    if (mapper == null) {
      mapper = new EventMapper(UrlPathTemplater::template);
    }
    if (record.topic().equals(spansTopic)) {
      OtlpProtoConverter.Decoded<Span> spans = OtlpProtoConverter.spans(record.value());
      for (Span raw : spans.items()) {
        out.collect(source(mapper.span(scrubber.span(raw)), record));
      }
      return new Decoded(spans.items().size(), spans.problems());
    }
    if (record.topic().equals(logsTopic)) {
      OtlpProtoConverter.Decoded<LogRecord> logs = OtlpProtoConverter.logs(record.value());
      for (LogRecord raw : logs.items()) {
        out.collect(source(mapper.log(scrubber.log(raw)), record));
      }
      return new Decoded(logs.items().size(), logs.problems());
    }
    throw new MalformedRecordException("record of an unexpected topic " + record.topic());
  }

  private static Event source(Event.Builder e, RawRecord record) {
    return e.setSourceTopic(record.topic())
        .setSourcePartition(record.partition())
        .setSourceOffset(record.offset())
        .build();
  }

  @Override
  public TypeInformation<Event> getProducedType() {
    return EventSerializer.TYPE;
  }
}
