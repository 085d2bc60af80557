package io.sloscout.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The files of a folder as relative path → content, for whole-tree comparisons. */
final class TreeSnapshot {

  private TreeSnapshot() {}

  static SortedMap<String, String> of(Path dir) throws IOException {
    SortedMap<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(
            dir.relativize(p).toString().replace('\\', '/'),
            Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
