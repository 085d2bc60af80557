package io.sloscout.storage;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Templates and their per-minute counts.
 *
 * <p>Write contract: counts are ABSOLUTE per minute ({@code count = EXCLUDED.count}), and a
 * template's example count is the miner's running total, so replaying the same rows after a Flink
 * restore rewrites them instead of adding them again. Within one call, rows with the same key
 * collapse to the last one; a call is one transaction.
 */
public final class TemplateRepository {

  private static final String COLUMNS =
      "template_id, service, kind, template, first_seen, last_seen, example_count";

  private final DataSource dataSource;

  public TemplateRepository(DataSource dataSource) {
    this.dataSource = Checks.notNull(dataSource, "dataSource");
  }

  /**
   * Inserts or updates templates: text and example count as given, first and last seen widened. A
   * template id belongs to one service and kind: writing it for another fails the whole call,
   * because the miner's cluster ids are not scoped by service and a silent overwrite would move a
   * template between services.
   *
   * @throws IllegalArgumentException when a template id is stored for another service or kind
   */
  public void upsertTemplates(List<TemplateRow> templates) {
    Checks.noNullElements(templates, "templates");
    List<TemplateRow> rows =
        Batches.byKey(
            templates,
            TemplateRow::templateId,
            (a, b) ->
                new TemplateRow(
                    b.templateId(),
                    b.service(),
                    b.kind(),
                    b.template(),
                    Batches.min(a.firstSeen(), b.firstSeen()),
                    Batches.max(a.lastSeen(), b.lastSeen()),
                    b.exampleCount()));
    if (rows.isEmpty()) {
      return;
    }
    Jdbc.inTransaction(
        dataSource,
        "upserting templates",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO templates ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (template_id) DO UPDATE SET template = EXCLUDED.template,"
                      + " first_seen = LEAST(templates.first_seen, EXCLUDED.first_seen),"
                      + " last_seen = GREATEST(templates.last_seen, EXCLUDED.last_seen),"
                      + " example_count = EXCLUDED.example_count"
                      + " WHERE templates.service = EXCLUDED.service"
                      + " AND templates.kind = EXCLUDED.kind")) {
            for (TemplateRow t : rows) {
              ps.setString(1, t.templateId());
              ps.setString(2, t.service());
              ps.setString(3, t.kind().label());
              ps.setString(4, t.template());
              Jdbc.setInstant(ps, 5, t.firstSeen());
              Jdbc.setInstant(ps, 6, t.lastSeen());
              ps.setLong(7, t.exampleCount());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          // rows the WHERE above skipped belong to another service or kind: undo the call
          Array ids = Jdbc.textArray(c, rows.stream().map(TemplateRow::templateId).toList());
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT template_id, service, kind FROM templates WHERE template_id = ANY(?)")) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
              Map<String, TemplateRow> byId = new HashMap<>();
              for (TemplateRow t : rows) {
                byId.put(t.templateId(), t);
              }
              while (rs.next()) {
                TemplateRow wanted = byId.get(rs.getString("template_id"));
                if (!wanted.service().equals(rs.getString("service"))
                    || !wanted.kind().label().equals(rs.getString("kind"))) {
                  throw new IllegalArgumentException(
                      "templateId "
                          + wanted.templateId()
                          + " is stored for service "
                          + rs.getString("service")
                          + " ("
                          + rs.getString("kind")
                          + "), not "
                          + wanted.service()
                          + " ("
                          + wanted.kind().label()
                          + "): template ids must be unique across services");
                }
              }
            }
          }
          return null;
        });
  }

  /** Writes per-minute counts; a minute written again is replaced, not added to. */
  public void upsertCounts(List<TemplateCount> counts) {
    Checks.noNullElements(counts, "counts");
    List<TemplateCount> rows =
        Batches.lastByKey(counts, t -> t.templateId() + '\u0000' + t.minute());
    if (rows.isEmpty()) {
      return;
    }
    Jdbc.inTransaction(
        dataSource,
        "upserting template counts",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO template_counts_minute (template_id, minute, count)"
                      + " VALUES (?, ?, ?)"
                      + " ON CONFLICT (template_id, minute) DO UPDATE SET count = EXCLUDED.count")) {
            for (TemplateCount t : rows) {
              ps.setString(1, t.templateId());
              Jdbc.setInstant(ps, 2, t.minute());
              ps.setLong(3, t.count());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /** The template with this id. */
  public Optional<TemplateRow> find(String templateId) {
    Checks.notNull(templateId, "templateId");
    return Jdbc.read(
        dataSource,
        "reading template " + templateId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT " + COLUMNS + " FROM templates WHERE template_id = ?")) {
            ps.setString(1, templateId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(template(rs)) : Optional.empty();
            }
          }
        });
  }

  /** A service's templates, the most frequent first. */
  public List<TemplateRow> byService(String service) {
    Checks.notNull(service, "service");
    return Jdbc.read(
        dataSource,
        "listing templates of " + service,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM templates WHERE service = ?"
                      + " ORDER BY example_count DESC, template_id")) {
            ps.setString(1, service);
            List<TemplateRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(template(rs));
              }
            }
            return out;
          }
        });
  }

  /** A template's per-minute counts in {@code [from, to)}, oldest first. */
  public List<TemplateCount> counts(String templateId, Instant from, Instant to) {
    Checks.notNull(templateId, "templateId");
    Checks.range(from, to);
    return Jdbc.read(
        dataSource,
        "reading counts of template " + templateId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT template_id, minute, count FROM template_counts_minute"
                      + " WHERE template_id = ? AND minute >= ? AND minute < ? ORDER BY minute")) {
            ps.setString(1, templateId);
            Jdbc.setInstant(ps, 2, from);
            Jdbc.setInstant(ps, 3, to);
            List<TemplateCount> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new TemplateCount(
                        rs.getString("template_id"),
                        Jdbc.getInstant(rs, "minute"),
                        rs.getLong("count")));
              }
            }
            return out;
          }
        });
  }

  private static TemplateRow template(ResultSet rs) throws SQLException {
    return new TemplateRow(
        rs.getString("template_id"),
        rs.getString("service"),
        TemplateKind.fromLabel(rs.getString("kind")),
        rs.getString("template"),
        Jdbc.getInstant(rs, "first_seen"),
        Jdbc.getInstant(rs, "last_seen"),
        rs.getLong("example_count"));
  }
}
