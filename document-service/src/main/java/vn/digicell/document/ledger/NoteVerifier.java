package vn.digicell.document.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 verifier of C2SP signed notes: key name, 4-byte key id and the raw public key. Its
 * text form is the spec's verifier key {@code <name>+<hex key id>+<base64(0x01 || public key)>}.
 */
public record NoteVerifier(String name, byte[] keyId, byte[] publicKey) {

  static final byte ED25519 = 0x01;
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  public NoteVerifier {
    requireValidName(name);
    if (publicKey == null || publicKey.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
    }
    if (!Arrays.equals(keyId, keyId(name, publicKey))) {
      throw new IllegalArgumentException("key id does not match the key name and public key");
    }
    keyId = keyId.clone();
    publicKey = publicKey.clone();
  }

  /** Builds the verifier of a raw Ed25519 public key; the key id is derived. */
  public static NoteVerifier of(String name, byte[] publicKey) {
    return new NoteVerifier(name, keyId(name, publicKey), publicKey);
  }

  /** Parses {@code <name>+<hex key id>+<base64(0x01 || public key)>}. */
  public static NoteVerifier parse(String verifierKey) {
    String[] parts = verifierKey == null ? new String[0] : verifierKey.split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("a verifier key is <name>+<hex key id>+<base64 key>");
    }
    byte[] key = Base64.getDecoder().decode(parts[2]);
    if (key.length != 33 || key[0] != ED25519) {
      throw new IllegalArgumentException("only Ed25519 verifier keys are supported");
    }
    return new NoteVerifier(
        parts[0], HexFormat.of().parseHex(parts[1]), Arrays.copyOfRange(key, 1, key.length));
  }

  /** Key id = the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key). */
  static byte[] keyId(String name, byte[] publicKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(ED25519);
      sha.update(publicKey);
      return Arrays.copyOf(sha.digest(), 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static void requireValidName(String name) {
    if (name == null
        || name.isEmpty()
        || name.contains("+")
        || name.codePoints().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("a key name is non-empty, without spaces or '+'");
    }
  }

  /** The spec's text form of this verifier key. */
  public String encoded() {
    byte[] key = new byte[33];
    key[0] = ED25519;
    System.arraycopy(publicKey, 0, key, 1, 32);
    return name
        + "+"
        + HexFormat.of().formatHex(keyId)
        + "+"
        + Base64.getEncoder().encodeToString(key);
  }

  /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
  boolean verifies(byte[] message, byte[] signature) {
    try {
      PublicKey key =
          KeyFactory.getInstance("Ed25519")
              .generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, publicKey)));
      Signature ed = Signature.getInstance("Ed25519");
      ed.initVerify(key);
      ed.update(message);
      return ed.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Whether a raw Ed25519 public key signed {@code message} (for signatures outside notes). */
  public static boolean ed25519Verifies(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey == null || publicKey.length != 32 || signature == null) {
      return false;
    }
    return new NoteVerifier("key", keyId("key", publicKey), publicKey).verifies(message, signature);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
