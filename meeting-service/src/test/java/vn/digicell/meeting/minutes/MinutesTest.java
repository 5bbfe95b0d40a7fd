package vn.digicell.meeting.minutes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.platform.web.ProblemException;

class MinutesTest {

  static final Clock CLOCK = Clock.systemUTC();

  static KeyPair keyPair() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  static String publicKey(KeyPair pair) {
    return Ed25519.rawPublicKey(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()))
        .orElseThrow();
  }

  static String sign(KeyPair pair, String content) throws Exception {
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(pair.getPrivate());
    signer.update(content.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(signer.sign());
  }

  static SigningKeys.Key key(KeyPair pair) {
    String raw = publicKey(pair);
    return new SigningKeys.Key(SigningKeys.keyIdOf(raw), raw, java.time.Instant.EPOCH, null);
  }

  /** The chair's or secretary's signature of this draft, as the portal makes it. */
  static String signed(KeyPair pair, Minutes minutes) throws Exception {
    return sign(
        pair,
        SignedMessage.v2(
            SignedMessage.Kind.MINUTES,
            minutes.meetingId(),
            minutes.version(),
            minutes.contentSha256()));
  }

  static Minutes draft() {
    return Minutes.draft("m-1", "/AG/VB/C07", "chair", "sec", "BIÊN BẢN\r\nNội dung  \r\n", CLOCK);
  }

  @Test
  void theCanonicalFormHasUnixLineEndingsNfcAndOneFinalNewline() {
    String decomposed = "Bie\u0302\u0301n ba\u0309n\r\nDo\u0300ng 2 \r\n\r\n";
    assertThat(MinutesText.canonical(decomposed)).isEqualTo("Biến bản\nDòng 2\n");
    assertThat(MinutesText.canonical(MinutesText.canonical(decomposed)))
        .isEqualTo(MinutesText.canonical(decomposed));
    assertThat(draft().content()).isEqualTo("BIÊN BẢN\nNội dung\n");
  }

  @Test
  void keysAreAcceptedRawOrX509AndAnythingElseIsRefused() throws Exception {
    KeyPair pair = keyPair();
    String raw = publicKey(pair);
    assertThat(Base64.getDecoder().decode(raw)).hasSize(32);
    assertThat(Ed25519.rawPublicKey(raw)).contains(raw);
    assertThat(Ed25519.rawPublicKey("bm90IGEga2V5")).isEmpty();
    assertThat(Ed25519.rawPublicKey("%%%")).isEmpty();
  }

  @Test
  void aSignatureOverOtherContentOrByAnotherKeyIsRefused() throws Exception {
    Minutes minutes = draft();
    KeyPair chair = keyPair();
    KeyPair stranger = keyPair();
    assertThatThrownBy(
            () ->
                minutes.sign(
                    Minutes.Role.CHAIR, "chair", key(chair), signed(stranger, minutes), CLOCK))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.type()).endsWith("invalid-signature"));
    assertThatThrownBy(
            () ->
                minutes.sign(Minutes.Role.CHAIR, "chair", key(chair), sign(chair, "khác\n"), CLOCK))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(
            () ->
                minutes.sign(Minutes.Role.CHAIR, "sec", key(chair), signed(chair, minutes), CLOCK))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.type()).endsWith("not-the-signer"));
    assertThat(minutes.signatures()).isEmpty();
  }

  @Test
  void editingADraftVoidsItsSignaturesAndBothSignaturesMakeItFinal() throws Exception {
    Minutes minutes = draft();
    KeyPair chair = keyPair();
    KeyPair sec = keyPair();
    minutes.sign(Minutes.Role.CHAIR, "chair", key(chair), signed(chair, minutes), CLOCK);
    assertThatThrownBy(
            () ->
                minutes.sign(
                    Minutes.Role.CHAIR, "chair", key(chair), signed(chair, minutes), CLOCK))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.type()).endsWith("already-signed"));
    minutes.edit("BIÊN BẢN\nNội dung đã sửa\n", CLOCK);
    assertThat(minutes.signatures()).isEmpty();

    minutes.sign(Minutes.Role.SECRETARY, "sec", key(sec), signed(sec, minutes), CLOCK);
    assertThat(minutes.status()).isEqualTo(Minutes.Status.DRAFT);
    minutes.sign(Minutes.Role.CHAIR, "chair", key(chair), signed(chair, minutes), CLOCK);
    assertThat(minutes.status()).isEqualTo(Minutes.Status.FINALIZED);
    assertThat(minutes.version()).isEqualTo(2);
    assertThat(minutes.pendingEvents()).hasSize(2);
    assertThat(minutes.pendingEvents().get(0).type()).isEqualTo(Minutes.FINALIZED);
    assertThat(minutes.pendingEvents().get(0).topic()).isEqualTo("meeting.records");
    assertThat(minutes.pendingEvents().get(1).type()).isEqualTo(Minutes.FINALIZED_FACTS);
    assertThat(minutes.pendingEvents().get(1).topic()).isEqualTo("meeting.events");
    for (var event : minutes.pendingEvents()) {
      assertThat(
              EventSchemas.violations(
                  event.type(), event.payload().getBytes(StandardCharsets.UTF_8)))
          .as(event.type())
          .isEmpty();
    }
    assertThat(minutes.pendingEvents().get(1).payload()).doesNotContain("Nội dung đã sửa");
    assertThat(minutes.signaturesVerify()).isTrue();

    assertThatThrownBy(() -> minutes.edit("sửa sau\n", CLOCK))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.type()).endsWith("minutes-finalized"));
  }

  @Test
  void aSignatureIsBoundToItsMeetingItsKindAndItsVersion() throws Exception {
    KeyPair chair = keyPair();
    Minutes a = draft();
    Minutes b =
        Minutes.draft("m-2", "/AG/VB/C07", "chair", "sec", "BIÊN BẢN\r\nNội dung  \r\n", CLOCK);
    assertThat(b.content()).isEqualTo(a.content());
    String forA = signed(chair, a);
    for (String wrong :
        java.util.List.of(
            forA,
            sign(chair, b.content()),
            sign(
                chair, SignedMessage.v2(SignedMessage.Kind.AMENDMENT, "m-2", 1, b.contentSha256())),
            sign(
                chair,
                SignedMessage.v2(SignedMessage.Kind.MINUTES, "m-2", 2, b.contentSha256())))) {
      assertThatThrownBy(() -> b.sign(Minutes.Role.CHAIR, "chair", key(chair), wrong, CLOCK))
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.type()).endsWith("invalid-signature"));
    }
    b.sign(Minutes.Role.CHAIR, "chair", key(chair), signed(chair, b), CLOCK);
    assertThat(b.signatures()).hasSize(1);
  }

  @Test
  void theSignedMessageIsTheAgreedText() {
    assertThat(SignedMessage.v2(SignedMessage.Kind.AMENDMENT, "m-9", 3, "ab".repeat(32)))
        .isEqualTo(
            "DigiCell signature v2\nkind=amendment\nmeetingId=m-9\nversion=3\ncontentSha256="
                + "ab".repeat(32));
  }

  @Test
  void aSignatureStoredOverTheBareTextStillVerifiesAsItWasMade() throws Exception {
    KeyPair chair = keyPair();
    Minutes minutes = draft();
    Minutes.OfficerSignature stored =
        new Minutes.OfficerSignature(
            Minutes.Role.CHAIR,
            "chair",
            publicKey(chair),
            sign(chair, minutes.content()),
            java.time.Instant.now(),
            null,
            null);
    assertThat(stored.schemeOrRaw()).isEqualTo(SignedMessage.Scheme.RAW_CONTENT_V1);
    assertThat(stored.keyIdOrDerived()).isEqualTo(SigningKeys.keyIdOf(publicKey(chair)));
    assertThat(stored.verifies(SignedMessage.Kind.MINUTES, "m-1", 1, minutes.content())).isTrue();
    assertThat(stored.verifies(SignedMessage.Kind.MINUTES, "m-1", 1, "khác\n")).isFalse();
  }

  @Test
  void aKeyIsValidFromItsRegistrationUntilTheNextOne() throws Exception {
    java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
    java.time.Instant t1 = java.time.Instant.parse("2026-06-01T00:00:00Z");
    String first = publicKey(keyPair());
    String second = publicKey(keyPair());
    SigningKeys keys = SigningKeys.first("m1", first, t0, CLOCK);
    assertThat(keys.register(first, java.time.Clock.fixed(t1, java.time.ZoneOffset.UTC))).isFalse();
    assertThat(keys.register(second, java.time.Clock.fixed(t1, java.time.ZoneOffset.UTC))).isTrue();
    assertThat(keys.keys()).hasSize(2);
    assertThat(keys.validAt(t0.minusSeconds(1))).isEmpty();
    assertThat(keys.validAt(t0).orElseThrow().publicKey()).isEqualTo(first);
    assertThat(keys.validAt(t1.minusMillis(1)).orElseThrow().publicKey()).isEqualTo(first);
    assertThat(keys.validAt(t1).orElseThrow().publicKey()).isEqualTo(second);
    assertThat(keys.keys().get(1).supersedesKeyId()).isEqualTo(SigningKeys.keyIdOf(first));
    assertThat(keys.pendingEvents()).hasSize(2);
    for (var event : keys.pendingEvents()) {
      assertThat(event.topic()).isEqualTo("meeting.events");
      assertThat(
              EventSchemas.violations(
                  event.type(), event.payload().getBytes(StandardCharsets.UTF_8)))
          .isEmpty();
    }
  }
}
