package vn.digicell.gateway.web;

import vn.digicell.gateway.web.ProblemResponses.Problem;

/** Ends a request with one of the gateway's own problems. */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.name(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
