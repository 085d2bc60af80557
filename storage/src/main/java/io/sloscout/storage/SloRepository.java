package io.sloscout.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * SLOs, with optimistic locking: an update or delete names the version it read, and fails with
 * {@link StaleVersionException} when someone changed the SLO since, instead of overwriting them.
 */
public final class SloRepository {

  private static final String COLUMNS =
      "id, service, name, spec_yaml, source, recommendation_id, created_at, updated_at, version";

  private final DataSource dataSource;

  public SloRepository(DataSource dataSource) {
    this.dataSource = Checks.notNull(dataSource, "dataSource");
  }

  /**
   * Stores a new SLO at version 1.
   *
   * @throws DuplicateException when the id, or the name within the service, is taken
   */
  public SloRow create(SloRow slo) {
    Checks.notNull(slo, "slo");
    SloRow row =
        new SloRow(
            slo.id(),
            slo.service(),
            slo.name(),
            slo.specYaml(),
            slo.source(),
            slo.recommendationId(),
            slo.createdAt(),
            slo.createdAt(),
            1);
    return Jdbc.read(
        dataSource,
        "creating SLO " + slo.id(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO slos ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "
                      + COLUMNS)) {
            ps.setString(1, row.id());
            ps.setString(2, row.service());
            ps.setString(3, row.name());
            ps.setString(4, row.specYaml());
            ps.setString(5, row.source().label());
            ps.setString(6, row.recommendationId());
            Jdbc.setInstant(ps, 7, row.createdAt());
            Jdbc.setInstant(ps, 8, row.updatedAt());
            ps.setInt(9, row.version());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return slo(rs);
            }
          }
        });
  }

  /**
   * Stores {@code changed} (name, spec, source, recommendation) over the SLO it was read as.
   *
   * @param changed the SLO as the caller wants it, carrying the version it was read at
   * @param now the time of the change
   * @return the stored SLO, one version up
   * @throws StaleVersionException when the stored SLO is no longer at {@code changed.version()}
   * @throws NoSuchElementException when there is no SLO with this id
   */
  public SloRow update(SloRow changed, Instant now) {
    Checks.notNull(changed, "slo");
    Checks.notNull(now, "now");
    return Jdbc.inTransaction(
        dataSource,
        "updating SLO " + changed.id(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE slos SET name = ?, spec_yaml = ?, source = ?, recommendation_id = ?,"
                      + " updated_at = ?, version = version + 1"
                      + " WHERE id = ? AND version = ? RETURNING "
                      + COLUMNS)) {
            ps.setString(1, changed.name());
            ps.setString(2, changed.specYaml());
            ps.setString(3, changed.source().label());
            ps.setString(4, changed.recommendationId());
            Jdbc.setInstant(ps, 5, now);
            ps.setString(6, changed.id());
            ps.setInt(7, changed.version());
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                return slo(rs);
              }
            }
          }
          throw notUpdated(c, changed.id(), changed.version());
        });
  }

  /**
   * Deletes an SLO (its artifacts go with it; release decisions stay, without the link).
   *
   * @param expectedVersion the version the caller read
   * @return false when there is no SLO with this id
   * @throws StaleVersionException when the SLO is no longer at {@code expectedVersion}
   */
  public boolean delete(String id, int expectedVersion) {
    Checks.notNull(id, "id");
    return Jdbc.inTransaction(
        dataSource,
        "deleting SLO " + id,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM slos WHERE id = ? AND version = ?")) {
            ps.setString(1, id);
            ps.setInt(2, expectedVersion);
            if (ps.executeUpdate() == 1) {
              return true;
            }
          }
          RuntimeException why = notUpdated(c, id, expectedVersion);
          if (why instanceof NoSuchElementException) {
            return false;
          }
          throw why;
        });
  }

  /** The SLO with this id. */
  public Optional<SloRow> find(String id) {
    Checks.notNull(id, "id");
    List<SloRow> rows = query("WHERE id = ?", id);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Every SLO, by service and name. */
  public List<SloRow> list() {
    return query("");
  }

  /** A service's SLOs, by name. */
  public List<SloRow> forService(String service) {
    Checks.notNull(service, "service");
    return query("WHERE service = ?", service);
  }

  private static RuntimeException notUpdated(Connection c, String id, int version)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT version FROM slos WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return new NoSuchElementException("no SLO with id " + id);
        }
        return new StaleVersionException(id, version);
      }
    }
  }

  private List<SloRow> query(String where, String... params) {
    return Jdbc.read(
        dataSource,
        "reading SLOs",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + COLUMNS + " FROM slos " + where + " ORDER BY service, name")) {
            for (int i = 0; i < params.length; i++) {
              ps.setString(i + 1, params[i]);
            }
            List<SloRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(slo(rs));
              }
            }
            return out;
          }
        });
  }

  private static SloRow slo(ResultSet rs) throws SQLException {
    return new SloRow(
        rs.getString("id"),
        rs.getString("service"),
        rs.getString("name"),
        rs.getString("spec_yaml"),
        SloSource.fromLabel(rs.getString("source")),
        rs.getString("recommendation_id"),
        Jdbc.getInstant(rs, "created_at"),
        Jdbc.getInstant(rs, "updated_at"),
        rs.getInt("version"));
  }
}
