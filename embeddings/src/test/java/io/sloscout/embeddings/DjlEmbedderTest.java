package io.sloscout.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sloscout.core.embedding.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real all-MiniLM-L6-v2 model, loaded once for the class. */
class DjlEmbedderTest {

  private static DjlEmbedder embedder;

  @BeforeAll
  static void loadModel() {
    // a batch of 4 makes the batching tests cross batch boundaries
    embedder = DjlEmbedder.open(DjlEmbedderConfig.defaults().withBatchSize(4));
  }

  @AfterAll
  static void closeModel() {
    embedder.close();
  }

  @Test
  void vectorsHave384DimensionsAndUnitLength() {
    List<float[]> vectors =
        embedder.embed(List.of("payment declined for card", "", "GET /api/orders <*> took <*> ms"));

    assertThat(embedder.dimension()).isEqualTo(384);
    assertThat(vectors).hasSize(3);
    for (float[] v : vectors) {
      assertThat(v).hasSize(384);
      assertThat(Vectors.norm(v)).isCloseTo(1.0, within(1e-4));
    }
  }

  @Test
  void similarMeaningsScoreHighAndUnrelatedOnesLow() {
    float[] declined = embedder.embed("payment declined for card");
    float[] paraphrase = embedder.embed("card payment was declined");
    float[] disk = embedder.embed("disk usage at 93 percent");

    double similar = Vectors.dot(declined, paraphrase);
    double unrelated = Vectors.dot(declined, disk);

    assertThat(similar).isGreaterThan(0.8);
    assertThat(unrelated).isLessThan(0.4);
  }

  @Test
  void batchingGivesTheSameVectorsAsOneByOne() {
    List<String> texts =
        List.of(
            "connection refused to <*>:<*>",
            "user <*> logged in",
            "a much longer message about a database transaction that was rolled back after a "
                + "deadlock was detected on table orders",
            "OOM",
            "checkout completed in <*> ms",
            "",
            "retrying request <*> after timeout",
            "cache miss for key <*>",
            "TLS handshake failed");

    List<float[]> together = embedder.embed(texts);
    List<float[]> alone = new ArrayList<>();
    for (String text : texts) {
      alone.add(embedder.embed(text));
    }

    for (int i = 0; i < texts.size(); i++) {
      assertThat(together.get(i))
          .as("vector of %s", texts.get(i))
          .containsExactly(alone.get(i), within(1e-4f));
    }
  }

  @Test
  void equalTextsGetEqualVectorsWhereverTheyAreInTheBatch() {
    List<float[]> vectors =
        embedder.embed(List.of("disk full", "a b c d e f g h i j k l", "x", "disk full"));

    assertThat(vectors.get(0)).containsExactly(vectors.get(3), within(1e-5f));
    assertThat(Arrays.equals(vectors.get(0), vectors.get(1))).isFalse();
  }

  @Test
  void textsLongerThanTheTokenLimitAreCutNotRejected() {
    String longText = "error ".repeat(2_000);

    assertThat(Vectors.norm(embedder.embed(longText))).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void concurrentCallersGetTheSameVectorsAsOneCaller() throws Exception {
    List<String> texts = List.of("disk full on <*>", "payment declined", "user logged out");
    List<float[]> expected = embedder.embed(texts);

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<float[]>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> embedder.embed(texts)));
      }
      for (Future<List<float[]>> result : results) {
        List<float[]> vectors = result.get(1, TimeUnit.MINUTES);
        for (int i = 0; i < texts.size(); i++) {
          assertThat(vectors.get(i)).containsExactly(expected.get(i), within(1e-5f));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void emptyInputGivesNoVectors() {
    assertThat(embedder.embed(List.of())).isEmpty();
  }

  @Test
  void nullTextsAreRejected() {
    List<String> texts = new ArrayList<>();
    texts.add("fine");
    texts.add(null);

    assertThatThrownBy(() -> embedder.embed(texts)).isInstanceOf(NullPointerException.class);
  }
}
