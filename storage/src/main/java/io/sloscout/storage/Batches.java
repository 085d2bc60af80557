package io.sloscout.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/** Preparing a batch of upserts. */
final class Batches {

  private Batches() {}

  /**
   * One row per key, in key order. PostgreSQL rejects a multi-row upsert that touches one row twice
   * (and the driver rewrites a batch into one), and writers that lock rows in the same order cannot
   * deadlock each other.
   *
   * @param merge how two rows with one key become one (older first)
   */
  static <T> List<T> byKey(List<T> rows, Function<T, String> key, BinaryOperator<T> merge) {
    TreeMap<String, T> out = new TreeMap<>();
    for (T row : rows) {
      out.merge(key.apply(row), row, merge);
    }
    return new ArrayList<>(out.values());
  }

  /** One row per key, the last one given winning: for rows of absolute values. */
  static <T> List<T> lastByKey(List<T> rows, Function<T, String> key) {
    return byKey(rows, key, (older, newer) -> newer);
  }

  static <T extends Comparable<T>> T min(T a, T b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static <T extends Comparable<T>> T max(T a, T b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
