package io.sloscout.storage;

import io.sloscout.core.recommendation.SliType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/** Recommendations: recomputed by the backend, accepted or dismissed by people. */
public final class RecommendationRepository {

  private static final String COLUMNS =
      "id, journey_id, sli_type, objective, threshold_ms, slo_window, confidence, rationale,"
          + " evidence::text AS evidence, computed_at, status";

  private final DataSource dataSource;

  public RecommendationRepository(DataSource dataSource) {
    this.dataSource = Checks.notNull(dataSource, "dataSource");
  }

  /**
   * Inserts or updates recommendations. An existing row keeps its status: recomputing a
   * recommendation someone dismissed does not reopen it.
   */
  public void upsert(List<RecommendationRow> recommendations) {
    Checks.noNullElements(recommendations, "recommendations");
    List<RecommendationRow> rows = Batches.lastByKey(recommendations, RecommendationRow::id);
    if (rows.isEmpty()) {
      return;
    }
    Jdbc.inTransaction(
        dataSource,
        "upserting recommendations",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO recommendations (id, journey_id, sli_type, objective, threshold_ms,"
                      + " slo_window, confidence, rationale, evidence, computed_at, status)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)"
                      + " ON CONFLICT (id) DO UPDATE SET journey_id = EXCLUDED.journey_id,"
                      + " sli_type = EXCLUDED.sli_type, objective = EXCLUDED.objective,"
                      + " threshold_ms = EXCLUDED.threshold_ms, slo_window = EXCLUDED.slo_window,"
                      + " confidence = EXCLUDED.confidence, rationale = EXCLUDED.rationale,"
                      + " evidence = EXCLUDED.evidence, computed_at = EXCLUDED.computed_at")) {
            for (RecommendationRow r : rows) {
              ps.setString(1, r.id());
              ps.setString(2, r.journeyId());
              ps.setString(3, r.sliType().jsonName());
              ps.setDouble(4, r.objective());
              Jdbc.setNullableDouble(ps, 5, r.thresholdMs());
              ps.setString(6, r.window());
              ps.setDouble(7, r.confidence());
              ps.setString(8, r.rationale());
              ps.setString(9, r.evidenceJson());
              Jdbc.setInstant(ps, 10, r.computedAt());
              ps.setString(11, r.status().label());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /**
   * Sets a recommendation's status.
   *
   * @return false when there is no recommendation with this id
   */
  public boolean setStatus(String id, RecommendationStatus status) {
    Checks.notNull(id, "id");
    Checks.notNull(status, "status");
    return Jdbc.read(
        dataSource,
        "setting the status of recommendation " + id,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE recommendations SET status = ? WHERE id = ?")) {
            ps.setString(1, status.label());
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** The recommendation with this id. */
  public Optional<RecommendationRow> find(String id) {
    Checks.notNull(id, "id");
    List<RecommendationRow> rows = query("WHERE id = ?", id);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Every recommendation, by journey and SLI type. */
  public List<RecommendationRow> list() {
    return query("");
  }

  /** The recommendations with this status, by journey and SLI type. */
  public List<RecommendationRow> list(RecommendationStatus status) {
    Checks.notNull(status, "status");
    return query("WHERE status = ?", status.label());
  }

  /** A journey's recommendations, by SLI type. */
  public List<RecommendationRow> forJourney(String journeyId) {
    Checks.notNull(journeyId, "journeyId");
    return query("WHERE journey_id = ?", journeyId);
  }

  /** Runs a query with a fixed {@code where} clause and bound {@code params}. */
  private List<RecommendationRow> query(String where, String... params) {
    return Jdbc.read(
        dataSource,
        "reading recommendations",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM recommendations "
                      + where
                      + " ORDER BY journey_id, sli_type, id")) {
            for (int i = 0; i < params.length; i++) {
              ps.setString(i + 1, params[i]);
            }
            List<RecommendationRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(recommendation(rs));
              }
            }
            return out;
          }
        });
  }

  private static RecommendationRow recommendation(ResultSet rs) throws SQLException {
    return new RecommendationRow(
        rs.getString("id"),
        rs.getString("journey_id"),
        SliType.valueOf(rs.getString("sli_type").toUpperCase(Locale.ROOT)),
        rs.getDouble("objective"),
        Jdbc.getNullableDouble(rs, "threshold_ms"),
        rs.getString("slo_window"),
        rs.getDouble("confidence"),
        rs.getString("rationale"),
        rs.getString("evidence"),
        Jdbc.getInstant(rs, "computed_at"),
        RecommendationStatus.fromLabel(rs.getString("status")));
  }
}
