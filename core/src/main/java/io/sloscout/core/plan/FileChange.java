package io.sloscout.core.plan;

import java.util.List;

/**
 * A change to one output file, with the items that change inside it.
 *
 * @param path path relative to the output folder, {@code /}-separated
 */
public record FileChange(String path, ChangeKind kind, List<ItemChange> items) {
  public FileChange {
    items = List.copyOf(items);
  }
}
