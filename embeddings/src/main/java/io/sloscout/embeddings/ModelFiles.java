package io.sloscout.embeddings;

import io.sloscout.core.embedding.EmbeddingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Copies model resources out of the class path into a folder, once. */
final class ModelFiles {

  private ModelFiles() {}

  /**
   * The folder under {@code cacheDir} holding the weights' model and tokenizer files, copied there
   * when missing or of another size.
   */
  static Path materialize(MiniLmWeights weights, Path cacheDir) {
    Path dir = cacheDir.resolve(weights.modelName());
    try {
      Files.createDirectories(dir);
      copyResource(weights.modelResource(), dir, weights);
      copyResource(weights.tokenizerResource(), dir, weights);
      return dir;
    } catch (IOException e) {
      throw new EmbeddingException("cannot copy the " + weights + " model to " + dir, e);
    }
  }

  private static void copyResource(String name, Path dir, MiniLmWeights weights)
      throws IOException {
    URL url = ModelFiles.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new EmbeddingException(
          "resource "
              + name
              + " is not on the class path: add dev.langchain4j:langchain4j-embeddings-"
              + weights.modelName()
              + " for the "
              + weights
              + " weights",
          null);
    }
    URLConnection connection = url.openConnection();
    // a fresh connection per resource: the jar's cached handle would stay open for the JVM's life
    connection.setUseCaches(false);
    long size = connection.getContentLengthLong();
    Path target = dir.resolve(name);
    if (size >= 0 && Files.isRegularFile(target) && Files.size(target) == size) {
      connection.getInputStream().close();
      return;
    }
    // copy beside the target, then move: a parallel JVM never sees half a model
    Path partial = Files.createTempFile(dir, name, ".partial");
    try (InputStream in = connection.getInputStream()) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
