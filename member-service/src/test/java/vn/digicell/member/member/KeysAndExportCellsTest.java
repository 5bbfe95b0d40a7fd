package vn.digicell.member.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Encrypted values carry their key id; old keys keep reading; export cells never run. */
class KeysAndExportCellsTest {

  static final String K1 = key(1);
  static final String K2 = key(2);
  static final String HMAC = key(9);

  private static String key(int fill) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) fill);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static SensitiveData only(String key, String id) {
    return new SensitiveData(new SensitiveData.Keys(key, id, null, null, null, HMAC));
  }

  @Test
  void valuesCarryTheWriteKeyIdAndOldKeysStillRead() {
    SensitiveData before = only(K1, null);
    String sealedByK1 = before.encrypt("089080000001");
    assertThat(sealedByK1).startsWith("k1:");

    // rotation: k2 writes, k1 still reads
    SensitiveData after =
        new SensitiveData(new SensitiveData.Keys(K1, "k1", Map.of("k2", K2), "k2", null, HMAC));
    String sealedByK2 = after.encrypt("0912345678");
    assertThat(sealedByK2).startsWith("k2:");
    assertThat(after.decrypt(sealedByK1)).isEqualTo("089080000001");
    assertThat(after.decrypt(sealedByK2)).isEqualTo("0912345678");
    assertThat(after.needsRewrite(sealedByK1)).isTrue();
    assertThat(after.needsRewrite(sealedByK2)).isFalse();
    assertThat(after.reencrypt(sealedByK1)).startsWith("k2:");
    assertThat(after.decrypt(after.reencrypt(sealedByK1))).isEqualTo("089080000001");

    // the lookup hash does not depend on the encryption keys
    assertThat(after.lookupHash("089080000001")).isEqualTo(before.lookupHash("089080000001"));

    // once k1 is retired, a value it sealed says which key it needs
    SensitiveData retired = only(K2, "k2");
    assertThatThrownBy(() -> retired.decrypt(sealedByK1))
        .hasMessageContaining("k1")
        .hasMessageContaining("not configured");
  }

  @Test
  void valuesWrittenBeforeKeyIdsReadWithTheLegacyKey() {
    // the old format: base64(iv | ciphertext), no key id, no associated data
    String legacy = legacySeal(K1, "ấp Vĩnh Hiệp");
    SensitiveData rotated =
        new SensitiveData(new SensitiveData.Keys(K1, "k1", Map.of("k2", K2), "k2", "k1", HMAC));
    assertThat(rotated.decrypt(legacy)).isEqualTo("ấp Vĩnh Hiệp");
    assertThat(rotated.needsRewrite(legacy)).isTrue();
  }

  @Test
  void aWriteKeyThatIsNotConfiguredStopsTheStart() {
    assertThatThrownBy(
            () -> new SensitiveData(new SensitiveData.Keys(K1, "k1", null, "k2", null, HMAC)))
        .hasMessageContaining("write-key-id");
    assertThatThrownBy(
            () -> new SensitiveData(new SensitiveData.Keys(null, null, null, null, null, HMAC)))
        .hasMessageContaining("not set");
  }

  @Test
  void csvCellsStartingWithTabOrCarriageReturnAreNeutralisedLikeFormulas() {
    assertThat(MemberExport.csvCell("=1+1")).isEqualTo("'=1+1");
    assertThat(MemberExport.csvCell("\t=cmd")).isEqualTo("'\t=cmd");
    assertThat(MemberExport.csvCell("\r=cmd")).isEqualTo("\"'\r=cmd\"");
    assertThat(MemberExport.csvCell("Nguyễn Văn A")).isEqualTo("Nguyễn Văn A");
  }

  static String legacySeal(String base64Key, String plaintext) {
    try {
      byte[] iv = new byte[12];
      new java.security.SecureRandom().nextBytes(iv);
      javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          javax.crypto.Cipher.ENCRYPT_MODE,
          new javax.crypto.spec.SecretKeySpec(Base64.getDecoder().decode(base64Key), "AES"),
          new javax.crypto.spec.GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(
              java.nio.ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
