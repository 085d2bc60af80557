package io.sloscout.app.stack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * The layout of {@code slo-scout up}'s data directory, held by one stack at a time.
 *
 * <pre>
 * D/kafka     raw and event topics: the only place unredacted data lives
 * D/postgres  the database (journeys, templates, recommendations, SLOs, artifacts)
 * D/s3        the object store (the redacted raw archive)
 * D/vectors   Lucene vector indexes (pipeline/ from the embed job, search/ of the backend)
 * D/flink     Flink checkpoints
 * D/logs      one log file per component, redacted
 * D/tmp       scratch space of the child JVMs, emptied at each start
 * D/api-token the API token of this stack (created once, owner-only)
 * </pre>
 */
public final class DataDirectory implements AutoCloseable {

  /** Thrown when another stack holds the directory, or it cannot be used. */
  public static final class DataDirectoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DataDirectoryException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates the layout under {@code root} (keeping what is there) and locks it.
   *
   * @throws DataDirectoryException when another stack runs on it or it cannot be created
   */
  public static DataDirectory open(Path root) {
    Path dir = root.toAbsolutePath().normalize();
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel =
          FileChannel.open(
              dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new DataDirectoryException(
            "another slo-scout up is running on "
                + dir
                + "; stop it first or choose another --data-dir",
            null);
      }
      DataDirectory d = new DataDirectory(dir, channel, lock);
      for (Path p :
          new Path[] {d.kafka(), d.postgres(), d.s3(), d.vectors(), d.flink(), d.logs()}) {
        Files.createDirectories(p);
      }
      deleteRecursively(d.tmp());
      Files.createDirectories(d.tmp());
      return d;
    } catch (IOException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new DataDirectoryException(
          "cannot use " + dir + " as the data directory: " + e.getMessage(), e);
    }
  }

  public Path root() {
    return root;
  }

  public Path kafka() {
    return root.resolve("kafka");
  }

  public Path postgres() {
    return root.resolve("postgres");
  }

  public Path s3() {
    return root.resolve("s3");
  }

  public Path vectors() {
    return root.resolve("vectors");
  }

  public Path flink() {
    return root.resolve("flink");
  }

  public Path logs() {
    return root.resolve("logs");
  }

  public Path tmp() {
    return root.resolve("tmp");
  }

  /**
   * The stack's API token: read from {@code D/api-token}, or made up and written there (readable by
   * the owner only) on first use, so it stays the same across restarts.
   */
  public String apiToken() {
    Path file = root.resolve("api-token");
    try {
      if (Files.exists(file)) {
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!token.isEmpty()) {
          return token;
        }
      }
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      String token = "sst_" + HexFormat.of().formatHex(bytes);
      Files.deleteIfExists(file);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      return token;
    } catch (IOException e) {
      throw new DataDirectoryException("cannot read or write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Releases the lock; the data stays. */
  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      // the lock goes with the process anyway
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
