package io.sloscout.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sloscout.core.embedding.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link VectorStore} adapter must show; each adapter's test is a subclass that
 * says how to open it.
 */
public abstract class VectorStoreContractTest {

  protected static final int DIMENSION = 8;

  private final List<VectorStore> opened = new ArrayList<>();

  /** Opens the adapter on this test's own location; a second call opens the same location again. */
  protected abstract VectorStore open(int dimension);

  private VectorStore store() {
    return track(open(DIMENSION));
  }

  protected VectorStore track(VectorStore store) {
    opened.add(store);
    return store;
  }

  @AfterEach
  void closeStores() {
    for (VectorStore store : opened) {
      store.close();
    }
  }

  @Test
  void anEmptyStoreHoldsNothingAndFindsNothing() {
    VectorStore store = store();

    assertThat(store.dimension()).isEqualTo(DIMENSION);
    assertThat(store.count()).isZero();
    assertThat(store.search(axis(0), 5)).isEmpty();
  }

  @Test
  void searchReturnsTheNearestEntriesBestFirst() {
    VectorStore store = store();
    store.upsert(
        List.of(
            entry("far", mix(0, 1, 0.1)),
            entry("nearest", mix(1, 0, 0.05)),
            entry("near", mix(1, 0, 0.6)),
            entry("opposite", scaled(axis(1), -1))));

    List<TemplateHit> hits = store.search(axis(1), 3);

    assertThat(hits).extracting(TemplateHit::templateId).containsExactly("nearest", "near", "far");
    assertThat(hits).extracting(TemplateHit::score).isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  void hitsCarryTheTemplateServiceAndCosineScore() {
    VectorStore store = store();
    float[] stored = mix(2, 3, 0.5);
    store.upsert(new TemplateVector("t-1", "payment <*> declined · ünïcode", "checkout", stored));

    TemplateHit hit = store.search(axis(2), 1).get(0);

    assertThat(hit.templateId()).isEqualTo("t-1");
    assertThat(hit.template()).isEqualTo("payment <*> declined · ünïcode");
    assertThat(hit.service()).isEqualTo("checkout");
    assertThat(hit.score()).isCloseTo(Vectors.cosine(stored, axis(2)), within(1e-4));
  }

  @Test
  void vectorsNeedNotBeUnitLength() {
    VectorStore store = store();
    store.upsert(entry("long", scaled(axis(4), 25)));

    assertThat(store.search(scaled(axis(4), 0.01f), 1).get(0).score()).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void upsertReplacesTheEntryWithTheSameId() {
    VectorStore store = store();
    store.upsert(new TemplateVector("t-1", "old text", "a", axis(0)));
    store.upsert(new TemplateVector("t-1", "new text", "b", axis(5)));

    assertThat(store.count()).isEqualTo(1);
    assertThat(store.search(axis(5), 5))
        .singleElement()
        .satisfies(
            hit -> {
              assertThat(hit.template()).isEqualTo("new text");
              assertThat(hit.service()).isEqualTo("b");
              assertThat(hit.score()).isCloseTo(1.0, within(1e-4));
            });
  }

  @Test
  void theLastEntryForAnIdInOneCallWins() {
    VectorStore store = store();
    store.upsert(
        List.of(
            new TemplateVector("t-1", "first", "", axis(0)),
            new TemplateVector("t-2", "other", "", axis(1)),
            new TemplateVector("t-1", "second", "", axis(3))));

    assertThat(store.count()).isEqualTo(2);
    assertThat(store.search(axis(3), 1).get(0).template()).isEqualTo("second");
  }

  @Test
  void deleteRemovesTheEntriesAndIgnoresUnknownIds() {
    VectorStore store = store();
    store.upsert(List.of(entry("a", axis(0)), entry("b", axis(1)), entry("c", axis(2))));

    store.delete(List.of("a", "c", "never-stored"));
    store.delete(List.of());

    assertThat(store.count()).isEqualTo(1);
    assertThat(store.search(axis(0), 10)).extracting(TemplateHit::templateId).containsExactly("b");
  }

  @Test
  void aDeletedIdCanBeStoredAgain() {
    VectorStore store = store();
    store.upsert(entry("a", axis(0)));
    store.delete(List.of("a"));
    store.upsert(entry("a", axis(1)));

    assertThat(store.count()).isEqualTo(1);
    assertThat(store.search(axis(1), 1).get(0).score()).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void kLargerThanTheStoreReturnsEveryEntry() {
    VectorStore store = store();
    store.upsert(List.of(entry("a", axis(0)), entry("b", axis(1)), entry("c", axis(2))));

    assertThat(store.search(axis(1), 50))
        .extracting(TemplateHit::templateId)
        .containsExactlyInAnyOrder("a", "b", "c")
        .first()
        .isEqualTo("b");
  }

  @Test
  void searchAmongManyEntriesFindsTheExactMatchFirstAndCutsToK() {
    VectorStore store = store();
    Random random = new Random(42);
    List<TemplateVector> entries = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      float[] v = new float[DIMENSION];
      for (int d = 0; d < DIMENSION; d++) {
        v[d] = (float) random.nextGaussian();
      }
      entries.add(entry("t-" + i, v));
    }
    store.upsert(entries);

    TemplateVector target = entries.get(123);
    List<TemplateHit> hits = store.search(target.vector(), 7);

    assertThat(store.count()).isEqualTo(300);
    assertThat(hits).hasSize(7);
    assertThat(hits.get(0).templateId()).isEqualTo("t-123");
    assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-4));
    assertThat(hits).extracting(TemplateHit::score).isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  void vectorsOfAnotherDimensionAreRejected() {
    VectorStore store = store();
    store.upsert(entry("a", axis(0)));

    assertThatThrownBy(() -> store.upsert(entry("b", new float[DIMENSION + 1])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension");
    assertThatThrownBy(() -> store.search(new float[DIMENSION - 1], 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension");
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void zeroVectorsAndNonPositiveKAreRejected() {
    VectorStore store = store();

    assertThatThrownBy(() -> store.upsert(entry("zero", new float[DIMENSION])))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.search(axis(0), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.count()).isZero();
  }

  /** An entry whose template text names its id, so failures read well. */
  protected static TemplateVector entry(String id, float[] vector) {
    return new TemplateVector(id, "template of " + id, "service-" + id, vector);
  }

  /** The unit vector along one axis. */
  protected static float[] axis(int index) {
    float[] v = new float[DIMENSION];
    v[index] = 1;
    return v;
  }

  /** A vector mostly along {@code main}, tilted towards {@code other} by {@code tilt}. */
  private static float[] mix(int main, int other, double tilt) {
    float[] v = axis(main);
    v[other] = (float) tilt;
    return v;
  }

  private static float[] scaled(float[] v, float factor) {
    float[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= factor;
    }
    return out;
  }
}
