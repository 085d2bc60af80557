package io.sloscout.backend.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 7807 problem detail ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong this time, for a person; never internals
 * @param instance the request path
 * @param errors findings with positions, for validation problems
 * @param warnings findings that did not stop the request
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<Finding> errors,
    List<Finding> warnings) {

  /** The media type of problem documents. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** A problem without findings. */
  public static Problem of(int status, String title, String detail) {
    return new Problem("about:blank", title, status, detail, null, null, null);
  }

  /** The same problem for a request path. */
  public Problem at(String path) {
    return new Problem(type, title, status, detail, path, errors, warnings);
  }

  /**
   * A finding in an input document, file-like: {@code file:line:column: field: message}.
   *
   * @param file the document's name ({@code request.yaml})
   * @param line 1-based, 0 when unknown
   * @param column 1-based, 0 when unknown
   * @param field the field path ({@code spec.objectives[0].target}), empty for the document
   * @param message what is wrong
   * @param location the compiler-style line tools can parse
   */
  public record Finding(
      String file, int line, int column, String field, String message, String location) {}
}
