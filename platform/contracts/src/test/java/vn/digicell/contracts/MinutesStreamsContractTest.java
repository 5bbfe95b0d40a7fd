package vn.digicell.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Minutes off the general stream: the texts travel on the restricted {@code meeting.records}, the
 * general {@code meeting.events} carries facts (ids, hashes, signers) the schemas keep text-free.
 */
class MinutesStreamsContractTest {

  static final String SHA = "a".repeat(64);
  static final String KEY = "A".repeat(43) + "=";
  static final String SIG = "B".repeat(86) + "==";

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void minutesTextsTravelOnTheRestrictedTopicAndTheirFactsOnTheGeneralOne() {
    assertThat(EventCatalogue.topicOf("vn.digicell.meeting.minutes-finalized.v1"))
        .isEqualTo("meeting.records");
    assertThat(EventCatalogue.topicOf("vn.digicell.meeting.minutes-amended.v1"))
        .isEqualTo("meeting.records");
    assertThat(EventCatalogue.topicOf("vn.digicell.meeting.minutes-finalized.v2"))
        .isEqualTo("meeting.events");
    assertThat(EventCatalogue.topicOf("vn.digicell.meeting.minutes-amended.v2"))
        .isEqualTo("meeting.events");
    assertThat(EventCatalogue.topicOf("vn.digicell.meeting.signing-key-registered.v1"))
        .isEqualTo("meeting.events");
    assertThat(
            EventCatalogue.entries().stream()
                .filter(e -> e.topic().equals("meeting.records"))
                .flatMap(e -> e.consumers().stream())
                .distinct())
        .containsExactly("document-service");
  }

  static String v2Signatures() {
    return """
        [{"role":"chair","signerMemberId":"m1","keyId":"0123456789abcdef",\
        "scheme":"digicell-signing-v2","signedAt":"2026-12-05T08:00:00Z"},\
        {"role":"secretary","signerMemberId":"m2","keyId":"fedcba9876543210",\
        "scheme":"raw-content-v1","signedAt":"2026-12-05T08:01:00Z"}]""";
  }

  @Test
  void theFactsOfFinalMinutesCarryNoTextNoKeyAndNoSignatureBytes() {
    String facts =
        """
        {"meetingId":"m","orgPath":"/AG/VB/C07","version":3,"contentSha256":"%s",\
        "finalizedAt":"2026-12-05T08:02:00Z","signatures":%s}"""
            .formatted(SHA, v2Signatures());
    String type = "vn.digicell.meeting.minutes-finalized.v2";
    assertThat(EventSchemas.violations(type, json(facts))).isEmpty();
    assertThat(
            EventSchemas.violations(
                type, json(facts.replaceFirst("\\{", "{\"content\":\"BIÊN BẢN\","))))
        .isNotEmpty();
    assertThat(
            EventSchemas.violations(
                type,
                json(
                    facts.replace(
                        "\"role\":\"chair\",",
                        "\"role\":\"chair\",\"publicKey\":\"" + KEY + "\","))))
        .isNotEmpty();
    assertThat(
            EventSchemas.violations(
                type,
                json(
                    facts.replace(
                        "\"role\":\"chair\",",
                        "\"role\":\"chair\",\"signature\":\"" + SIG + "\","))))
        .isNotEmpty();
  }

  @Test
  void theFactsOfAnAmendmentCarryNoReason() {
    String facts =
        """
        {"meetingId":"m","orgPath":"/AG/VB/C07","version":1,"contentSha256":"%s",\
        "finalizedAt":"2026-12-05T08:02:00Z","signatures":%s,"amendsMeetingId":"m",\
        "amendmentNumber":1,"amendsLogIndex":41}"""
            .formatted(SHA, v2Signatures());
    String type = "vn.digicell.meeting.minutes-amended.v2";
    assertThat(EventSchemas.violations(type, json(facts))).isEmpty();
    assertThat(
            EventSchemas.violations(
                type, json(facts.replaceFirst("\\{", "{\"reason\":\"Ghi sai tên\","))))
        .isNotEmpty();
  }

  @Test
  void theFirstReleaseOfMinutesStaysValidAndTakesTheKeyIdSchemeAndVersion() {
    String legacy =
        """
        {"meetingId":"m","orgPath":"/AG/VB/C07","content":"BIÊN BẢN\\n","contentSha256":"%s",\
        "signatures":[{"role":"chair","signerMemberId":"m1","publicKey":"%s","signature":"%s"},\
        {"role":"secretary","signerMemberId":"m2","publicKey":"%s","signature":"%s"}],\
        "finalizedAt":"2026-12-05T08:02:00Z"}"""
            .formatted(SHA, KEY, SIG, KEY, SIG);
    String type = "vn.digicell.meeting.minutes-finalized.v1";
    assertThat(EventSchemas.violations(type, json(legacy))).isEmpty();
    String extended =
        legacy
            .replace(
                "\"publicKey\"",
                "\"keyId\":\"0123456789abcdef\",\"scheme\":\"digicell-signing-v2\","
                    + "\"signedAt\":\"2026-12-05T08:00:00Z\",\"publicKey\"")
            .replaceFirst("\\{", "{\"version\":2,");
    assertThat(EventSchemas.violations(type, json(extended))).isEmpty();
    assertThat(
            EventSchemas.violations(
                type, json(extended.replace("digicell-signing-v2", "something-else"))))
        .isNotEmpty();
  }

  @Test
  void aRegisteredKeyNamesTheKeyItSupersedes() {
    String type = "vn.digicell.meeting.signing-key-registered.v1";
    String first =
        """
        {"memberId":"m1","keyId":"0123456789abcdef","publicKey":"%s",\
        "validFrom":"2026-12-05T08:00:00Z","supersedesKeyId":null}"""
            .formatted(KEY);
    assertThat(EventSchemas.violations(type, json(first))).isEmpty();
    assertThat(EventSchemas.violations(type, json(first.replace("null", "\"fedcba9876543210\""))))
        .isEmpty();
    assertThat(
            EventSchemas.violations(
                type, json(first.replace("\"keyId\":\"0123456789abcdef\",", ""))))
        .isNotEmpty();
  }

  @Test
  void aClosedVoteMayOmitTheChoicesOfAnOpenBallot() {
    String closed =
        """
        {"motionId":"v","meetingId":"m","ballot":"OPEN","majorityBase":3,\
        "majorityRule":"more than half","voterIds":["m1","m2"],\
        "tallies":[{"option":"Tán thành","votes":2,"receiptHashes":["%s","%s"]}],\
        "adopted":"Tán thành"}"""
            .formatted(SHA, "b".repeat(64));
    assertThat(EventSchemas.violations("vn.digicell.meeting.vote-closed.v1", json(closed)))
        .isEmpty();
  }
}
