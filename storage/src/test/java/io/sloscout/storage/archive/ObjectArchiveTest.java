package io.sloscout.storage.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.sloscout.storage.StorageException;
import io.sloscout.storage.testing.SharedStorage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The archive through the MinIO SDK against a real S3 server (S3Proxy). */
class ObjectArchiveTest {

  private static final Instant T = Instant.parse("2026-03-07T23:15:00Z");
  private static final List<String> RECORDS =
      List.of(
          "{\"service\":\"checkout\",\"body\":\"user <EMAIL> paid\"}",
          "{\"service\":\"checkout\",\"body\":\"ünïcode ✓\"}");

  private static ObjectArchive archive;

  @BeforeAll
  static void open() {
    archive = ObjectArchive.open(SharedStorage.get().newBucket());
  }

  @AfterAll
  static void close() {
    archive.close();
  }

  @Test
  void openCreatesTheBucket() throws Exception {
    ArchiveConfig config = archive.config();
    MinioClient client =
        MinioClient.builder()
            .endpoint(config.endpoint().toString())
            .credentials(config.accessKey(), config.secretKey())
            .region(config.region())
            .build();
    try {
      assertThat(client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build()))
          .isTrue();
    } finally {
      client.close();
    }
    // a second open finds it there
    ObjectArchive.open(config).close();
  }

  @Test
  void aPartRoundTrips() {
    ArchiveKey key = archive.write("checkout", T, "part-0", RECORDS);

    assertThat(key.objectName())
        .isEqualTo("events/service=checkout/date=2026-03-07/hour=23/part-0.ndjson.gz");
    assertThat(archive.read(key)).isEqualTo(RECORDS);
    assertThat(archive.list("checkout")).contains(key);
  }

  @Test
  void writingAPartAgainReplacesIt() {
    ArchiveKey key = archive.write("replay", T, "ckpt-5", RECORDS);
    archive.write("replay", T, "ckpt-5", RECORDS.subList(0, 1));

    assertThat(archive.read(key)).containsExactly(RECORDS.get(0));
    assertThat(archive.list("replay")).containsExactly(key);
  }

  @Test
  void rangesSpanDaysAndAreHalfOpen() {
    Instant h22 = Instant.parse("2026-03-07T22:00:00Z");
    ArchiveKey a = archive.write("ranged", h22, "p", RECORDS);
    ArchiveKey b = archive.write("ranged", h22.plus(Duration.ofHours(1)), "p", RECORDS);
    ArchiveKey c = archive.write("ranged", h22.plus(Duration.ofHours(2)), "p", RECORDS);
    ArchiveKey d = archive.write("ranged", h22.plus(Duration.ofHours(3)), "p", RECORDS);
    archive.write("other-service", h22, "p", RECORDS);

    assertThat(archive.list("ranged")).containsExactly(a, b, c, d);
    assertThat(
            archive.list("ranged", h22.plus(Duration.ofMinutes(90)), h22.plus(Duration.ofHours(3))))
        .containsExactly(b, c);
  }

  @Test
  void hostileServiceNamesStayInTheirPrefix() {
    ArchiveKey key = archive.write("../checkout", T, "p", RECORDS);
    assertThat(archive.list("../checkout")).containsExactly(key);
    assertThat(archive.read(key)).isEqualTo(RECORDS);
  }

  @Test
  void badRecordsAreRefusedNamingThem() {
    assertThatThrownBy(() -> archive.write("s", T, "p", List.of("{}", "{\"a\":\n1}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("records[1]");
    assertThatThrownBy(() -> archive.write("s", T, "p", Arrays.asList("{}", null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("records[1]");
  }

  @Test
  void aMissingPartIsAClearError() {
    assertThatThrownBy(
            () -> archive.read(new ArchiveKey("nobody", T.truncatedTo(ChronoUnit.HOURS), "x")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("reading events/service=nobody")
        .hasMessageContaining("NoSuchKey");
  }

  @Test
  void wrongCredentialsAreAClearError() {
    ArchiveConfig wrong =
        ArchiveConfig.of(archive.config().endpoint(), "slo-scout", "not-the-secret", "anything");
    assertThatThrownBy(() -> ObjectArchive.open(wrong))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("creating bucket anything");
  }
}
