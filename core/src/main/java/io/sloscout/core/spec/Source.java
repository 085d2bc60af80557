package io.sloscout.core.spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a spec came from: its file, the 1-based line and column of its document, its format, and
 * where its main fields sit, so findings about them can point at the right line.
 *
 * @param fields positions of fields by logical name: {@code objective}, {@code period}, {@code
 *     name}, {@code sli}, {@code sli.errorQuery}, {@code sli.totalQuery}, {@code
 *     sli.errorRatioQuery}, {@code sli.threshold}, {@code alerting}, {@code tier}
 */
public record Source(
    Path file, int line, int column, SpecFormat format, Map<String, Position> fields) {
  public Source {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    fields =
        fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
  }

  public Source(Path file, int line, int column, SpecFormat format) {
    this(file, line, column, format, Map.of());
  }

  /** Where a field sits; falls back to the document's position when the field was not recorded. */
  public Position position(String field) {
    Position p = fields.get(field);
    return p != null ? p : new Position(line, column, "");
  }

  /**
   * A position in the file.
   *
   * @param line 1-based line
   * @param column 1-based column
   * @param path the field path as written in the document ({@code spec.objectives[0].target})
   */
  public record Position(int line, int column, String path) {}
}
