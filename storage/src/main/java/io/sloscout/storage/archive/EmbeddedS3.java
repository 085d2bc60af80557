package io.sloscout.storage.archive;

import io.sloscout.storage.StorageException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * A real S3-compatible server in this JVM (S3Proxy), on a free port of 127.0.0.1: the object store
 * of the all-in-one mode and of the tests, reached with the same MinIO SDK code as MinIO or S3.
 * Objects live in files under a directory (kept across restarts) or in memory.
 *
 * <p>S3Proxy and its shaded Jetty log through SLF4J under {@code org.gaul.s3proxy} and {@code
 * org.gaul.shaded.org.eclipse.jetty}; the application's binding decides how much of it shows (this
 * module brings no binding, and excludes the Logback one S3Proxy would bring, which logs everything
 * at DEBUG).
 *
 * <p>Needs {@code org.gaul:s3proxy}, an optional dependency of this module: whoever starts one
 * declares it (version and exclusions as in this module's POM).
 */
public final class EmbeddedS3 implements AutoCloseable {

  private static final String ACCESS_KEY = "slo-scout";
  private static final long START_TIMEOUT_MILLIS = 10_000;

  private final S3Proxy proxy;
  private final URI endpoint;
  private final String accessKey;
  private final String secretKey;
  private final Path directory;

  private EmbeddedS3(
      S3Proxy proxy, URI endpoint, String accessKey, String secretKey, Path directory) {
    this.proxy = proxy;
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.directory = directory;
  }

  /** Starts a server keeping its objects in files under {@code directory} (kept on close). */
  public static EmbeddedS3 start(Path directory) {
    Objects.requireNonNull(directory, "directory must not be null");
    Path dir = directory.toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StorageException("creating the object store directory " + dir + " failed", e);
    }
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", dir.toString());
    return start(BlobStores.create("filesystem", properties), dir);
  }

  /** Starts a server keeping its objects in memory. */
  public static EmbeddedS3 startTransient() {
    return start(BlobStores.create("transient", new Properties()), null);
  }

  private static EmbeddedS3 start(BlobStore blobStore, Path directory) {
    // a fresh secret per start: nothing outside this process needs to know it in advance
    byte[] secret = new byte[20];
    new SecureRandom().nextBytes(secret);
    String secretKey = HexFormat.of().formatHex(secret);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(blobStore)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, secretKey)
            .jettyMaxThreads(16)
            .build();
    try {
      proxy.start();
      long deadline = System.nanoTime() + START_TIMEOUT_MILLIS * 1_000_000;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("S3Proxy did not start: state " + proxy.getState());
        }
        Thread.sleep(10);
      }
    } catch (Exception e) {
      stopQuietly(proxy);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new StorageException("starting S3Proxy failed: " + e, e);
    }
    URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    return new EmbeddedS3(proxy, endpoint, ACCESS_KEY, secretKey, directory);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** The directory holding the objects, or null when they are in memory. */
  public Path directory() {
    return directory;
  }

  /** An archive configuration for {@code bucket} on this server. */
  public ArchiveConfig archiveConfig(String bucket) {
    return ArchiveConfig.of(endpoint, accessKey, secretKey, bucket);
  }

  /** Stops the server; its Jetty threads would otherwise keep the JVM alive. */
  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new StorageException("stopping S3Proxy failed", e);
    }
  }

  private static void stopQuietly(S3Proxy proxy) {
    try {
      proxy.stop();
    } catch (Exception ignored) {
      // already failing to start: the start failure is the one to report
    }
  }

  @Override
  public String toString() {
    return "EmbeddedS3["
        + endpoint
        + (directory == null ? ", in memory" : ", objects in " + directory)
        + "]";
  }
}
