package io.sloscout.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Journeys, their call edges, and the per-minute RED series of journeys and operations.
 *
 * <p>Write contract: every write is an upsert of ABSOLUTE values (a minute's totals, an edge's
 * running call count), never an increment. Writing the same rows again, as a Flink job does when it
 * replays from its last checkpoint after a restore, leaves the tables as they were: nothing is
 * counted twice. Within one call, rows with the same key collapse to the last one; a call is one
 * transaction.
 */
public final class JourneyRepository {

  private static final String JOURNEY_COLUMNS =
      "id, name, entry_service, entry_operation, services, first_seen, last_seen";

  private final DataSource dataSource;

  public JourneyRepository(DataSource dataSource) {
    this.dataSource = Checks.notNull(dataSource, "dataSource");
  }

  /**
   * Inserts or updates journeys: names and services as given, first and last seen widened (so the
   * order of writes does not matter for them).
   */
  public void upsertJourneys(List<JourneyRow> journeys) {
    Checks.noNullElements(journeys, "journeys");
    List<JourneyRow> rows =
        Batches.byKey(
            journeys,
            JourneyRow::id,
            (a, b) ->
                new JourneyRow(
                    b.id(),
                    b.name(),
                    b.entryService(),
                    b.entryOperation(),
                    b.services(),
                    Batches.min(a.firstSeen(), b.firstSeen()),
                    Batches.max(a.lastSeen(), b.lastSeen())));
    if (rows.isEmpty()) {
      return;
    }
    Jdbc.inTransaction(
        dataSource,
        "upserting journeys",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO journeys ("
                      + JOURNEY_COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,"
                      + " entry_service = EXCLUDED.entry_service,"
                      + " entry_operation = EXCLUDED.entry_operation,"
                      + " services = EXCLUDED.services,"
                      + " first_seen = LEAST(journeys.first_seen, EXCLUDED.first_seen),"
                      + " last_seen = GREATEST(journeys.last_seen, EXCLUDED.last_seen)")) {
            for (JourneyRow j : rows) {
              ps.setString(1, j.id());
              ps.setString(2, j.name());
              ps.setString(3, j.entryService());
              ps.setString(4, j.entryOperation());
              ps.setArray(5, Jdbc.textArray(c, j.services()));
              Jdbc.setInstant(ps, 6, j.firstSeen());
              Jdbc.setInstant(ps, 7, j.lastSeen());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /** Inserts or updates call edges with their absolute call counts. */
  public void upsertEdges(List<JourneyEdgeRow> edges) {
    Checks.noNullElements(edges, "edges");
    List<JourneyEdgeRow> rows = Batches.lastByKey(edges, JourneyEdgeRow::key);
    if (rows.isEmpty()) {
      return;
    }
    Jdbc.inTransaction(
        dataSource,
        "upserting journey edges",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO journey_edges (journey_id, from_service, from_operation,"
                      + " to_service, to_operation, calls, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (journey_id, from_service, from_operation, to_service,"
                      + " to_operation) DO UPDATE SET calls = EXCLUDED.calls,"
                      + " last_seen = GREATEST(journey_edges.last_seen, EXCLUDED.last_seen)")) {
            for (JourneyEdgeRow e : rows) {
              ps.setString(1, e.journeyId());
              ps.setString(2, e.fromService());
              ps.setString(3, e.fromOperation());
              ps.setString(4, e.toService());
              ps.setString(5, e.toOperation());
              ps.setLong(6, e.calls());
              Jdbc.setInstant(ps, 7, e.lastSeen());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /** Writes journey minutes; a minute written again is replaced, not added to. */
  public void upsertJourneyMinutes(List<JourneyMinute> minutes) {
    Checks.noNullElements(minutes, "minutes");
    List<JourneyMinute> rows =
        Batches.lastByKey(minutes, m -> m.journeyId() + '\u0000' + m.minute());
    if (rows.isEmpty()) {
      return;
    }
    Jdbc.inTransaction(
        dataSource,
        "upserting journey minutes",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO journey_red_minute (journey_id, minute, "
                      + RedColumns.NAMES
                      + ") VALUES (?, ?, "
                      + RedColumns.PLACEHOLDERS
                      + ") ON CONFLICT (journey_id, minute) DO UPDATE SET "
                      + RedColumns.UPDATE_ALL)) {
            for (JourneyMinute m : rows) {
              ps.setString(1, m.journeyId());
              Jdbc.setInstant(ps, 2, m.minute());
              RedColumns.bind(c, ps, 3, m.red());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /** Writes operation minutes; a minute written again is replaced, not added to. */
  public void upsertOperationMinutes(List<OperationMinute> minutes) {
    Checks.noNullElements(minutes, "minutes");
    List<OperationMinute> rows =
        Batches.lastByKey(
            minutes, m -> m.service() + '\u0000' + m.operation() + '\u0000' + m.minute());
    if (rows.isEmpty()) {
      return;
    }
    Jdbc.inTransaction(
        dataSource,
        "upserting operation minutes",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO operation_red_minute (service, operation, minute, "
                      + RedColumns.NAMES
                      + ") VALUES (?, ?, ?, "
                      + RedColumns.PLACEHOLDERS
                      + ") ON CONFLICT (service, operation, minute) DO UPDATE SET "
                      + RedColumns.UPDATE_ALL)) {
            for (OperationMinute m : rows) {
              ps.setString(1, m.service());
              ps.setString(2, m.operation());
              Jdbc.setInstant(ps, 3, m.minute());
              RedColumns.bind(c, ps, 4, m.red());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /** The journey with this id. */
  public Optional<JourneyRow> find(String id) {
    Checks.notNull(id, "id");
    return Jdbc.read(
        dataSource,
        "reading journey " + id,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT " + JOURNEY_COLUMNS + " FROM journeys WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(journey(rs)) : Optional.empty();
            }
          }
        });
  }

  /**
   * Every journey with its totals over {@code [from, to)}: most requests first, then by id.
   * Journeys without requests in the range are listed with zero totals.
   */
  public List<JourneyTotals> list(Instant from, Instant to) {
    Checks.range(from, to);
    return Jdbc.read(
        dataSource,
        "listing journeys",
        c -> {
          Map<String, JourneyRow> journeys = new LinkedHashMap<>();
          Map<String, List<RedMeasures>> minutes = new LinkedHashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT j.id, j.name, j.entry_service, j.entry_operation, j.services,"
                      + " j.first_seen, j.last_seen, m.minute, m.requests, m.errors,"
                      + " m.latency_sketch, m.latency_at_or_under, m.p50_ms, m.p95_ms, m.p99_ms"
                      + " FROM journeys j LEFT JOIN journey_red_minute m"
                      + " ON m.journey_id = j.id AND m.minute >= ? AND m.minute < ?"
                      + " ORDER BY j.id, m.minute")) {
            Jdbc.setInstant(ps, 1, from);
            Jdbc.setInstant(ps, 2, to);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String id = rs.getString("id");
                if (!journeys.containsKey(id)) {
                  journeys.put(id, journey(rs));
                  minutes.put(id, new ArrayList<>());
                }
                if (rs.getObject("minute") != null) {
                  minutes.get(id).add(RedColumns.read(rs));
                }
              }
            }
          }
          List<JourneyTotals> out = new ArrayList<>(journeys.size());
          for (Map.Entry<String, JourneyRow> e : journeys.entrySet()) {
            out.add(new JourneyTotals(e.getValue(), RedMeasures.total(minutes.get(e.getKey()))));
          }
          out.sort(
              Comparator.comparingLong((JourneyTotals t) -> t.red().requests())
                  .reversed()
                  .thenComparing(t -> t.journey().id()));
          return out;
        });
  }

  /** The call edges of a journey, in key order. */
  public List<JourneyEdgeRow> edges(String journeyId) {
    Checks.notNull(journeyId, "journeyId");
    return Jdbc.read(
        dataSource,
        "reading edges of journey " + journeyId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT journey_id, from_service, from_operation, to_service, to_operation,"
                      + " calls, last_seen FROM journey_edges WHERE journey_id = ?"
                      + " ORDER BY from_service, from_operation, to_service, to_operation")) {
            ps.setString(1, journeyId);
            List<JourneyEdgeRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new JourneyEdgeRow(
                        rs.getString("journey_id"),
                        rs.getString("from_service"),
                        rs.getString("from_operation"),
                        rs.getString("to_service"),
                        rs.getString("to_operation"),
                        rs.getLong("calls"),
                        Jdbc.getInstant(rs, "last_seen")));
              }
            }
            return out;
          }
        });
  }

  /** A journey's minutes in {@code [from, to)}, oldest first; minutes without rows are absent. */
  public List<JourneyMinute> series(String journeyId, Instant from, Instant to) {
    Checks.notNull(journeyId, "journeyId");
    Checks.range(from, to);
    return Jdbc.read(
        dataSource,
        "reading the series of journey " + journeyId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT journey_id, minute, "
                      + RedColumns.NAMES
                      + " FROM journey_red_minute"
                      + " WHERE journey_id = ? AND minute >= ? AND minute < ? ORDER BY minute")) {
            ps.setString(1, journeyId);
            Jdbc.setInstant(ps, 2, from);
            Jdbc.setInstant(ps, 3, to);
            List<JourneyMinute> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new JourneyMinute(
                        rs.getString("journey_id"),
                        Jdbc.getInstant(rs, "minute"),
                        RedColumns.read(rs)));
              }
            }
            return out;
          }
        });
  }

  /** An operation's minutes in {@code [from, to)}, oldest first. */
  public List<OperationMinute> operationSeries(
      String service, String operation, Instant from, Instant to) {
    Checks.notNull(service, "service");
    Checks.notNull(operation, "operation");
    Checks.range(from, to);
    return Jdbc.read(
        dataSource,
        "reading the series of operation " + service + " " + operation,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT service, operation, minute, "
                      + RedColumns.NAMES
                      + " FROM operation_red_minute WHERE service = ? AND operation = ?"
                      + " AND minute >= ? AND minute < ? ORDER BY minute")) {
            ps.setString(1, service);
            ps.setString(2, operation);
            Jdbc.setInstant(ps, 3, from);
            Jdbc.setInstant(ps, 4, to);
            List<OperationMinute> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new OperationMinute(
                        rs.getString("service"),
                        rs.getString("operation"),
                        Jdbc.getInstant(rs, "minute"),
                        RedColumns.read(rs)));
              }
            }
            return out;
          }
        });
  }

  private static JourneyRow journey(ResultSet rs) throws SQLException {
    return new JourneyRow(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("entry_service"),
        rs.getString("entry_operation"),
        Jdbc.getStringList(rs, "services"),
        Jdbc.getInstant(rs, "first_seen"),
        Jdbc.getInstant(rs, "last_seen"));
  }
}
