package io.sloscout.collectors.remoteread;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Remembers, per target, the end (inclusive, epoch milliseconds) of the last range whose samples
 * Kafka acknowledged: one small JSON file per target, replaced atomically.
 */
final class PositionStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  PositionStore(Path dir) {
    this.dir = dir;
  }

  /** The file that holds {@code target}'s position. */
  Path file(String target) {
    return dir.resolve(fileName(target));
  }

  /**
   * The remembered position of {@code target}, empty when none was written yet; throws {@link
   * IOException} naming the file where it exists but cannot be read.
   */
  OptionalLong load(String target) throws IOException {
    Path file = file(target);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new IOException(unreadable(file, "not JSON: " + e.getOriginalMessage()), e);
    }
    if (node == null || !node.isObject()) {
      throw new IOException(unreadable(file, "not a JSON object"));
    }
    JsonNode end = node.get("endMs");
    if (end == null || !end.canConvertToLong() || !end.isIntegralNumber()) {
      throw new IOException(unreadable(file, "no integer endMs"));
    }
    JsonNode name = node.get("target");
    if (name != null && !target.equals(name.asText())) {
      throw new IOException(
          unreadable(file, "it belongs to target '" + name.asText() + "', not '" + target + "'"));
    }
    return OptionalLong.of(end.asLong());
  }

  /**
   * Writes {@code endMs} as {@code target}'s position: to a temporary file, flushed to disk, then
   * moved over the old one atomically, so a crash leaves either the old or the new position.
   */
  void save(String target, URI url, long endMs) throws IOException {
    Files.createDirectories(dir);
    ObjectNode node = JSON.createObjectNode();
    node.put("target", target);
    node.put("url", url.toString());
    node.put("endMs", endMs);
    // for people reading the file; endMs is what counts
    node.put("end", Instant.ofEpochMilli(endMs).toString());
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    Path file = file(target);
    Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    syncDirectory();
  }

  private void syncDirectory() {
    // makes the rename itself durable on Linux; not every platform can open a directory
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // the file content is on disk already; at worst a crash brings back the previous position
    }
  }

  /**
   * A file name for any target name: letters, digits, '.' and '-' stay, every other byte becomes
   * '_' and two hex digits, so distinct names never share a file.
   */
  static String fileName(String target) {
    StringBuilder name = new StringBuilder();
    for (byte b : target.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || (c == '.' && name.length() > 0)) {
        name.append(c);
      } else {
        name.append('_').append(String.format("%02x", b & 0xff));
      }
    }
    return name + ".position.json";
  }

  private static String unreadable(Path file, String problem) {
    return "position file "
        + file
        + " is unreadable ("
        + problem
        + "); fix it, or delete it to read again from the target's lookback";
  }
}
