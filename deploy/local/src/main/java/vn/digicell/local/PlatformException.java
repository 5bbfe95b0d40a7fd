package vn.digicell.local;

/** The platform could not start; the message says what to do about it. */
public class PlatformException extends RuntimeException {

  private final int exitCode;

  public PlatformException(String message) {
    this(message, 1, null);
  }

  public PlatformException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** What the launcher exits with: 2 when a port is taken, 1 for any other failure. */
  public int exitCode() {
    return exitCode;
  }
}
