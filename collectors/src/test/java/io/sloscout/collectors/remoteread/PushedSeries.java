package io.sloscout.collectors.remoteread;

import io.sloscout.proto.prompb.Label;
import io.sloscout.proto.prompb.Sample;
import io.sloscout.proto.prompb.TimeSeries;
import io.sloscout.proto.prompb.WriteRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Samples a test pushed into Prometheus and samples that came back through Kafka, both reduced to
 * {@code labels -> [(timestamp, raw value bits)]} so NaN payloads and -0.0 compare exactly.
 */
final class PushedSeries {

  /** A sample with its value as raw IEEE 754 bits. */
  record Point(long timestampMs, long valueBits) {
    static Point of(long timestampMs, double value) {
      return new Point(timestampMs, Double.doubleToRawLongBits(value));
    }

    @Override
    public String toString() {
      return timestampMs + "=" + Double.longBitsToDouble(valueBits);
    }
  }

  private PushedSeries() {}

  /** A series with labels given as name, value pairs (sorted by name, as Prometheus keeps them). */
  static TimeSeries series(Map<String, String> labels, List<Point> points) {
    TimeSeries.Builder ts = TimeSeries.newBuilder();
    new TreeMap<>(labels)
        .forEach((k, v) -> ts.addLabels(Label.newBuilder().setName(k).setValue(v)));
    for (Point p : points) {
      ts.addSamples(
          Sample.newBuilder()
              .setTimestamp(p.timestampMs())
              .setValue(Double.longBitsToDouble(p.valueBits())));
    }
    return ts.build();
  }

  /** {@code labels -> points} of {@code series}, keeping only points in [from, to]. */
  static Map<String, List<Point>> index(Collection<TimeSeries> series, long from, long to) {
    Map<String, List<Point>> out = new TreeMap<>();
    for (TimeSeries ts : series) {
      for (Sample s : ts.getSamplesList()) {
        if (s.getTimestamp() >= from && s.getTimestamp() <= to) {
          out.computeIfAbsent(key(ts), k -> new ArrayList<>())
              .add(new Point(s.getTimestamp(), Double.doubleToRawLongBits(s.getValue())));
        }
      }
    }
    return out;
  }

  /** {@code labels -> points} of every series in {@code requests}, in record order. */
  static Map<String, List<Point>> index(List<WriteRequest> requests) {
    List<TimeSeries> all = new ArrayList<>();
    requests.forEach(r -> all.addAll(r.getTimeseriesList()));
    return index(all, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** The labels as {@code {a="1", b="2"}}. */
  static String key(TimeSeries ts) {
    StringBuilder out = new StringBuilder("{");
    for (Label l : ts.getLabelsList()) {
      if (out.length() > 1) {
        out.append(", ");
      }
      out.append(l.getName()).append("=\"").append(l.getValue()).append('"');
    }
    return out.append('}').toString();
  }
}
