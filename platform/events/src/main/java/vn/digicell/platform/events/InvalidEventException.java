package vn.digicell.platform.events;

/**
 * A message that can never be applied: not a CloudEvent, no payload, or a payload that violates its
 * schema. Goes straight to the dead-letter topic, without retries.
 */
public class InvalidEventException extends RuntimeException {

  public InvalidEventException(String message) {
    super(message);
  }

  public InvalidEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
