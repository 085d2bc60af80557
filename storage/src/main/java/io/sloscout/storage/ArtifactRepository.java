package io.sloscout.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Generated artifacts: regenerating an SLO's files replaces them. */
public final class ArtifactRepository {

  private static final String COLUMNS = "slo_id, kind, path, content, generated_at";

  private final DataSource dataSource;

  public ArtifactRepository(DataSource dataSource) {
    this.dataSource = Checks.notNull(dataSource, "dataSource");
  }

  /**
   * Stores artifacts, replacing those with the same SLO, kind and path.
   *
   * @throws StorageException when an artifact names an SLO that does not exist
   */
  public void save(List<Artifact> artifacts) {
    Checks.noNullElements(artifacts, "artifacts");
    List<Artifact> rows =
        Batches.lastByKey(
            artifacts, a -> a.sloId() + '\u0000' + a.kind().label() + '\u0000' + a.path());
    if (rows.isEmpty()) {
      return;
    }
    Jdbc.inTransaction(
        dataSource,
        "saving artifacts",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO artifacts ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?)"
                      + " ON CONFLICT (slo_id, kind, path) DO UPDATE SET"
                      + " content = EXCLUDED.content, generated_at = EXCLUDED.generated_at")) {
            for (Artifact a : rows) {
              ps.setString(1, a.sloId());
              ps.setString(2, a.kind().label());
              ps.setString(3, a.path());
              ps.setString(4, a.content());
              Jdbc.setInstant(ps, 5, a.generatedAt());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /** An SLO's artifacts, by kind and path. */
  public List<Artifact> forSlo(String sloId) {
    Checks.notNull(sloId, "sloId");
    return Jdbc.read(
        dataSource,
        "reading artifacts of SLO " + sloId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + COLUMNS + " FROM artifacts WHERE slo_id = ? ORDER BY kind, path")) {
            ps.setString(1, sloId);
            List<Artifact> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(artifact(rs));
              }
            }
            return out;
          }
        });
  }

  /** One artifact. */
  public Optional<Artifact> find(String sloId, ArtifactKind kind, String path) {
    Checks.notNull(sloId, "sloId");
    Checks.notNull(kind, "kind");
    Checks.notNull(path, "path");
    return Jdbc.read(
        dataSource,
        "reading artifact " + path,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM artifacts WHERE slo_id = ? AND kind = ? AND path = ?")) {
            ps.setString(1, sloId);
            ps.setString(2, kind.label());
            ps.setString(3, path);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(artifact(rs)) : Optional.empty();
            }
          }
        });
  }

  /**
   * Deletes an SLO's artifacts, before writing a new set that may have fewer files.
   *
   * @return how many were deleted
   */
  public int deleteForSlo(String sloId) {
    Checks.notNull(sloId, "sloId");
    return Jdbc.read(
        dataSource,
        "deleting artifacts of SLO " + sloId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM artifacts WHERE slo_id = ?")) {
            ps.setString(1, sloId);
            return ps.executeUpdate();
          }
        });
  }

  private static Artifact artifact(ResultSet rs) throws SQLException {
    return new Artifact(
        rs.getString("slo_id"),
        ArtifactKind.fromLabel(rs.getString("kind")),
        rs.getString("path"),
        rs.getString("content"),
        Jdbc.getInstant(rs, "generated_at"));
  }
}
