package vn.digicell.contracts;

import java.util.List;

/** A payload that does not satisfy the JSON Schema of its event type. */
public class InvalidEventPayloadException extends RuntimeException {

  private final List<String> violations;

  public InvalidEventPayloadException(String type, List<String> violations) {
    super("payload of " + type + " violates its schema: " + String.join("; ", violations));
    this.violations = List.copyOf(violations);
  }

  public List<String> violations() {
    return violations;
  }
}
