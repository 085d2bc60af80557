package io.sloscout.core.plan;

/**
 * Renders a {@link Plan} as plain text for a terminal or as Markdown for a pull-request comment.
 */
public final class PlanRenderer {

  private PlanRenderer() {}

  /** Plain text: a summary line, then one line per changed file and item. */
  public static String text(Plan plan) {
    StringBuilder sb = new StringBuilder();
    sb.append("Plan for ").append(plan.folder()).append(": ").append(summary(plan)).append('\n');
    for (FileChange f : plan.files()) {
      if (f.kind() == ChangeKind.UNCHANGED) {
        continue;
      }
      sb.append(f.kind().symbol()).append(' ').append(f.path()).append('\n');
      for (ItemChange i : f.items()) {
        sb.append("    ").append(i.kind().symbol()).append(' ').append(i.item());
        if (!i.detail().isEmpty()) {
          sb.append(": ").append(i.detail());
        }
        sb.append('\n');
      }
    }
    if (plan.isEmpty()) {
      sb.append("No changes: the folder is up to date.\n");
    }
    return sb.toString();
  }

  /** Markdown for a pull-request comment: a summary table, then the changes per file. */
  public static String markdown(Plan plan) {
    StringBuilder sb = new StringBuilder();
    sb.append("### SLO-Scout plan for `").append(plan.folder()).append("`\n\n");
    sb.append("| add | change | remove | unchanged |\n|---:|---:|---:|---:|\n");
    sb.append("| ")
        .append(plan.count(ChangeKind.ADD))
        .append(" | ")
        .append(plan.count(ChangeKind.CHANGE))
        .append(" | ")
        .append(plan.count(ChangeKind.REMOVE))
        .append(" | ")
        .append(plan.count(ChangeKind.UNCHANGED))
        .append(" |\n\n");
    if (plan.isEmpty()) {
      return sb.append("No changes: the folder is up to date.\n").toString();
    }
    for (FileChange f : plan.files()) {
      if (f.kind() == ChangeKind.UNCHANGED) {
        continue;
      }
      sb.append("- **").append(f.kind().word()).append("** `").append(f.path()).append("`\n");
      for (ItemChange i : f.items()) {
        sb.append("  - ").append(i.kind().word()).append(" `").append(i.item()).append('`');
        if (!i.detail().isEmpty()) {
          sb.append(" — ").append(i.detail());
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String summary(Plan plan) {
    return plan.count(ChangeKind.ADD)
        + " to add, "
        + plan.count(ChangeKind.CHANGE)
        + " to change, "
        + plan.count(ChangeKind.REMOVE)
        + " to remove, "
        + plan.count(ChangeKind.UNCHANGED)
        + " unchanged";
  }
}
