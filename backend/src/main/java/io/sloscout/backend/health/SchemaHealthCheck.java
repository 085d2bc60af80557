package io.sloscout.backend.health;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers and holds our schema (Agroal's own check only proves a
 * connection): the journeys table is readable.
 */
@Readiness
@ApplicationScoped
public class SchemaHealthCheck implements HealthCheck {

  private final AgroalDataSource dataSource;

  public SchemaHealthCheck(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public HealthCheckResponse call() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM journeys");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return HealthCheckResponse.named("database-schema")
          .up()
          .withData("journeys", rs.getLong(1))
          .build();
    } catch (SQLException e) {
      return HealthCheckResponse.named("database-schema")
          .down()
          .withData("reason", "the schema is not readable (SQL state " + e.getSQLState() + ")")
          .build();
    }
  }
}
