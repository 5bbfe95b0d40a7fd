package vn.digicell.document.archive;

/**
 * A record's signature names a key (or a signing time) the archive's key projection does not have
 * yet: the key event travels on {@code meeting.events} and may arrive after the record on {@code
 * meeting.records}. Retryable: the consumer retries with back-off, then dead-letters.
 */
public class SigningKeyNotYetKnownException extends RuntimeException {

  SigningKeyNotYetKnownException(String message) {
    super(message);
  }
}
