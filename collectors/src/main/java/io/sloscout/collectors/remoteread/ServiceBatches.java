package io.sloscout.collectors.remoteread;

import com.google.protobuf.CodedOutputStream;
import io.sloscout.proto.prompb.Sample;
import io.sloscout.proto.prompb.TimeSeries;
import io.sloscout.proto.prompb.WriteRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups series by service and packs each group into {@code WriteRequest}s no larger than a byte
 * limit, splitting a series' samples where one series alone is larger.
 */
final class ServiceBatches {

  /** The Kafka key of series that carry neither the service label nor {@code job}. */
  static final String UNKNOWN_SERVICE = "unknown_service";

  /** The label whose value is the key when the configured one is absent. */
  static final String FALLBACK_LABEL = "job";

  /** One Kafka record: the service key and a {@code WriteRequest} of its series. */
  record Batch(String key, WriteRequest request) {}

  private ServiceBatches() {}

  /** The key of a series: its {@code serviceLabel}, else {@code job}, else unknown_service. */
  static String serviceOf(SeriesSamples series, String serviceLabel) {
    String value = series.label(serviceLabel);
    if (value == null || value.isEmpty()) {
      value = series.label(FALLBACK_LABEL);
    }
    return value == null || value.isEmpty() ? UNKNOWN_SERVICE : value;
  }

  /**
   * The records for {@code series}: per service (in name order) as few {@code WriteRequest}s as fit
   * in {@code maxBytes} each; series stay in read order.
   */
  static List<Batch> build(List<SeriesSamples> series, String serviceLabel, int maxBytes) {
    Map<String, List<SeriesSamples>> byService = new TreeMap<>();
    for (SeriesSamples s : series) {
      byService.computeIfAbsent(serviceOf(s, serviceLabel), k -> new ArrayList<>()).add(s);
    }
    List<Batch> batches = new ArrayList<>();
    for (Map.Entry<String, List<SeriesSamples>> entry : byService.entrySet()) {
      WriteRequest.Builder current = WriteRequest.newBuilder();
      int currentBytes = 0;
      for (SeriesSamples s : entry.getValue()) {
        for (TimeSeries piece : pieces(s, maxBytes)) {
          int bytes = fieldBytes(piece.getSerializedSize());
          if (currentBytes > 0 && currentBytes + bytes > maxBytes) {
            batches.add(new Batch(entry.getKey(), current.build()));
            current = WriteRequest.newBuilder();
            currentBytes = 0;
          }
          current.addTimeseries(piece);
          currentBytes += bytes;
        }
      }
      if (currentBytes > 0) {
        batches.add(new Batch(entry.getKey(), current.build()));
      }
    }
    return batches;
  }

  /** The series as one TimeSeries, or several with the same labels where it exceeds the limit. */
  private static List<TimeSeries> pieces(SeriesSamples s, int maxBytes) {
    TimeSeries.Builder labelsOnly = TimeSeries.newBuilder().addAllLabels(s.labels());
    int labelBytes = labelsOnly.build().getSerializedSize();
    // room for the timeseries field header in the WriteRequest
    int budget = maxBytes - 16;
    if (labelBytes >= budget) {
      throw new IllegalArgumentException(
          "labels of one series take " + labelBytes + " bytes, more than a record may hold");
    }
    List<TimeSeries> pieces = new ArrayList<>();
    TimeSeries.Builder piece = labelsOnly.clone();
    int pieceBytes = labelBytes;
    for (int i = 0; i < s.size(); i++) {
      Sample sample = Sample.newBuilder().setTimestamp(s.timestamp(i)).setValue(s.value(i)).build();
      int bytes = fieldBytes(sample.getSerializedSize());
      if (piece.getSamplesCount() > 0 && pieceBytes + bytes > budget) {
        pieces.add(piece.build());
        piece = labelsOnly.clone();
        pieceBytes = labelBytes;
      }
      piece.addSamples(sample);
      pieceBytes += bytes;
    }
    if (piece.getSamplesCount() > 0) {
      pieces.add(piece.build());
    }
    return pieces;
  }

  /** Bytes of a length-delimited field with a one-byte tag holding {@code size} bytes. */
  private static int fieldBytes(int size) {
    return 1 + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
  }
}
