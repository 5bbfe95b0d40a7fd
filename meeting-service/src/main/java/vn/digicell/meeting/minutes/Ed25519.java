package vn.digicell.meeting.minutes;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** Ed25519 public keys (raw 32 bytes, base64) and signature checks with the JDK alone. */
final class Ed25519 {

  /** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (OID 1.3.101.112). */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private Ed25519() {}

  /**
   * The raw 32-byte key (base64) from either a raw key or the X.509 encoding the JDK's {@code
   * KeyPairGenerator.getInstance("Ed25519")} gives; empty when it is neither.
   */
  static Optional<String> rawPublicKey(String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    byte[] raw;
    if (bytes.length == 32) {
      raw = bytes;
    } else if (bytes.length == 44
        && java.util.Arrays.equals(bytes, 0, X509_PREFIX.length, X509_PREFIX, 0, 12)) {
      raw = java.util.Arrays.copyOfRange(bytes, 12, 44);
    } else {
      return Optional.empty();
    }
    try {
      publicKey(raw);
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
    return Optional.of(Base64.getEncoder().encodeToString(raw));
  }

  /** Whether {@code signatureBase64} is a valid Ed25519 signature of {@code data}. */
  static boolean verifies(String rawKeyBase64, byte[] data, String signatureBase64) {
    try {
      byte[] signature = Base64.getDecoder().decode(signatureBase64);
      if (signature.length != 64) {
        return false;
      }
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey(Base64.getDecoder().decode(rawKeyBase64)));
      verifier.update(data);
      return verifier.verify(signature);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  private static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
    byte[] encoded = new byte[44];
    System.arraycopy(X509_PREFIX, 0, encoded, 0, 12);
    System.arraycopy(raw, 0, encoded, 12, 32);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
  }
}
