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
                    Minutes.Role.CHAIR,
                    "chair",
                    publicKey(chair),
                    sign(stranger, minutes.content()),
                    CLOCK))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.type()).endsWith("invalid-signature"));
    assertThatThrownBy(
            () ->
                minutes.sign(
                    Minutes.Role.CHAIR, "chair", publicKey(chair), sign(chair, "khác\n"), CLOCK))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(
            () ->
                minutes.sign(
                    Minutes.Role.CHAIR,
                    "sec",
                    publicKey(chair),
                    sign(chair, minutes.content()),
                    CLOCK))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.type()).endsWith("not-the-signer"));
    assertThat(minutes.signatures()).isEmpty();
  }

  @Test
  void editingADraftVoidsItsSignaturesAndBothSignaturesMakeItFinal() throws Exception {
    Minutes minutes = draft();
    KeyPair chair = keyPair();
    KeyPair sec = keyPair();
    minutes.sign(
        Minutes.Role.CHAIR, "chair", publicKey(chair), sign(chair, minutes.content()), CLOCK);
    assertThatThrownBy(
            () ->
                minutes.sign(
                    Minutes.Role.CHAIR,
                    "chair",
                    publicKey(chair),
                    sign(chair, minutes.content()),
                    CLOCK))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.type()).endsWith("already-signed"));
    minutes.edit("BIÊN BẢN\nNội dung đã sửa\n", CLOCK);
    assertThat(minutes.signatures()).isEmpty();

    minutes.sign(
        Minutes.Role.SECRETARY, "sec", publicKey(sec), sign(sec, minutes.content()), CLOCK);
    assertThat(minutes.status()).isEqualTo(Minutes.Status.DRAFT);
    minutes.sign(
        Minutes.Role.CHAIR, "chair", publicKey(chair), sign(chair, minutes.content()), CLOCK);
    assertThat(minutes.status()).isEqualTo(Minutes.Status.FINALIZED);
    assertThat(minutes.pendingEvents()).hasSize(1);
    assertThat(
            EventSchemas.violations(
                Minutes.FINALIZED,
                minutes.pendingEvents().get(0).payload().getBytes(StandardCharsets.UTF_8)))
        .isEmpty();

    assertThatThrownBy(() -> minutes.edit("sửa sau\n", CLOCK))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.type()).endsWith("minutes-finalized"));
  }
}
