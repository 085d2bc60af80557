package io.sloscout.embeddings;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.core.search.DurableVectorStoreContractTest;
import io.sloscout.core.search.VectorStore;
import io.sloscout.core.search.VectorStoreException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneVectorStoreTest extends DurableVectorStoreContractTest {

  @TempDir Path dir;

  @Override
  protected VectorStore open(int dimension) {
    return LuceneVectorStore.open(dir, dimension);
  }

  @Test
  void aFolderOpenInOneStoreCannotBeOpenedByAnother() {
    LuceneVectorStore first = LuceneVectorStore.open(dir, DIMENSION);
    try {
      assertThatThrownBy(() -> LuceneVectorStore.open(dir, DIMENSION))
          .isInstanceOf(VectorStoreException.class)
          .hasMessageContaining("open in another store");
    } finally {
      first.close();
    }
  }
}
