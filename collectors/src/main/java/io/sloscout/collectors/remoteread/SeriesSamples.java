package io.sloscout.collectors.remoteread;

import io.sloscout.proto.prompb.Label;
import java.util.Arrays;
import java.util.List;

/** One series read from a target: its labels and its samples, in time order once sorted. */
final class SeriesSamples {

  private final List<Label> labels;
  private long[] timestamps = new long[16];
  private double[] values = new double[16];
  private int size;
  private boolean ordered = true;

  SeriesSamples(List<Label> labels) {
    this.labels = List.copyOf(labels);
  }

  List<Label> labels() {
    return labels;
  }

  /** The value of label {@code name}, or null where the series lacks it. */
  String label(String name) {
    for (Label label : labels) {
      if (label.getName().equals(name)) {
        return label.getValue();
      }
    }
    return null;
  }

  void add(long timestampMs, double value) {
    if (size == timestamps.length) {
      timestamps = Arrays.copyOf(timestamps, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    if (size > 0 && timestampMs <= timestamps[size - 1]) {
      ordered = false;
    }
    timestamps[size] = timestampMs;
    values[size] = value;
    size++;
  }

  int size() {
    return size;
  }

  long timestamp(int i) {
    return timestamps[i];
  }

  double value(int i) {
    return values[i];
  }

  /**
   * Sorts by time and keeps one sample per timestamp (the first read); a no-op for the usual
   * already ordered series. Chunks of one series do not overlap in the TSDB, but a server that
   * merges sources might send them out of order.
   */
  void sortAndDeduplicate() {
    if (ordered) {
      return;
    }
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    // stable: equal timestamps keep their read order, so "first read" wins below
    Arrays.sort(order, (a, b) -> Long.compare(timestamps[a], timestamps[b]));
    long[] t = new long[size];
    double[] v = new double[size];
    int n = 0;
    for (int i : order) {
      if (n > 0 && t[n - 1] == timestamps[i]) {
        continue;
      }
      t[n] = timestamps[i];
      v[n] = values[i];
      n++;
    }
    timestamps = t;
    values = v;
    size = n;
    ordered = true;
  }
}
