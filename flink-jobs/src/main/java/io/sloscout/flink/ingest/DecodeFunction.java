package io.sloscout.flink.ingest;

import io.sloscout.flink.otlp.MalformedRecordException;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw OTLP records and redacts them in the same operator, so unredacted values never cross
 * an operator boundary: no serializer, network buffer or state ever holds them. Records that cannot
 * be decoded, wholly or in part, go to {@link #DEAD_LETTERS} with the reason; the function never
 * throws for bad input.
 *
 * @param <OUT> what the decoded, redacted items become
 */
public abstract class DecodeFunction<OUT> extends ProcessFunction<RawRecord, OUT> {

  private static final long serialVersionUID = 1L;

  /** Records that could not be decoded, with the reason. */
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", DeadLetter.TYPE);

  private final RedactionSettings redaction;

  private transient TelemetryScrubber scrubber;
  private transient Counter records;
  private transient Counter items;
  private transient Counter deadLetters;
  private transient Counter invalidItems;
  private transient Counter redactions;

  protected DecodeFunction(RedactionSettings redaction) {
    this.redaction = Objects.requireNonNull(redaction, "redaction");
  }

  @Override
  public void open(OpenContext context) {
    scrubber = new TelemetryScrubber(redaction.redactor());
    var metrics = getRuntimeContext().getMetricGroup();
    records = metrics.counter("rawRecords");
    items = metrics.counter("decodedItems");
    deadLetters = metrics.counter("deadLetters");
    invalidItems = metrics.counter("invalidItems");
    redactions = metrics.counter("redactions");
  }

  /**
   * Decodes one record's value, redacts every item with {@code scrubber} and emits the results.
   *
   * @return the problems of items left out, one line each
   * @throws MalformedRecordException when the value is not what the topic carries
   */
  protected abstract Decoded decode(
      RawRecord record, TelemetryScrubber scrubber, Collector<OUT> out);

  /**
   * What decoding one record gave.
   *
   * @param emitted items emitted
   * @param problems one line per item left out
   */
  protected record Decoded(int emitted, List<String> problems) {}

  @Override
  public void processElement(RawRecord record, Context ctx, Collector<OUT> out) {
    records.inc();
    if (record.value() == null) {
      deadLetter(ctx, new DeadLetter(record, "record has no value (tombstone)", false));
      return;
    }
    Decoded decoded;
    try {
      decoded = decode(record, scrubber, out);
    } catch (MalformedRecordException e) {
      deadLetter(ctx, new DeadLetter(record, e.getMessage(), false));
      return;
    } catch (RuntimeException e) {
      // A bug or an input no check foresaw: the record is parked, the job goes on.
      deadLetter(ctx, new DeadLetter(record, "cannot decode: " + e, false));
      return;
    } finally {
      redactions.inc(scrubber.takeReplacements());
    }
    items.inc(decoded.emitted());
    if (!decoded.problems().isEmpty()) {
      invalidItems.inc(decoded.problems().size());
      String reason =
          decoded.problems().size()
              + " of "
              + (decoded.emitted() + decoded.problems().size())
              + " items invalid, the others were processed; first: "
              + decoded.problems().get(0);
      deadLetter(ctx, new DeadLetter(record, reason, true));
    }
  }

  private void deadLetter(Context ctx, DeadLetter letter) {
    deadLetters.inc();
    ctx.output(DEAD_LETTERS, letter);
  }
}
