package io.sloscout.collectors.remoteread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PositionStoreTest {

  private static final URI URL = URI.create("http://prometheus:9090/api/v1/read");

  @TempDir Path dir;

  @Test
  void aTargetWithoutFileHasNoPosition() throws Exception {
    assertThat(new PositionStore(dir).load("prom")).isEmpty();
  }

  @Test
  void aSavedPositionIsReadBackAndReplacedWithoutLeavingTemporaryFiles() throws Exception {
    PositionStore store = new PositionStore(dir.resolve("state"));
    store.save("prom", URL, 1_700_000_000_000L);
    store.save("prom", URL, 1_700_000_060_000L);
    assertThat(new PositionStore(dir.resolve("state")).load("prom")).hasValue(1_700_000_060_000L);
    try (Stream<Path> files = Files.list(dir.resolve("state"))) {
      assertThat(files).containsExactly(store.file("prom"));
    }
    assertThat(Files.readString(store.file("prom")))
        .contains("\"target\" : \"prom\"")
        .contains("\"endMs\" : 1700000060000")
        .contains("2023-11-14T22:14:20Z");
  }

  @Test
  void anUnreadableFileIsAnErrorThatNamesTheFileAndTheWayOut() throws Exception {
    PositionStore store = new PositionStore(dir);
    Files.writeString(store.file("prom"), "{\"endMs\": ");
    assertThatThrownBy(() -> store.load("prom"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(store.file("prom").toString())
        .hasMessageContaining("not JSON")
        .hasMessageContaining("delete it");
    Files.writeString(store.file("prom"), "{\"endMs\": \"soon\"}");
    assertThatThrownBy(() -> store.load("prom")).hasMessageContaining("no integer endMs");
    Files.writeString(store.file("prom"), "{\"target\": \"other\", \"endMs\": 5}");
    assertThatThrownBy(() -> store.load("prom")).hasMessageContaining("belongs to target 'other'");
  }

  @Test
  void everyTargetNameGetsItsOwnSafeFileName() {
    assertThat(PositionStore.fileName("prom-eu.1")).isEqualTo("prom-eu.1.position.json");
    assertThat(PositionStore.fileName("a/b")).isEqualTo("a_2fb.position.json");
    assertThat(PositionStore.fileName("a_2fb")).isEqualTo("a_5f2fb.position.json");
    assertThat(PositionStore.fileName("..")).isEqualTo("_2e..position.json");
    assertThat(PositionStore.fileName("é")).isEqualTo("_c3_a9.position.json");
  }
}
