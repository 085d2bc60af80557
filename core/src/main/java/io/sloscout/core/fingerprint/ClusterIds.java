package io.sloscout.core.fingerprint;

/** Cluster ids: 16 hex digits of a 64-bit hash of a cluster's first masked tokens. */
final class ClusterIds {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private ClusterIds() {}

  /** The id of a cluster created from {@code tokens}. */
  static String of(String[] tokens) {
    return of(tokens, 0);
  }

  /** The id of a cluster created from {@code tokens}, salted after a collision. */
  static String of(String[] tokens, int salt) {
    long h = FNV_OFFSET;
    h = mixInt(h, tokens.length);
    h = mixInt(h, salt);
    for (String t : tokens) {
      for (int i = 0; i < t.length(); i++) {
        h = (h ^ t.charAt(i)) * FNV_PRIME;
      }
      h = (h ^ 0x1f) * FNV_PRIME; // unit separator: "a b" and "ab" differ
    }
    return hex(finish(h));
  }

  private static long mixInt(long h, int v) {
    for (int s = 0; s < 32; s += 8) {
      h = (h ^ ((v >>> s) & 0xff)) * FNV_PRIME;
    }
    return h;
  }

  /** The murmur3 finaliser: spreads FNV's weak high bits over the whole word. */
  private static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  private static String hex(long v) {
    String s = Long.toHexString(v);
    return "0".repeat(16 - s.length()) + s;
  }
}
