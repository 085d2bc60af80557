package io.sloscout.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Services and their operations. Upserts widen first and last seen, so they are idempotent and the
 * order of writes from parallel writers does not matter.
 */
public final class ServiceRepository {

  private final DataSource dataSource;

  public ServiceRepository(DataSource dataSource) {
    this.dataSource = Checks.notNull(dataSource, "dataSource");
  }

  /** Inserts services or widens their first and last seen. */
  public void upsertServices(List<ServiceRow> services) {
    Checks.noNullElements(services, "services");
    List<ServiceRow> rows =
        Batches.byKey(
            services,
            ServiceRow::name,
            (a, b) ->
                new ServiceRow(
                    a.name(),
                    Batches.min(a.firstSeen(), b.firstSeen()),
                    Batches.max(a.lastSeen(), b.lastSeen())));
    if (rows.isEmpty()) {
      return;
    }
    Jdbc.inTransaction(
        dataSource,
        "upserting services",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO services (name, first_seen, last_seen) VALUES (?, ?, ?)"
                      + " ON CONFLICT (name) DO UPDATE SET"
                      + " first_seen = LEAST(services.first_seen, EXCLUDED.first_seen),"
                      + " last_seen = GREATEST(services.last_seen, EXCLUDED.last_seen)")) {
            for (ServiceRow s : rows) {
              ps.setString(1, s.name());
              Jdbc.setInstant(ps, 2, s.firstSeen());
              Jdbc.setInstant(ps, 3, s.lastSeen());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /** Inserts operations or widens their first and last seen; the kind is the last one given. */
  public void upsertOperations(List<OperationRow> operations) {
    Checks.noNullElements(operations, "operations");
    List<OperationRow> rows =
        Batches.byKey(
            operations,
            o -> o.service() + '\u0000' + o.name(),
            (a, b) ->
                new OperationRow(
                    a.service(),
                    a.name(),
                    b.kind(),
                    Batches.min(a.firstSeen(), b.firstSeen()),
                    Batches.max(a.lastSeen(), b.lastSeen())));
    if (rows.isEmpty()) {
      return;
    }
    Jdbc.inTransaction(
        dataSource,
        "upserting operations",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO operations (service, name, kind, first_seen, last_seen)"
                      + " VALUES (?, ?, ?, ?, ?)"
                      + " ON CONFLICT (service, name) DO UPDATE SET kind = EXCLUDED.kind,"
                      + " first_seen = LEAST(operations.first_seen, EXCLUDED.first_seen),"
                      + " last_seen = GREATEST(operations.last_seen, EXCLUDED.last_seen)")) {
            for (OperationRow o : rows) {
              ps.setString(1, o.service());
              ps.setString(2, o.name());
              ps.setString(3, o.kind().label());
              Jdbc.setInstant(ps, 4, o.firstSeen());
              Jdbc.setInstant(ps, 5, o.lastSeen());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /** Every service, by name. */
  public List<ServiceRow> list() {
    return Jdbc.read(
        dataSource,
        "listing services",
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT name, first_seen, last_seen FROM services ORDER BY name");
              ResultSet rs = ps.executeQuery()) {
            List<ServiceRow> out = new ArrayList<>();
            while (rs.next()) {
              out.add(service(rs));
            }
            return out;
          }
        });
  }

  /** The service with this name. */
  public Optional<ServiceRow> find(String name) {
    Checks.notNull(name, "name");
    return Jdbc.read(
        dataSource,
        "reading service " + name,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT name, first_seen, last_seen FROM services WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(service(rs)) : Optional.empty();
            }
          }
        });
  }

  /** A service's operations, by name. */
  public List<OperationRow> operations(String service) {
    Checks.notNull(service, "service");
    return Jdbc.read(
        dataSource,
        "listing operations of " + service,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT service, name, kind, first_seen, last_seen FROM operations"
                      + " WHERE service = ? ORDER BY name")) {
            ps.setString(1, service);
            List<OperationRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new OperationRow(
                        rs.getString("service"),
                        rs.getString("name"),
                        OperationKind.fromLabel(rs.getString("kind")),
                        Jdbc.getInstant(rs, "first_seen"),
                        Jdbc.getInstant(rs, "last_seen")));
              }
            }
            return out;
          }
        });
  }

  private static ServiceRow service(ResultSet rs) throws SQLException {
    return new ServiceRow(
        rs.getString("name"), Jdbc.getInstant(rs, "first_seen"), Jdbc.getInstant(rs, "last_seen"));
  }
}
