package vn.digicell.document.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.digicell.document.ledger.LogHashes;

/** Which finalised minutes the archive accepts, without Spring. */
class ArchiveRecordTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
  static final KeyPair CHAIR = SealedArchiveTest.ed25519();
  static final KeyPair SECRETARY = SealedArchiveTest.ed25519();
  static final String CONTENT = "Biên bản họp chi bộ tháng 11\nĐồng chí Đào Văn Đức chủ trì.\n";

  static FinalizedMinutes.MinutesSignature signature(String role, KeyPair key, String content) {
    return new FinalizedMinutes.MinutesSignature(
        role, "m-" + role, SealedArchiveTest.publicKey(key), SealedArchiveTest.sign(key, content));
  }

  static String sha(String content) {
    return HexFormat.of().formatHex(LogHashes.sha256(content.getBytes(StandardCharsets.UTF_8)));
  }

  static FinalizedMinutes minutes(
      String content, List<FinalizedMinutes.MinutesSignature> signatures) {
    return new FinalizedMinutes(
        "meeting-1",
        "/AG/VB/C07",
        content,
        sha(content),
        signatures,
        Instant.parse("2026-11-20T10:00:00Z"));
  }

  @Test
  void minutesSignedByChairAndSecretaryAreAccepted() {
    ArchiveRecord record =
        ArchiveRecord.of(
            minutes(
                CONTENT,
                List.of(
                    signature("chair", CHAIR, CONTENT),
                    signature("secretary", SECRETARY, CONTENT))),
            "event-1",
            CLOCK);
    assertThat(record.sealed()).isEmpty();
    assertThat(new String(record.logEntry(), StandardCharsets.UTF_8))
        .startsWith("digicell-archive-entry/v1\nrecord " + record.id() + "\n")
        .contains("content-sha256 " + sha(CONTENT));
    // the same minutes always map to the same record
    assertThat(
            ArchiveRecord.of(
                    minutes(
                        CONTENT,
                        List.of(
                            signature("chair", CHAIR, CONTENT),
                            signature("secretary", SECRETARY, CONTENT))),
                    "event-2",
                    CLOCK)
                .id())
        .isEqualTo(record.id());
  }

  @Test
  void aSignatureOverOtherContentIsRejected() {
    var forged =
        minutes(
            CONTENT,
            List.of(
                signature("chair", CHAIR, CONTENT),
                signature("secretary", SECRETARY, CONTENT + " ")));
    assertThat(ArchiveRecord.problems(forged))
        .containsExactly("the secretary's signature does not verify");
    assertThatThrownBy(() -> ArchiveRecord.of(forged, "e", CLOCK))
        .isInstanceOf(ArchiveRecord.InvalidMinutesException.class);
  }

  @Test
  void bothOfficersMustSignExactlyOnce() {
    var chairTwice =
        minutes(
            CONTENT,
            List.of(signature("chair", CHAIR, CONTENT), signature("chair", SECRETARY, CONTENT)));
    assertThat(ArchiveRecord.problems(chairTwice))
        .containsExactly(
            "expected exactly one chair signature, found 2",
            "expected exactly one secretary signature, found 0");
  }

  @Test
  void aContentHashThatDoesNotMatchIsRejected() {
    var sigs =
        List.of(signature("chair", CHAIR, CONTENT), signature("secretary", SECRETARY, CONTENT));
    var wrongHash =
        new FinalizedMinutes("meeting-1", "/AG/VB/C07", CONTENT, sha("other"), sigs, Instant.now());
    assertThat(ArchiveRecord.problems(wrongHash))
        .containsExactly("the content does not match its SHA-256");
  }

  @Test
  void aMalformedKeyIsRejectedNotThrown() {
    var sigs =
        List.of(
            new FinalizedMinutes.MinutesSignature("chair", "m", "not base64!", "AAAA"),
            signature("secretary", SECRETARY, CONTENT));
    assertThat(ArchiveRecord.problems(minutes(CONTENT, sigs)))
        .containsExactly("the chair's signature does not verify");
  }
}
