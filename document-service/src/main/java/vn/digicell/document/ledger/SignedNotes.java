package vn.digicell.document.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The C2SP signed-note format: the text (ending in a newline), a blank line, then signature lines
 * {@code — <key name> <base64(key id || signature)>}, the signature covering the text's bytes.
 */
public final class SignedNotes {

  static final String SIGNATURE_PREFIX = "\u2014 ";

  private SignedNotes() {}

  /** The note's text when one of its signatures is by {@code verifier} and valid; else empty. */
  public static Optional<String> open(String note, NoteVerifier verifier) {
    if (note == null) {
      return Optional.empty();
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0 || !note.endsWith("\n")) {
      return Optional.empty();
    }
    String text = note.substring(0, split + 1);
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    for (String line : note.substring(split + 2).split("\n")) {
      if (!line.startsWith(SIGNATURE_PREFIX)) {
        return Optional.empty();
      }
      String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ");
      if (parts.length != 2 || !parts[0].equals(verifier.name())) {
        continue;
      }
      byte[] blob;
      try {
        blob = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      if (blob.length == 4 + 64
          && MessageDigest.isEqual(Arrays.copyOf(blob, 4), verifier.keyId())
          && verifier.verifies(message, Arrays.copyOfRange(blob, 4, blob.length))) {
        return Optional.of(text);
      }
    }
    return Optional.empty();
  }
}
