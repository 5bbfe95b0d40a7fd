package vn.digicell.document.ledger;

import java.util.Base64;
import java.util.Optional;

/**
 * A checkpoint of the log in the C2SP tlog-checkpoint format: the origin line naming the log, the
 * tree size in decimal and the base64 root hash, each ending in a newline. Signed as a C2SP signed
 * note; extension lines after the root are allowed and ignored.
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {

  public Checkpoint {
    if (origin == null || origin.isBlank() || origin.contains("\n")) {
      throw new IllegalArgumentException("a checkpoint needs a one-line origin");
    }
    if (size < 0 || rootHash == null || rootHash.length != 32) {
      throw new IllegalArgumentException("a checkpoint needs a size and a 32-byte root hash");
    }
    rootHash = rootHash.clone();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** The note text that is signed. */
  public String body() {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
  }

  /** Reads a checkpoint's note text; empty when it is not one. */
  public static Optional<Checkpoint> parse(String body) {
    if (body == null || !body.endsWith("\n")) {
      return Optional.empty();
    }
    String[] lines = body.split("\n", -1);
    if (lines.length < 4) {
      return Optional.empty();
    }
    try {
      if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
        return Optional.empty();
      }
      byte[] root = Base64.getDecoder().decode(lines[2]);
      return Optional.of(new Checkpoint(lines[0], Long.parseLong(lines[1]), root));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
