package io.sloscout.core.plan;

import java.util.List;

/** What {@code generate} would do to an output folder, file by file. */
public record Plan(String folder, List<FileChange> files) {
  public Plan {
    files = List.copyOf(files);
  }

  public long count(ChangeKind kind) {
    return files.stream().filter(f -> f.kind() == kind).count();
  }

  /** True when generate would leave the folder exactly as it is. */
  public boolean isEmpty() {
    return files.stream().allMatch(f -> f.kind() == ChangeKind.UNCHANGED);
  }
}
