package io.sloscout.storage;

import io.sloscout.core.gate.GateOutcome;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/** The history of release decisions: appended, never changed. */
public final class ReleaseDecisionRepository {

  private static final String COLUMNS =
      "id, service, slo_id, decision, reasons::text AS reasons, burn_rates::text AS burn_rates,"
          + " error_budget_remaining, decided_at";

  private final DataSource dataSource;

  public ReleaseDecisionRepository(DataSource dataSource) {
    this.dataSource = Checks.notNull(dataSource, "dataSource");
  }

  /** Records a decision. */
  public StoredReleaseDecision insert(ReleaseDecision decision) {
    Checks.notNull(decision, "decision");
    return Jdbc.read(
        dataSource,
        "recording a release decision for " + decision.service(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO release_decisions (service, slo_id, decision, reasons, burn_rates,"
                      + " error_budget_remaining, decided_at)"
                      + " VALUES (?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?) RETURNING id")) {
            ps.setString(1, decision.service());
            ps.setString(2, decision.sloId());
            ps.setString(3, decision.decision().label());
            ps.setString(4, Json.write(decision.reasons()));
            ps.setString(5, Json.write(decision.burnRates()));
            Jdbc.setNullableDouble(ps, 6, decision.errorBudgetRemaining());
            Jdbc.setInstant(ps, 7, decision.decidedAt());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return new StoredReleaseDecision(rs.getLong(1), decision);
            }
          }
        });
  }

  /** The decision with this id. */
  public Optional<StoredReleaseDecision> find(long id) {
    return Jdbc.read(
        dataSource,
        "reading release decision " + id,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT " + COLUMNS + " FROM release_decisions WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(decision(rs)) : Optional.empty();
            }
          }
        });
  }

  /** A service's latest decisions, newest first. */
  public List<StoredReleaseDecision> forService(String service, int limit) {
    Checks.notNull(service, "service");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    return Jdbc.read(
        dataSource,
        "reading release decisions of " + service,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM release_decisions WHERE service = ?"
                      + " ORDER BY decided_at DESC, id DESC LIMIT ?")) {
            ps.setString(1, service);
            ps.setInt(2, limit);
            List<StoredReleaseDecision> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(decision(rs));
              }
            }
            return out;
          }
        });
  }

  private static StoredReleaseDecision decision(ResultSet rs) throws SQLException {
    return new StoredReleaseDecision(
        rs.getLong("id"),
        new ReleaseDecision(
            rs.getString("service"),
            rs.getString("slo_id"),
            GateOutcome.valueOf(rs.getString("decision").toUpperCase(Locale.ROOT)),
            Json.readStrings(rs.getString("reasons")),
            Json.readDoubles(rs.getString("burn_rates")),
            Jdbc.getNullableDouble(rs, "error_budget_remaining"),
            Jdbc.getInstant(rs, "decided_at")));
  }
}
