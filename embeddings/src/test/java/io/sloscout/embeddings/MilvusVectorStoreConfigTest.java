package io.sloscout.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.core.search.VectorStoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The parts of the Milvus adapter that need no server; the contract runs in MilvusVectorStoreIT.
 */
class MilvusVectorStoreConfigTest {

  @Test
  void theTokenNeverShowsInTheConfigText() {
    MilvusVectorStoreConfig config =
        MilvusVectorStoreConfig.of("http://milvus:19530", "templates").withToken("root:s3cret");

    assertThat(config.toString()).doesNotContain("s3cret").contains("***", "templates");
  }

  @Test
  void collectionNamesMilvusWouldRefuseAreRejectedEarly() {
    assertThatThrownBy(() -> MilvusVectorStoreConfig.of("http://milvus:19530", "log-templates"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MilvusVectorStoreConfig.of("http://milvus:19530", "1st"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MilvusVectorStoreConfig("http://m:19530", "", "t", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void longTemplatesAreCutToWholeCharactersWithinTheByteLimit() {
    String text = "ab€😀".repeat(10); // 1 + 1 + 3 + 4 bytes a repetition

    String cut = MilvusVectorStore.fitUtf8(text, 21);

    assertThat(cut).isEqualTo("ab€😀ab€😀ab");
    assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(21);
    assertThat(MilvusVectorStore.fitUtf8("short", 20)).isEqualTo("short");
  }

  @Test
  void anUnreachableServerFailsWithAStoreError() {
    // port 1 on loopback refuses at once: no server, no hang
    MilvusVectorStoreConfig config =
        new MilvusVectorStoreConfig("http://127.0.0.1:1", "", "templates", Duration.ofSeconds(2));

    assertThatThrownBy(() -> MilvusVectorStore.open(config, 8))
        .isInstanceOf(VectorStoreException.class)
        .hasMessageContaining("127.0.0.1:1");
  }
}
