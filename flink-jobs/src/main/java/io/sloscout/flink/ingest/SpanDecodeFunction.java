package io.sloscout.flink.ingest;

import io.sloscout.core.telemetry.Span;
import io.sloscout.flink.journey.SourcedSpan;
import io.sloscout.flink.otlp.OtlpProtoConverter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

/** Raw span requests to redacted core spans (with their partition), for trace assembly. */
public final class SpanDecodeFunction extends DecodeFunction<SourcedSpan>
    implements ResultTypeQueryable<SourcedSpan> {

  private static final long serialVersionUID = 1L;

  public SpanDecodeFunction(RedactionSettings redaction) {
    super(redaction);
  }

  @Override
  protected Decoded decode(
      RawRecord record, TelemetryScrubber scrubber, Collector<SourcedSpan> out) {
    OtlpProtoConverter.Decoded<Span> spans = OtlpProtoConverter.spans(record.value());
    for (Span raw : spans.items()) {
      out.collect(new SourcedSpan(scrubber.span(raw), record.partition()));
    }
    return new Decoded(spans.items().size(), spans.problems());
  }

  @Override
  public TypeInformation<SourcedSpan> getProducedType() {
    return SourcedSpan.TYPE;
  }
}
