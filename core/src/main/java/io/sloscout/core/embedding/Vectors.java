package io.sloscout.core.embedding;

/** Small vector helpers shared by embedders and vector stores. */
public final class Vectors {

  private Vectors() {}

  /** The dot product of two vectors of the same length. */
  public static double dot(float[] a, float[] b) {
    requireSameLength(a, b);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  /** The Euclidean length of a vector. */
  public static double norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    return Math.sqrt(sum);
  }

  /** The cosine similarity of two non-zero vectors of the same length, in [-1, 1]. */
  public static double cosine(float[] a, float[] b) {
    return dot(a, b) / (requireNonZero(norm(a)) * requireNonZero(norm(b)));
  }

  /**
   * A unit-length copy of a vector.
   *
   * @throws IllegalArgumentException if the vector is zero or has a component that is not finite
   */
  public static float[] normalized(float[] v) {
    for (float x : v) {
      if (!Float.isFinite(x)) {
        throw new IllegalArgumentException("vector has a component that is not finite: " + x);
      }
    }
    double norm = requireNonZero(norm(v));
    float[] unit = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      unit[i] = (float) (v[i] / norm);
    }
    return unit;
  }

  private static double requireNonZero(double norm) {
    if (norm == 0) {
      throw new IllegalArgumentException("a zero vector has no direction");
    }
    return norm;
  }

  private static void requireSameLength(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vectors differ in length: " + a.length + " and " + b.length);
    }
  }
}
