package io.sloscout.storage.archive;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import io.sloscout.storage.StorageException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * The archive of redacted events in an S3-compatible store, reached with the MinIO SDK: one
 * gzip-compressed NDJSON object per service, hour and writer part (see {@link ArchiveKey}).
 *
 * <p>gzip rather than zstd: the JDK writes and reads it with no native library, every tool reads
 * it, and archive parts are written once an hour per writer, where zstd's speed buys little.
 *
 * <p>Only redacted records belong here: the caller (the redact-fingerprint job) redacts first.
 */
public final class ObjectArchive implements AutoCloseable {

  private static final String CONTENT_TYPE = "application/gzip";

  /**
   * One HTTP client for every archive of the JVM: the MinIO SDK otherwise builds a client with its
   * own TLS set-up per archive, which costs half a second each time.
   */
  private static final OkHttpClient HTTP =
      new OkHttpClient.Builder()
          .protocols(List.of(Protocol.HTTP_1_1))
          .connectTimeout(Duration.ofSeconds(10))
          .readTimeout(Duration.ofMinutes(2))
          .writeTimeout(Duration.ofMinutes(2))
          .build();

  private final ArchiveConfig config;
  private final MinioClient client;

  private ObjectArchive(ArchiveConfig config, MinioClient client) {
    this.config = config;
    this.client = client;
  }

  /**
   * Connects and creates the bucket when it is missing.
   *
   * @throws StorageException when the store cannot be reached or the bucket cannot be created
   */
  public static ObjectArchive open(ArchiveConfig config) {
    Objects.requireNonNull(config, "config must not be null");
    MinioClient client =
        MinioClient.builder()
            .endpoint(config.endpoint().toString())
            .credentials(config.accessKey(), config.secretKey())
            .region(config.region())
            .httpClient(HTTP)
            .build();
    ObjectArchive archive = new ObjectArchive(config, client);
    try {
      archive.ensureBucket();
      return archive;
    } catch (RuntimeException e) {
      archive.close();
      throw e;
    }
  }

  private void ensureBucket() {
    String bucket = config.bucket();
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      }
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      // another writer created it between our two calls
      if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
        throw failure("creating bucket " + bucket, e);
      }
    } catch (Exception e) {
      throw failure("creating bucket " + bucket, e);
    }
  }

  /** What this archive was opened with. */
  public ArchiveConfig config() {
    return config;
  }

  /**
   * Writes one part: {@code records}, one JSON object per line, gzip-compressed. Writing the same
   * key again replaces the part.
   *
   * @param records redacted JSON records, each on one line (no line breaks inside)
   * @return the part's key
   */
  public ArchiveKey write(ArchiveKey key, List<String> records) {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(records, "records must not be null");
    byte[] body = gzip(records);
    try {
      client.putObject(
          PutObjectArgs.builder().bucket(config.bucket()).object(key.objectName()).stream(
                  new ByteArrayInputStream(body), body.length, -1)
              .contentType(CONTENT_TYPE)
              .userMetadata(Map.of("records", Integer.toString(records.size())))
              .build());
      return key;
    } catch (Exception e) {
      throw failure("writing " + key.objectName(), e);
    }
  }

  /** Writes one part of {@code service}'s events in the hour containing {@code time}. */
  public ArchiveKey write(String service, Instant time, String partId, List<String> records) {
    Objects.requireNonNull(time, "time must not be null");
    return write(new ArchiveKey(service, time.truncatedTo(ChronoUnit.HOURS), partId), records);
  }

  /** Every part of a service, oldest hour first. */
  public List<ArchiveKey> list(String service) {
    Objects.requireNonNull(service, "service must not be null");
    return sorted(listPrefix(ArchiveKey.servicePrefix(service)));
  }

  /** A service's parts of the hours overlapping {@code [from, to)}, oldest hour first. */
  public List<ArchiveKey> list(String service, Instant from, Instant to) {
    Objects.requireNonNull(service, "service must not be null");
    Objects.requireNonNull(from, "from must not be null");
    Objects.requireNonNull(to, "to must not be null");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from must not be after to: " + from + " > " + to);
    }
    Instant firstHour = from.truncatedTo(ChronoUnit.HOURS);
    List<ArchiveKey> out = new ArrayList<>();
    LocalDate last = to.atZone(ZoneOffset.UTC).toLocalDate();
    // one listing per day: a range never lists the whole history of a service
    for (LocalDate day = firstHour.atZone(ZoneOffset.UTC).toLocalDate();
        !day.isAfter(last);
        day = day.plusDays(1)) {
      for (ArchiveKey k :
          listPrefix(ArchiveKey.servicePrefix(service) + ArchiveKey.datePath(day))) {
        if (!k.hour().isBefore(firstHour) && k.hour().isBefore(to)) {
          out.add(k);
        }
      }
    }
    return sorted(out);
  }

  /**
   * The records of one part, in the order written.
   *
   * @throws StorageException when the part does not exist or cannot be read
   */
  public List<String> read(ArchiveKey key) {
    Objects.requireNonNull(key, "key must not be null");
    try (InputStream in =
            client.getObject(
                GetObjectArgs.builder().bucket(config.bucket()).object(key.objectName()).build());
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
      List<String> out = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        out.add(line);
      }
      return out;
    } catch (Exception e) {
      throw failure("reading " + key.objectName(), e);
    }
  }

  private List<ArchiveKey> listPrefix(String prefix) {
    List<ArchiveKey> out = new ArrayList<>();
    try {
      for (Result<Item> r :
          client.listObjects(
              ListObjectsArgs.builder()
                  .bucket(config.bucket())
                  .prefix(prefix)
                  .recursive(true)
                  .build())) {
        Optional<ArchiveKey> key = ArchiveKey.parse(r.get().objectName());
        key.ifPresent(out::add);
      }
      return out;
    } catch (Exception e) {
      throw failure("listing " + prefix, e);
    }
  }

  private static List<ArchiveKey> sorted(List<ArchiveKey> keys) {
    keys.sort(Comparator.comparing(ArchiveKey::hour).thenComparing(ArchiveKey::partId));
    return keys;
  }

  static byte[] gzip(List<String> records) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer out = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
      for (int i = 0; i < records.size(); i++) {
        String record = records.get(i);
        if (record == null) {
          throw new NullPointerException("records[" + i + "] must not be null");
        }
        if (record.isBlank() || record.indexOf('\n') >= 0 || record.indexOf('\r') >= 0) {
          throw new IllegalArgumentException(
              "records[" + i + "] must be one JSON object on one line (no line breaks)");
        }
        out.write(record);
        out.write('\n');
      }
    } catch (IOException e) {
      throw new StorageException("compressing an archive part failed", e);
    }
    return bytes.toByteArray();
  }

  private StorageException failure(String what, Exception e) {
    if (e instanceof ErrorResponseException r) {
      return new StorageException(
          what + " in " + config.endpoint() + " failed: " + r.errorResponse().code(), e);
    }
    return new StorageException(what + " in " + config.endpoint() + " failed: " + e, e);
  }

  /** Releases this archive; the shared HTTP client stays for the others. */
  @Override
  public void close() {
    try {
      client.close();
    } catch (Exception e) {
      throw new StorageException("closing the archive client failed", e);
    }
  }
}
