package vn.digicell.document.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** RFC 9162 §2.1.1 hashing: leaves and interior nodes are domain-separated SHA-256. */
public final class LogHashes {

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private LogHashes() {}

  /** MTH({d}) = SHA-256(0x00 || d). */
  public static byte[] leafHash(byte[] data) {
    MessageDigest sha = sha256();
    sha.update(LEAF_PREFIX);
    sha.update(data);
    return sha.digest();
  }

  /** SHA-256(0x01 || left || right). */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest sha = sha256();
    sha.update(NODE_PREFIX);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  /** MTH({}) = SHA-256() — the root of the empty tree. */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  /** Plain SHA-256 of some bytes. */
  public static byte[] sha256(byte[] data) {
    return sha256().digest(data);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
