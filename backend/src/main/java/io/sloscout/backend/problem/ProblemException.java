package io.sloscout.backend.problem;

import java.util.List;

/** Ends a request with a problem detail; its message is shown to the caller, so keep it clean. */
public class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(Problem.of(400, "Bad Request", detail));
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(Problem.of(404, "Not Found", detail));
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(Problem.of(409, "Conflict", detail));
  }

  public static ProblemException unavailable(String detail) {
    return new ProblemException(Problem.of(503, "Service Unavailable", detail));
  }

  /** 422 with the findings that made the document invalid. */
  public static ProblemException invalid(
      String detail, List<Problem.Finding> errors, List<Problem.Finding> warnings) {
    return new ProblemException(
        new Problem(
            "https://slo-scout.io/problems/invalid-slo",
            "Invalid SLO document",
            422,
            detail,
            null,
            errors,
            warnings));
  }
}
