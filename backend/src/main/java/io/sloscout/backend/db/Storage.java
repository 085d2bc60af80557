package io.sloscout.backend.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.Startup;
import io.sloscout.backend.config.BackendConfig;
import io.sloscout.storage.ArtifactRepository;
import io.sloscout.storage.JourneyRepository;
import io.sloscout.storage.RecommendationRepository;
import io.sloscout.storage.ReleaseDecisionRepository;
import io.sloscout.storage.ServiceRepository;
import io.sloscout.storage.SloRepository;
import io.sloscout.storage.TemplateRepository;
import io.sloscout.storage.migration.Migrations;
import io.sloscout.storage.migration.TimescaleSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The storage module's repositories over Quarkus' Agroal pool, after the shared migrations ran.
 *
 * <p>Migrations run through storage's own {@link Migrations} on the Agroal data source rather than
 * quarkus-flyway: the set includes a Java migration (TimescaleDB hypertables, when the extension is
 * there) that the jobs run the same way, so both sides take one code path and one configuration.
 */
@ApplicationScoped
public class Storage {

  private static final Logger LOG = Logger.getLogger(Storage.class);

  private final AgroalDataSource dataSource;

  public Storage(AgroalDataSource dataSource, BackendConfig config) {
    this.dataSource = dataSource;
    BackendConfig.Db db = config.db();
    if (db.migrate()) {
      TimescaleSettings settings =
          TimescaleSettings.fromPlaceholders(Map.of(TimescaleSettings.MODE, db.timescale()));
      int applied = Migrations.migrate(dataSource, db.schema(), settings);
      LOG.infof("database schema up to date (%d migrations applied)", applied);
    }
  }

  /** Runs the migrations when the application starts, not on the first request. */
  @Startup
  void start() {
    // the constructor did the work; this only makes the bean eager
  }

  public AgroalDataSource dataSource() {
    return dataSource;
  }

  @Produces
  @Singleton
  JourneyRepository journeys() {
    return new JourneyRepository(dataSource);
  }

  @Produces
  @Singleton
  ServiceRepository services() {
    return new ServiceRepository(dataSource);
  }

  @Produces
  @Singleton
  TemplateRepository templates() {
    return new TemplateRepository(dataSource);
  }

  @Produces
  @Singleton
  RecommendationRepository recommendations() {
    return new RecommendationRepository(dataSource);
  }

  @Produces
  @Singleton
  SloRepository slos() {
    return new SloRepository(dataSource);
  }

  @Produces
  @Singleton
  ArtifactRepository artifacts() {
    return new ArtifactRepository(dataSource);
  }

  @Produces
  @Singleton
  ReleaseDecisionRepository releaseDecisions() {
    return new ReleaseDecisionRepository(dataSource);
  }
}
