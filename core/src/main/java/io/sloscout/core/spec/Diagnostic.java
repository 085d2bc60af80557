package io.sloscout.core.spec;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * A finding about an input: an error that stops the spec from being used, or a warning.
 *
 * @param severity error or warning
 * @param file the input file
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param field the field path inside the document ({@code spec.objectives[0].target}), empty when
 *     the finding is about the whole document
 * @param message what is wrong, for a human
 */
public record Diagnostic(
    Severity severity, Path file, int line, int column, String field, String message) {

  /** Orders by file, line, column, then severity and message: stable output across runs. */
  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing((Diagnostic d) -> d.file().toString())
          .thenComparingInt(Diagnostic::line)
          .thenComparingInt(Diagnostic::column)
          .thenComparing(Diagnostic::severity)
          .thenComparing(Diagnostic::field)
          .thenComparing(Diagnostic::message);

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    field = field == null ? "" : field;
  }

  public static Diagnostic error(Path file, int line, int column, String field, String message) {
    return new Diagnostic(Severity.ERROR, file, line, column, field, message);
  }

  public static Diagnostic warning(Path file, int line, int column, String field, String message) {
    return new Diagnostic(Severity.WARNING, file, line, column, field, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line:column: error: field: message}, the compiler-style line tools can parse. */
  public String format() {
    StringBuilder sb = new StringBuilder(file.toString());
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    sb.append(": ").append(severity.label()).append(": ");
    if (!field.isEmpty()) {
      sb.append(field).append(": ");
    }
    return sb.append(message).toString();
  }

  /** How bad a finding is. */
  public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String label;

    Severity(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
