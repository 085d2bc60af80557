package io.sloscout.storage.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the event archive lives: an S3-compatible endpoint (MinIO, S3, S3Proxy) and a bucket.
 *
 * @param endpoint e.g. {@code http://127.0.0.1:9000}
 * @param accessKey the access key
 * @param secretKey the secret key
 * @param bucket the bucket (created when missing)
 * @param region the region the requests are signed for
 */
public record ArchiveConfig(
    URI endpoint, String accessKey, String secretKey, String bucket, String region) {

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public ArchiveConfig {
    Objects.requireNonNull(endpoint, "endpoint must not be null");
    if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
      throw new IllegalArgumentException("endpoint must be an http(s) URL, got " + endpoint);
    }
    requireText(accessKey, "accessKey");
    requireText(secretKey, "secretKey");
    Objects.requireNonNull(bucket, "bucket must not be null");
    if (!BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException(
          "bucket must be an S3 bucket name (3-63 of a-z, 0-9, '.', '-'), got '" + bucket + "'");
    }
    requireText(region, "region");
  }

  /** Region {@code us-east-1}, which MinIO and S3Proxy accept. */
  public static ArchiveConfig of(URI endpoint, String accessKey, String secretKey, String bucket) {
    return new ArchiveConfig(endpoint, accessKey, secretKey, bucket, "us-east-1");
  }

  /**
   * From environment variables: {@code SLO_SCOUT_S3_ENDPOINT}, {@code SLO_SCOUT_S3_ACCESS_KEY}, the
   * secret from {@code SLO_SCOUT_S3_SECRET_KEY} or from the file named by {@code
   * SLO_SCOUT_S3_SECRET_KEY_FILE}, {@code SLO_SCOUT_S3_BUCKET} (default {@code slo-scout}) and
   * {@code SLO_SCOUT_S3_REGION} (default {@code us-east-1}).
   */
  public static ArchiveConfig fromEnvironment(Map<String, String> env) {
    String endpoint = env.get("SLO_SCOUT_S3_ENDPOINT");
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalArgumentException("SLO_SCOUT_S3_ENDPOINT must be set");
    }
    String secret = env.get("SLO_SCOUT_S3_SECRET_KEY");
    String secretFile = env.get("SLO_SCOUT_S3_SECRET_KEY_FILE");
    if (secretFile != null && !secretFile.isBlank()) {
      try {
        secret = Files.readString(Path.of(secretFile), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "SLO_SCOUT_S3_SECRET_KEY_FILE " + secretFile + " cannot be read", e);
      }
    }
    return new ArchiveConfig(
        URI.create(endpoint.trim()),
        env.get("SLO_SCOUT_S3_ACCESS_KEY"),
        secret,
        env.getOrDefault("SLO_SCOUT_S3_BUCKET", "slo-scout"),
        env.getOrDefault("SLO_SCOUT_S3_REGION", "us-east-1"));
  }

  /** The same store, another bucket. */
  public ArchiveConfig withBucket(String bucket) {
    return new ArchiveConfig(endpoint, accessKey, secretKey, bucket, region);
  }

  private static void requireText(String value, String field) {
    Objects.requireNonNull(value, field + " must not be null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }

  /** Never prints the secret key. */
  @Override
  public String toString() {
    return "ArchiveConfig[endpoint="
        + endpoint
        + ", accessKey="
        + accessKey
        + ", secretKey=***, bucket="
        + bucket
        + ", region="
        + region
        + "]";
  }
}
