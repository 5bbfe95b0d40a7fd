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

  @Test
  void finalisationTimesAreKeptToTheMillisecondTheDatabaseStores() {
    FinalizedMinutes precise =
        new FinalizedMinutes(
            "meeting-1",
            "/AG/VB/C07",
            CONTENT,
            sha(CONTENT),
            List.of(signature("chair", CHAIR, CONTENT), signature("secretary", SECRETARY, CONTENT)),
            Instant.parse("2026-11-20T10:00:00.123456789Z"));
    ArchiveRecord record = ArchiveRecord.of(precise, "e", CLOCK);
    assertThat(record.finalizedAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00.123Z"));
    assertThat(new String(record.logEntry(), StandardCharsets.UTF_8))
        .contains("finalized 2026-11-20T10:00:00.123Z\n");
  }

  @Test
  void aResolutionNeedsAnOrgPathAndCommitsToItsIdsAndText() {
    AdoptedResolution resolution =
        new AdoptedResolution("meeting-1", "res-1", "motion-1", "Nghị quyết thông qua.");
    assertThatThrownBy(() -> ArchiveRecord.resolution(resolution, null, Instant.EPOCH, "e", CLOCK))
        .isInstanceOf(ArchiveRecord.InvalidMinutesException.class);
    ArchiveRecord record =
        ArchiveRecord.resolution(resolution, "/AG/VB/C07", Instant.EPOCH, "e", CLOCK);
    assertThat(record.kind()).isEqualTo(ArchiveRecord.Kind.RESOLUTION);
    assertThat(record.problems()).isEmpty();
    assertThat(new String(record.logEntry(), StandardCharsets.UTF_8))
        .contains("kind resolution\n")
        .contains("resolution res-1\nmotion motion-1\n")
        .contains("content-sha256 " + sha("Nghị quyết thông qua."));
    // redelivered with another event id and time: the same record
    assertThat(ArchiveRecord.resolution(resolution, "/AG/VB/C07", Instant.now(), "e2", CLOCK).id())
        .isEqualTo(record.id());
  }

  @Test
  void anAmendmentMustNameArchivedMinutesOfItsOwnMeeting() {
    String corrected = CONTENT + "Đính chính.\n";
    List<FinalizedMinutes.MinutesSignature> sigs =
        List.of(signature("chair", CHAIR, corrected), signature("secretary", SECRETARY, corrected));
    ArchiveRecord original =
        ArchiveRecord.of(
            minutes(
                CONTENT,
                List.of(
                    signature("chair", CHAIR, CONTENT),
                    signature("secretary", SECRETARY, CONTENT))),
            "e",
            CLOCK);
    AmendedMinutes amendment =
        new AmendedMinutes(
            "meeting-1",
            "/AG/VB/C07",
            corrected,
            sha(corrected),
            sigs,
            Instant.parse("2026-11-21T10:00:00Z"),
            "meeting-1",
            1,
            4,
            "Sửa lỗi");
    ArchiveRecord record = ArchiveRecord.amendment(amendment, original, "e", CLOCK);
    assertThat(record.kind()).isEqualTo(ArchiveRecord.Kind.AMENDMENT);
    assertThat(record.amends().orElseThrow().archiveRecordId()).isEqualTo(original.id());
    assertThat(new String(record.logEntry(), StandardCharsets.UTF_8))
        .contains("kind amendment\n")
        .contains("amends " + original.id() + " 4\namendment 1\n");
    assertThatThrownBy(() -> ArchiveRecord.amendment(amendment, null, "e", CLOCK))
        .isInstanceOf(ArchiveRecord.InvalidMinutesException.class)
        .hasMessageContaining("no archived minutes at log index 4");
    AmendedMinutes otherMeeting =
        new AmendedMinutes(
            "meeting-2",
            "/AG/VB/C07",
            corrected,
            sha(corrected),
            sigs,
            Instant.parse("2026-11-21T10:00:00Z"),
            "meeting-2",
            1,
            4,
            "Sửa lỗi");
    assertThatThrownBy(() -> ArchiveRecord.amendment(otherMeeting, original, "e", CLOCK))
        .hasMessageContaining("holds no minutes of that meeting");
    AmendedMinutes forged =
        new AmendedMinutes(
            "meeting-1",
            "/AG/VB/C07",
            corrected,
            sha(corrected),
            List.of(
                signature("chair", CHAIR, corrected),
                new FinalizedMinutes.MinutesSignature(
                    "secretary",
                    "m-secretary",
                    SealedArchiveTest.publicKey(SECRETARY),
                    SealedArchiveTest.sign(SealedArchiveTest.ed25519(), corrected))),
            Instant.parse("2026-11-21T10:00:00Z"),
            "meeting-1",
            1,
            4,
            "Sửa lỗi");
    assertThatThrownBy(() -> ArchiveRecord.amendment(forged, original, "e", CLOCK))
        .hasMessageContaining("secretary's signature does not verify");
  }
}
