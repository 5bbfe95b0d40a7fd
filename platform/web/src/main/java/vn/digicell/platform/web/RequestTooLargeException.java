package vn.digicell.platform.web;

/** A request body over the configured limit; answered with 413 and never processed. */
public class RequestTooLargeException extends RuntimeException {

  public RequestTooLargeException(long limitBytes) {
    super("The request body is larger than the limit of " + limitBytes + " bytes.");
  }
}
