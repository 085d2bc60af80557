package io.sloscout.flink.sink;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that hands its input to a {@link Store} in batches: when a batch is full, when the oldest
 * item has waited {@code maxDelay}, and before every checkpoint barrier passes (so a completed
 * checkpoint never leaves items unwritten: at least once). Stores write idempotently, which makes
 * the replay after a restore harmless.
 *
 * @param <T> the items
 */
public final class BatchSink<T> implements Sink<T> {

  private static final long serialVersionUID = 1L;

  /** Where batches go; opened once per writer, on the task. */
  public interface Store<T> extends Serializable {
    /** Opens the connections the store needs. */
    Writer<T> open(WriterInitContext context) throws IOException;
  }

  /** An open store. */
  public interface Writer<T> extends AutoCloseable {
    /** Writes one batch; throwing fails the task, whose restart replays the batch. */
    void write(List<T> batch) throws IOException;

    @Override
    void close();
  }

  private final Store<T> store;
  private final int batchSize;
  private final Duration maxDelay;

  public BatchSink(Store<T> store, int batchSize, Duration maxDelay) {
    this.store = Objects.requireNonNull(store, "store");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
    this.batchSize = batchSize;
    this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    return new BatchWriter<>(
        store.open(context), context.getProcessingTimeService(), batchSize, maxDelay.toMillis());
  }

  private static final class BatchWriter<T> implements SinkWriter<T> {
    private final Writer<T> writer;
    private final ProcessingTimeService time;
    private final int batchSize;
    private final long maxDelayMillis;
    private List<T> buffer = new ArrayList<>();
    private boolean timerSet;

    BatchWriter(Writer<T> writer, ProcessingTimeService time, int batchSize, long maxDelayMillis) {
      this.writer = writer;
      this.time = time;
      this.batchSize = batchSize;
      this.maxDelayMillis = maxDelayMillis;
    }

    @Override
    public void write(T element, Context context) throws IOException {
      buffer.add(element);
      if (buffer.size() >= batchSize) {
        writeBuffer();
      } else if (!timerSet) {
        timerSet = true;
        // the callback runs in the task's mailbox thread: no locking needed
        time.registerTimer(
            time.getCurrentProcessingTime() + maxDelayMillis,
            t -> {
              timerSet = false;
              writeBuffer();
            });
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      writeBuffer();
    }

    private void writeBuffer() throws IOException {
      if (buffer.isEmpty()) {
        return;
      }
      List<T> batch = buffer;
      buffer = new ArrayList<>();
      writer.write(batch);
    }

    @Override
    public void close() {
      writer.close();
    }
  }
}
