package vn.digicell.member.member;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
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
 *
 * <p>Every value written carries the id of the key that sealed it ({@code <keyId>:<base64>}, the id
 * also bound to the ciphertext as associated data), so keys rotate: new values are written with the
 * write key, values of older keys are still read as long as those keys are configured, and the
 * re-encryption job ({@link Reencryption}) rewrites them. Values written before key ids existed
 * (plain base64) are read with the legacy key. The HMAC key stays the same across rotations, so
 * lookup hashes keep finding what they found.
 */
@Component
class SensitiveData {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String KEY_ID = "[A-Za-z0-9_-]{1,32}";

  private final Map<String, SecretKeySpec> keys;
  private final String writeKeyId;
  private final String legacyKeyId;
  private final SecretKeySpec hmacKey;
  private final SecureRandom random = new SecureRandom();

  /**
   * {@code digicell.member.crypto.*}: base64 of 32-byte keys, from configuration or a KMS; nothing
   * here has a default.
   *
   * @param encryptionKey the first key (the only one before rotation existed), known by {@code
   *     encryptionKeyId}
   * @param encryptionKeyId the id of {@code encryptionKey}; {@code k1} when not set
   * @param keys further keys by id, e.g. {@code keys.k2}
   * @param writeKeyId the key new values are written with; {@code encryptionKeyId} when not set
   * @param legacyKeyId the key that reads values stored without a key id; {@code encryptionKeyId}
   *     when not set
   * @param hmacKey the lookup-hash key, stable across rotations
   */
  @ConfigurationProperties("digicell.member.crypto")
  record Keys(
      String encryptionKey,
      String encryptionKeyId,
      Map<String, String> keys,
      String writeKeyId,
      String legacyKeyId,
      String hmacKey) {}

  SensitiveData(Keys config) {
    String firstId = config.encryptionKeyId() == null ? "k1" : config.encryptionKeyId();
    Map<String, SecretKeySpec> all = new LinkedHashMap<>();
    if (config.encryptionKey() != null && !config.encryptionKey().isBlank()) {
      all.put(requireId(firstId), aes(decodeKey(config.encryptionKey(), "encryption-key")));
    }
    if (config.keys() != null) {
      config
          .keys()
          .forEach(
              (id, key) -> {
                if (all.containsKey(requireId(id))) {
                  throw new IllegalStateException(
                      "digicell.member.crypto: key id " + id + " is configured twice");
                }
                all.put(id, aes(decodeKey(key, "keys." + id)));
              });
    }
    if (all.isEmpty()) {
      throw new IllegalStateException(
          "digicell.member.crypto.encryption-key (or digicell.member.crypto.keys.<id>) is not set");
    }
    String firstConfigured = all.keySet().iterator().next();
    this.writeKeyId = config.writeKeyId() == null ? firstConfigured : config.writeKeyId();
    this.legacyKeyId = config.legacyKeyId() == null ? firstConfigured : config.legacyKeyId();
    for (String[] named :
        new String[][] {{"write-key-id", writeKeyId}, {"legacy-key-id", legacyKeyId}}) {
      if (!all.containsKey(named[1])) {
        throw new IllegalStateException(
            "digicell.member.crypto."
                + named[0]
                + " names key "
                + named[1]
                + ", which is not configured (configured: "
                + all.keySet()
                + ")");
      }
    }
    this.keys = Map.copyOf(all);
    this.hmacKey = new SecretKeySpec(decodeKey(config.hmacKey(), "hmac-key"), "HmacSHA256");
  }

  /** The key new values are written with. */
  String writeKeyId() {
    return writeKeyId;
  }

  String encrypt(String plaintext) {
    if (plaintext == null) {
      return null;
    }
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(writeKeyId), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(writeKeyId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return writeKeyId
          + ":"
          + Base64.getEncoder()
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
    int cut = stored.indexOf(':');
    String keyId = cut < 0 ? null : stored.substring(0, cut);
    SecretKeySpec key = keys.get(keyId == null ? legacyKeyId : keyId);
    if (key == null) {
      throw new IllegalStateException(
          "stored value was sealed with key " + keyId + ", which is not configured");
    }
    try {
      byte[] all = Base64.getDecoder().decode(cut < 0 ? stored : stored.substring(cut + 1));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      if (keyId != null) {
        cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      }
      return new String(
          cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "stored value cannot be decrypted with key " + (keyId == null ? legacyKeyId : keyId), e);
    }
  }

  /** Whether {@code stored} was written with another key than the write key (or with no key id). */
  boolean needsRewrite(String stored) {
    return stored != null && !stored.startsWith(writeKeyId + ":");
  }

  /** {@code stored} sealed again with the write key; unchanged when it already is. */
  String reencrypt(String stored) {
    return needsRewrite(stored) ? encrypt(decrypt(stored)) : stored;
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

  private static String requireId(String id) {
    if (id == null || !id.matches(KEY_ID)) {
      throw new IllegalStateException(
          "digicell.member.crypto: key id '" + id + "' must be 1-32 of A-Z a-z 0-9 _ -");
    }
    return id;
  }

  private static SecretKeySpec aes(byte[] key) {
    return new SecretKeySpec(key, "AES");
  }

  private static byte[] decodeKey(String base64, String which) {
    if (base64 == null || base64.isBlank()) {
      throw new IllegalStateException("digicell.member.crypto." + which + " is not set");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("digicell.member.crypto." + which + " is not base64");
    }
    if (key.length != 32) {
      throw new IllegalStateException(
          "digicell.member.crypto." + which + " must be 32 bytes (base64), not " + key.length);
    }
    return key;
  }
}
