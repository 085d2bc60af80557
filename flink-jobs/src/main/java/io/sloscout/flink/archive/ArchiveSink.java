package io.sloscout.flink.archive;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.sloscout.proto.v1.Event;
import io.sloscout.storage.archive.ObjectArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;

/**
 * Archives redacted events in the object store through storage's {@link ObjectArchive}: one
 * gzip-compressed NDJSON object per service, UTC hour and checkpoint of a writer.
 *
 * <p>Two phases: between checkpoints the writer buffers events per service and hour; at a
 * checkpoint it turns the buffers into parts, which wait in the checkpoint; the parts are uploaded
 * only once the checkpoint is complete, and again after a restore from it. A part's name comes from
 * the job, the subtask, the checkpoint the writer was restored from and the parts it made since, so
 * the same part always gets the same name: a repeated upload overwrites it, and parts of
 * checkpoints that never completed are never uploaded at all. No event is archived twice or lost
 * across a restore.
 */
public final class ArchiveSink implements Sink<Event>, SupportsCommitter<ArchivePart> {

  private static final long serialVersionUID = 1L;

  private final ArchiveConnector connector;

  public ArchiveSink(ArchiveConnector connector) {
    this.connector = Objects.requireNonNull(connector, "connector");
  }

  @Override
  public CommittingSinkWriter<Event, ArchivePart> createWriter(WriterInitContext context) {
    String prefix =
        context.getJobInfo().getJobId()
            + "-"
            + context.getTaskInfo().getIndexOfThisSubtask()
            + "-"
            + context.getRestoredCheckpointId().orElse(0);
    return new Writer(prefix, context.metricGroup().counter("archivedEvents"));
  }

  @Override
  public Committer<ArchivePart> createCommitter(CommitterInitContext context) {
    return new Uploader(connector, context.metricGroup().counter("archiveParts"));
  }

  @Override
  public SimpleVersionedSerializer<ArchivePart> getCommittableSerializer() {
    return new ArchivePartSerializer();
  }

  private static final class Writer implements CommittingSinkWriter<Event, ArchivePart> {
    private static final long HOUR = 3_600_000;
    private static final JsonFormat.Printer JSON =
        JsonFormat.printer().omittingInsignificantWhitespace();

    private final String prefix;
    private final Counter archived;
    private final Map<String, Map<Long, List<String>>> buffers = new HashMap<>();
    private long parts;

    Writer(String prefix, Counter archived) {
      this.prefix = prefix;
      this.archived = archived;
    }

    @Override
    public void write(Event event, Context context) {
      long millis = event.getTimeUnixNano() / 1_000_000;
      long hour = millis - Math.floorMod(millis, HOUR);
      String json;
      try {
        json = JSON.print(event);
      } catch (InvalidProtocolBufferException e) {
        throw new UncheckedIOException("an event cannot be printed as JSON", e);
      }
      buffers
          .computeIfAbsent(event.getService(), k -> new HashMap<>())
          .computeIfAbsent(hour, k -> new ArrayList<>())
          .add(json);
      archived.inc();
    }

    @Override
    public void flush(boolean endOfInput) {
      // parts are cut in prepareCommit, right after this
    }

    @Override
    public Collection<ArchivePart> prepareCommit() {
      if (buffers.isEmpty()) {
        return List.of();
      }
      parts++;
      String partId = prefix + "-" + parts;
      List<ArchivePart> out = new ArrayList<>();
      buffers.forEach(
          (service, hours) ->
              hours.forEach(
                  (hour, records) -> out.add(new ArchivePart(service, hour, partId, records))));
      buffers.clear();
      return out;
    }

    @Override
    public void close() {}
  }

  private static final class Uploader implements Committer<ArchivePart> {
    private final ArchiveConnector connector;
    private final Counter uploaded;
    private ObjectArchive archive;

    Uploader(ArchiveConnector connector, Counter uploaded) {
      this.connector = connector;
      this.uploaded = uploaded;
    }

    @Override
    public void commit(Collection<CommitRequest<ArchivePart>> requests) throws IOException {
      if (archive == null) {
        archive = connector.acquire();
      }
      for (CommitRequest<ArchivePart> request : requests) {
        ArchivePart part = request.getCommittable();
        try {
          archive.write(
              part.service(),
              Instant.ofEpochMilli(part.hourMillis()),
              part.partId(),
              part.records());
          uploaded.inc();
        } catch (RuntimeException e) {
          // the store is down or slow: keep the part and try again at the next checkpoint
          request.retryLater();
        }
      }
    }

    @Override
    public void close() {
      if (archive != null) {
        connector.release();
        archive = null;
      }
    }
  }
}
