package io.sloscout.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.core.embedding.Embedder;
import io.sloscout.core.embedding.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TemplateSearchTest {

  /** Hashes words into buckets: texts sharing words get close vectors. A fake, not a model. */
  private static final class BagOfWordsEmbedder implements Embedder {
    final List<String> seen = new ArrayList<>();

    @Override
    public int dimension() {
      return 64;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      List<float[]> vectors = new ArrayList<>();
      for (String text : texts) {
        seen.add(text);
        float[] v = new float[dimension()];
        v[0] = 0.01f; // keeps the vector of a text without words non-zero
        for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
          if (!word.isEmpty()) {
            v[Math.floorMod(word.hashCode(), dimension() - 1) + 1] += 1;
          }
        }
        vectors.add(Vectors.normalized(v));
      }
      return vectors;
    }

    @Override
    public void close() {}
  }

  @Test
  void indexedTemplatesAreFoundByTheirWords() {
    BagOfWordsEmbedder embedder = new BagOfWordsEmbedder();
    TemplateSearch search = new TemplateSearch(embedder, new InMemoryVectorStore(64));
    search.index(
        List.of(
            new TemplateDocument("pay", "Payment <*> declined by issuer", "payments"),
            new TemplateDocument("disk", "Disk usage at <*> percent", "node-agent"),
            new TemplateDocument("login", "User <*> logged in", "auth")));

    List<TemplateHit> hits = search.search("  payment declined ", 2);

    assertThat(hits).extracting(TemplateHit::templateId).first().isEqualTo("pay");
    assertThat(hits.get(0).template()).isEqualTo("Payment <*> declined by issuer");
    assertThat(hits.get(0).service()).isEqualTo("payments");
    assertThat(hits).hasSize(2);
    // variables are not embedded; the query is trimmed
    assertThat(embedder.seen).contains("Payment declined by issuer", "payment declined");
  }

  @Test
  void theEmbeddedTextDropsVariablesButNeverBecomesEmpty() {
    assertThat(TemplateSearch.embeddingText("GET /api/<*>/items <*> ms"))
        .isEqualTo("GET /api/ /items ms");
    assertThat(TemplateSearch.embeddingText("<*> <*>")).isEqualTo("<*> <*>");
    assertThat(TemplateSearch.embeddingText("user <EMAIL> logged in"))
        .isEqualTo("user <EMAIL> logged in");
  }

  @Test
  void indexingNothingEmbedsNothing() {
    BagOfWordsEmbedder embedder = new BagOfWordsEmbedder();
    InMemoryVectorStore store = new InMemoryVectorStore(64);
    new TemplateSearch(embedder, store).index(List.of());

    assertThat(embedder.seen).isEmpty();
    assertThat(store.count()).isZero();
  }

  @Test
  void anEmbedderAndStoreOfDifferentDimensionsAreRefused() {
    assertThatThrownBy(
            () -> new TemplateSearch(new BagOfWordsEmbedder(), new InMemoryVectorStore(8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64")
        .hasMessageContaining("8");
  }

  @Test
  void blankQueriesAndNonPositiveKAreRefused() {
    TemplateSearch search =
        new TemplateSearch(new BagOfWordsEmbedder(), new InMemoryVectorStore(64));

    assertThatThrownBy(() -> search.search(" ", 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> search.search("disk", 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
