package io.sloscout.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {

  @TempDir Path dir;

  @Test
  void writesFilesAndAManifestOfThem() throws IOException {
    OutputFolder folder = new OutputFolder(dir);
    folder.write(files("a/x.txt", "1\n", "b.txt", "2\n"));
    assertThat(dir.resolve("a/x.txt")).hasContent("1");
    assertThat(folder.managedFiles()).containsExactly("a/x.txt", "b.txt");
  }

  @Test
  void removesItsOwnStaleFilesButNoOtherFile() throws IOException {
    OutputFolder folder = new OutputFolder(dir);
    folder.write(files("a.txt", "1\n", "b.txt", "2\n"));
    Files.writeString(dir.resolve("hand-written.txt"), "keep me");

    assertThat(folder.write(files("a.txt", "1\n"))).containsExactly("b.txt");
    assertThat(dir.resolve("b.txt")).doesNotExist();
    assertThat(dir.resolve("hand-written.txt")).exists();
  }

  @Test
  void leavesUnchangedFilesAlone() throws IOException {
    OutputFolder folder = new OutputFolder(dir);
    folder.write(files("a.txt", "1\n"));
    assertThat(folder.write(files("a.txt", "1\n"))).isEmpty();
    assertThat(folder.write(files("a.txt", "2\n"))).containsExactly("a.txt");
  }

  @Test
  void neverWritesOrDeletesOutsideTheFolder() throws IOException {
    OutputFolder folder = new OutputFolder(dir.resolve("out"));
    assertThatThrownBy(() -> folder.write(files("../escape.txt", "x")))
        .hasMessageContaining("outside the folder");
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("victim.txt"), "x");
    Files.writeString(dir.resolve("out").resolve(OutputFolder.MANIFEST), "../victim.txt\n/etc/x\n");
    folder.write(files("ok.txt", "y"));
    assertThat(dir.resolve("victim.txt")).exists();
  }

  static TreeMap<String, String> files(String... pathsAndContents) {
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      m.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return m;
  }
}
