package io.sloscout.storage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/** The few JDBC moves every repository makes: transactions, errors with context, type mapping. */
final class Jdbc {

  private static final String UNIQUE_VIOLATION = "23505";

  private Jdbc() {}

  /** Work on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: a batch is written whole or not at all, so a failed Flink
   * sink flush can simply be retried.
   */
  static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw translate(what, e);
    }
  }

  /** Runs a read (or a single statement) outside an explicit transaction. */
  static <T> T read(DataSource dataSource, String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw translate(what, e);
    }
  }

  static StorageException translate(String what, SQLException e) {
    String message = what + " failed: " + e.getMessage();
    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
      return new DuplicateException(message, e);
    }
    return new StorageException(message, e);
  }

  static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }
  }

  static Instant getInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static void setNullableDouble(PreparedStatement ps, int index, Double value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, value);
    }
  }

  static Double getNullableDouble(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  static Array longArray(Connection c, List<Long> values) throws SQLException {
    return c.createArrayOf("bigint", values.toArray(new Long[0]));
  }

  static Array textArray(Connection c, List<String> values) throws SQLException {
    return c.createArrayOf("text", values.toArray(new String[0]));
  }

  static List<Long> getLongList(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    if (array == null) {
      return List.of();
    }
    Object[] values = (Object[]) array.getArray();
    List<Long> out = new ArrayList<>(values.length);
    for (Object v : values) {
      out.add(((Number) v).longValue());
    }
    return out;
  }

  static List<String> getStringList(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    if (array == null) {
      return List.of();
    }
    return Arrays.asList((String[]) array.getArray());
  }
}
