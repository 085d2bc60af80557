package io.sloscout.storage.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArchiveKeyTest {

  private static final Instant HOUR = Instant.parse("2026-03-07T09:00:00Z");

  @Test
  void theLayoutIsHiveStyleByServiceDateAndHour() {
    assertThat(new ArchiveKey("checkout", HOUR, "job-3-ckpt-17").objectName())
        .isEqualTo("events/service=checkout/date=2026-03-07/hour=09/job-3-ckpt-17.ndjson.gz");
  }

  @Test
  void serviceNamesCannotAddPathSegments() {
    ArchiveKey key = new ArchiveKey("../../a/b=c ü", HOUR, "p1");
    assertThat(key.objectName())
        .isEqualTo(
            "events/service=..%2F..%2Fa%2Fb%3Dc%20%C3%BC/date=2026-03-07/hour=09/p1.ndjson.gz");
    assertThat(ArchiveKey.parse(key.objectName())).contains(key);
  }

  @Test
  void parsingIgnoresOtherObjects() {
    assertThat(ArchiveKey.parse("events/readme.txt")).isEmpty();
    assertThat(ArchiveKey.parse("events/service=a/date=2026-13-01/hour=01/p.ndjson.gz")).isEmpty();
  }

  @Test
  void badInputNamesTheField() {
    assertThatThrownBy(() -> new ArchiveKey("s", HOUR.plusSeconds(60), "p"))
        .hasMessageContaining("hour must be a whole hour");
    assertThatThrownBy(() -> new ArchiveKey("s", HOUR, "a/b"))
        .hasMessageContaining("partId must be");
    assertThatThrownBy(() -> new ArchiveKey(null, HOUR, "p"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("service");
  }
}
