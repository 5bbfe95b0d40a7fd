package vn.digicell.document.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs notes with an Ed25519 key given as its 32-byte seed (the JDK's Ed25519, no extra library).
 */
final class NoteSigner {

  private static final byte[] PKCS8_PREFIX =
      HexFormat.of().parseHex("302e020100300506032b657004220420");

  private final PrivateKey privateKey;
  private final NoteVerifier verifier;

  NoteSigner(String name, byte[] seed) {
    if (seed == null || seed.length != 32) {
      throw new IllegalArgumentException("an Ed25519 private key seed has 32 bytes");
    }
    try {
      this.privateKey =
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(new PKCS8EncodedKeySpec(NoteVerifier.concat(PKCS8_PREFIX, seed)));
      // the public key is derived by signing nothing and reading it back is not offered by the JDK,
      // so generate the pair from the seed with a fixed "random" source that yields the seed
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(255, new FixedRandom(seed));
      byte[] encoded = generator.generateKeyPair().getPublic().getEncoded();
      this.verifier =
          NoteVerifier.of(name, Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the Ed25519 key", e);
    }
  }

  /** A new random 32-byte seed. */
  static byte[] generateSeed() {
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    return seed;
  }

  NoteVerifier verifier() {
    return verifier;
  }

  /** The signed note of {@code text} (which must end in a newline). */
  String sign(String text) {
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("a note's text ends in a newline");
    }
    try {
      Signature ed = Signature.getInstance("Ed25519");
      ed.initSign(privateKey);
      ed.update(text.getBytes(StandardCharsets.UTF_8));
      byte[] signature = ed.sign();
      return text
          + "\n"
          + SignedNotes.SIGNATURE_PREFIX
          + verifier.name()
          + " "
          + Base64.getEncoder().encodeToString(NoteVerifier.concat(verifier.keyId(), signature))
          + "\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign", e);
    }
  }

  /** Hands out the seed as the "random" bytes, so the JDK derives the seed's public key. */
  private static final class FixedRandom extends SecureRandom {
    private final byte[] seed;

    FixedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
    }
  }
}
