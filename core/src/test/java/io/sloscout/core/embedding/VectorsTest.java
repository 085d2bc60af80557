package io.sloscout.core.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VectorsTest {

  @Test
  void normalizedGivesAUnitCopyAndLeavesTheInputAlone() {
    float[] v = {3, 4};
    float[] unit = Vectors.normalized(v);

    assertThat(unit).containsExactly(new float[] {0.6f, 0.8f}, within(1e-6f));
    assertThat(v).containsExactly(3, 4);
    assertThat(Vectors.norm(unit)).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void cosineIgnoresLength() {
    assertThat(Vectors.cosine(new float[] {1, 1}, new float[] {5, 5})).isCloseTo(1, within(1e-9));
    assertThat(Vectors.cosine(new float[] {1, 0}, new float[] {0, 2})).isCloseTo(0, within(1e-9));
    assertThat(Vectors.dot(new float[] {1, 2}, new float[] {3, 4})).isEqualTo(11);
  }

  @Test
  void zeroNonFiniteAndMismatchedVectorsAreRejected() {
    assertThatThrownBy(() -> Vectors.normalized(new float[3]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Vectors.normalized(new float[] {1, Float.NaN}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Vectors.dot(new float[2], new float[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
