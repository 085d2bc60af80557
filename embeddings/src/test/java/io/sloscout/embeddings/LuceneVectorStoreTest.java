package io.sloscout.embeddings;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.core.search.VectorStore;
import io.sloscout.core.search.VectorStoreContractTest;
import io.sloscout.core.search.VectorStoreException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneVectorStoreTest extends VectorStoreContractTest {

  @TempDir Path dir;

  @Override
  protected VectorStore open(int dimension) {
    return LuceneVectorStore.open(dir, dimension);
  }

  @Test
  void aFolderOpenInOneStoreCannotBeOpenedByAnother() {
    try (LuceneVectorStore first = LuceneVectorStore.open(dir, DIMENSION)) {
      assertThatThrownBy(() -> LuceneVectorStore.open(dir, DIMENSION))
          .isInstanceOf(VectorStoreException.class)
          .hasMessageContaining("open in another store");
    }
  }
}
