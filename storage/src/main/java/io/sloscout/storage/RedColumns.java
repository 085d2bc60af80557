package io.sloscout.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The measure columns shared by the journey and operation minute tables. */
final class RedColumns {

  static final String NAMES =
      "requests, errors, latency_sketch, latency_at_or_under, p50_ms, p95_ms, p99_ms";

  static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?";

  /** Absolute values: the last write of a minute is the minute. */
  static final String UPDATE_ALL =
      "requests = EXCLUDED.requests, errors = EXCLUDED.errors,"
          + " latency_sketch = EXCLUDED.latency_sketch,"
          + " latency_at_or_under = EXCLUDED.latency_at_or_under,"
          + " p50_ms = EXCLUDED.p50_ms, p95_ms = EXCLUDED.p95_ms, p99_ms = EXCLUDED.p99_ms";

  private RedColumns() {}

  /** Binds the measures from parameter {@code first} on; returns the next free index. */
  static int bind(Connection c, PreparedStatement ps, int first, RedMeasures red)
      throws SQLException {
    int i = first;
    ps.setLong(i++, red.requests());
    ps.setLong(i++, red.errors());
    ps.setBytes(i++, red.latency().toBytes());
    ps.setArray(i++, Jdbc.longArray(c, red.atOrUnderBucket()));
    ps.setDouble(i++, red.p50Ms());
    ps.setDouble(i++, red.p95Ms());
    ps.setDouble(i++, red.p99Ms());
    return i;
  }

  static RedMeasures read(ResultSet rs) throws SQLException {
    return new RedMeasures(
        rs.getLong("requests"),
        rs.getLong("errors"),
        LatencySketch.stored(rs.getBytes("latency_sketch")),
        Jdbc.getLongList(rs, "latency_at_or_under"),
        rs.getDouble("p50_ms"),
        rs.getDouble("p95_ms"),
        rs.getDouble("p99_ms"));
  }
}
