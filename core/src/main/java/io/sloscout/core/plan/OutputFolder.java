package io.sloscout.core.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A {@code generate} output folder. A manifest lists the files SLO-Scout wrote there, so a later
 * run removes only its own stale files and never a file a person put beside them.
 */
public final class OutputFolder {

  /** Name of the manifest file inside the output folder. */
  public static final String MANIFEST = ".slo-scout-manifest";

  private final Path dir;

  public OutputFolder(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Files SLO-Scout wrote on its last run, from the manifest; empty when there is none. */
  public SortedSet<String> managedFiles() throws IOException {
    Path manifest = dir.resolve(MANIFEST);
    SortedSet<String> out = new TreeSet<>();
    if (Files.isRegularFile(manifest)) {
      for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#") && isSafe(l)) {
          out.add(l);
        }
      }
    }
    return out;
  }

  /** The current content of a file in the folder, or null when it does not exist. */
  public String read(String relative) throws IOException {
    Path p = dir.resolve(relative);
    return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
  }

  /**
   * Writes {@code files}, removes the files of the previous run that are no longer generated, and
   * rewrites the manifest. Files whose content is unchanged are not touched.
   *
   * @return the paths written, changed or removed, for reporting
   */
  public List<String> write(SortedMap<String, String> files) throws IOException {
    List<String> touched = new ArrayList<>();
    SortedSet<String> previous = managedFiles();
    Files.createDirectories(dir);
    for (Map.Entry<String, String> e : files.entrySet()) {
      if (!isSafe(e.getKey())) {
        throw new IllegalArgumentException("refusing to write outside the folder: " + e.getKey());
      }
      Path target = dir.resolve(e.getKey());
      if (e.getValue().equals(read(e.getKey()))) {
        continue;
      }
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      Files.writeString(tmp, e.getValue(), StandardCharsets.UTF_8);
      Files.move(
          tmp,
          target,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      touched.add(e.getKey());
    }
    for (String old : previous) {
      if (!files.containsKey(old) && Files.deleteIfExists(dir.resolve(old))) {
        touched.add(old);
      }
    }
    StringBuilder manifest =
        new StringBuilder("# Files written by slo-scout generate; it removes these when stale.\n");
    files.keySet().forEach(k -> manifest.append(k).append('\n'));
    Files.writeString(dir.resolve(MANIFEST), manifest.toString(), StandardCharsets.UTF_8);
    return touched;
  }

  /** A relative path that stays inside the folder. */
  static boolean isSafe(String relative) {
    if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\")) {
      return false;
    }
    for (String part : relative.split("/")) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
