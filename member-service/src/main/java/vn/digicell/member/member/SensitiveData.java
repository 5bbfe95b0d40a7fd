package vn.digicell.member.member;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Citizen ids, phones and addresses at rest: AES-256-GCM ciphertext (random IV per value), and
 * beside a value that must be found exactly, an HMAC-SHA256 of its normalised form, so a lookup
 * never needs the plaintext in the database.
 */
@Component
class SensitiveData {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec encryptionKey;
  private final SecretKeySpec hmacKey;
  private final SecureRandom random = new SecureRandom();

  /**
   * {@code digicell.member.crypto.*}: base64 of 32-byte keys, from configuration or a KMS. The
   * local platform's defaults are public and only for demo data.
   */
  @ConfigurationProperties("digicell.member.crypto")
  record Keys(String encryptionKey, String hmacKey) {}

  SensitiveData(Keys keys) {
    this.encryptionKey = new SecretKeySpec(decodeKey(keys.encryptionKey(), "encryption"), "AES");
    this.hmacKey = new SecretKeySpec(decodeKey(keys.hmacKey(), "hmac"), "HmacSHA256");
  }

  String encrypt(String plaintext) {
    if (plaintext == null) {
      return null;
    }
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(
              ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  String decrypt(String stored) {
    if (stored == null) {
      return null;
    }
    try {
      byte[] all = Base64.getDecoder().decode(stored);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      return new String(
          cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("stored value cannot be decrypted with the current key", e);
    }
  }

  /** Keyed hash for exact lookup; equal inputs give equal hashes under the same key. */
  String lookupHash(String plaintext) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(hmacKey);
      return HexFormat.of()
          .formatHex(mac.doFinal(plaintext.strip().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("hashing failed", e);
    }
  }

  private static byte[] decodeKey(String base64, String which) {
    if (base64 == null || base64.isBlank()) {
      throw new IllegalStateException("digicell.member.crypto." + which + "-key is not set");
    }
    byte[] key = Base64.getDecoder().decode(base64);
    if (key.length != 32) {
      throw new IllegalStateException(
          "digicell.member.crypto." + which + "-key must be 32 bytes (base64), not " + key.length);
    }
    return key;
  }
}
