package io.sloscout.embeddings;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a {@link MilvusVectorStore} keeps its vectors.
 *
 * @param uri the Milvus endpoint, e.g. {@code http://milvus:19530}
 * @param token {@code user:password} or an API key; empty when Milvus runs without authentication
 * @param collection the collection name, created on first use
 * @param timeout limit for connecting and for each call
 */
public record MilvusVectorStoreConfig(
    String uri, String token, String collection, Duration timeout) {

  private static final Pattern COLLECTION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");

  public MilvusVectorStoreConfig {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(timeout, "timeout");
    if (!COLLECTION_NAME.matcher(collection).matches()) {
      throw new IllegalArgumentException(
          "Milvus collection names are letters, digits and underscores, not starting with a"
              + " digit: "
              + collection);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  /** No authentication, 30 s timeout. */
  public static MilvusVectorStoreConfig of(String uri, String collection) {
    return new MilvusVectorStoreConfig(uri, "", collection, Duration.ofSeconds(30));
  }

  /** The same with this token. */
  public MilvusVectorStoreConfig withToken(String value) {
    return new MilvusVectorStoreConfig(uri, value, collection, timeout);
  }

  /** {@link #token} is a secret: it never appears in logs or messages. */
  @Override
  public String toString() {
    return "MilvusVectorStoreConfig[uri="
        + uri
        + ", token="
        + (token.isEmpty() ? "" : "***")
        + ", collection="
        + collection
        + ", timeout="
        + timeout
        + "]";
  }
}
