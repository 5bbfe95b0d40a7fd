package vn.digicell.document.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.document.ledger.Checkpoint;
import vn.digicell.document.ledger.LogHashes;
import vn.digicell.document.ledger.LogVerifier;
import vn.digicell.platform.events.DeadLetterTopics;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

/**
 * Finalised minutes and amendments from the restricted meeting.records, and adopted resolutions
 * from meeting.events, are verified, archived, appended and sealed by the next checkpoint
 * (triggered here by the test, as the scheduler would). Signatures are verified with the keys of
 * the projection of signing-key-registered events on meeting.events.
 */
@DigiCellIntegrationTest
class SealedArchiveTest {

  static final String FINALIZED = "vn.digicell.meeting.minutes-finalized.v1";
  static final String KEY_REGISTERED = "vn.digicell.meeting.signing-key-registered.v1";
  static final String RECORDS = "meeting.records";
  static final String RECORDS_DLT = DeadLetterTopics.name(RECORDS, "document-service-records");
  static final Instant KEYS_VALID_FROM = Instant.parse("2026-01-01T00:00:00Z");
  static final String CELL = "/AG/VB/C07";
  static final KeyPair CHAIR = ed25519();
  static final KeyPair SECRETARY = ed25519();

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;
  @Autowired ArchiveService archive;
  @Autowired MongoTemplate mongo;
  @Autowired vn.digicell.document.ledger.VerifiableLog log;

  TestHttp http;
  ArchiveFixture fixture;

  @BeforeEach
  void client() {
    http = new TestHttp("http://localhost:" + port);
    fixture = new ArchiveFixture(publisher, mongo, archive);
    fixture.registerOfficersKeys();
  }

  static String keyId(KeyPair pair) {
    return HexFormat.of()
        .formatHex(LogHashes.sha256(Base64.getDecoder().decode(publicKey(pair))))
        .substring(0, 16);
  }

  /** {@code signing-key-registered.v1} exactly as the contract describes it. */
  static String keyPayload(String memberId, KeyPair pair, Instant validFrom, String supersedes) {
    String payload =
        """
        {"memberId":"%s","keyId":"%s","publicKey":"%s","validFrom":"%s","supersedesKeyId":%s}"""
            .formatted(
                memberId,
                keyId(pair),
                publicKey(pair),
                validFrom,
                supersedes == null ? "null" : "\"" + supersedes + "\"");
    // what meeting-service publishes: valid against its schema in platform/contracts
    assertThat(EventSchemas.isKnown(KEY_REGISTERED)).isTrue();
    assertThat(EventSchemas.violations(KEY_REGISTERED, payload.getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    return payload;
  }

  static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String publicKey(KeyPair pair) {
    byte[] encoded = pair.getPublic().getEncoded();
    return Base64.getEncoder()
        .encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
  }

  static String sign(KeyPair pair, String content) {
    try {
      Signature ed = Signature.getInstance("Ed25519");
      ed.initSign(pair.getPrivate());
      ed.update(content.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(ed.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Minutes exactly as meeting-service publishes them (checked against its schema). */
  static String minutesPayload(String meetingId, String content, KeyPair secretaryKey) {
    String sha =
        HexFormat.of().formatHex(LogHashes.sha256(content.getBytes(StandardCharsets.UTF_8)));
    String payload =
        """
        {"meetingId":"%s","orgPath":"%s","content":%s,"contentSha256":"%s",\
        "signatures":[\
        {"role":"chair","signerMemberId":"m-chair","publicKey":"%s","signature":"%s"},\
        {"role":"secretary","signerMemberId":"m-secretary","publicKey":"%s","signature":"%s"}],\
        "finalizedAt":"2026-11-20T10:15:30Z"}"""
            .formatted(
                meetingId,
                CELL,
                JsonMapper.shared().writeValueAsString(content),
                sha,
                publicKey(CHAIR),
                sign(CHAIR, content),
                publicKey(SECRETARY),
                sign(secretaryKey, content));
    assertThat(EventSchemas.violations(FINALIZED, payload.getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    return payload;
  }

  void publish(String meetingId, long sequence, String payload) {
    publish(FINALIZED, meetingId, sequence, payload, CELL);
  }

  void publish(String type, String meetingId, long sequence, String payload, String orgPath) {
    fixture.publish(type, meetingId, sequence, payload, orgPath);
  }

  static String member(String... scope) {
    return TestTokens.forUser("member-" + UUID.randomUUID()).roles("member").orgScope(scope).sign();
  }

  static String content(String meetingId) {
    return "BIÊN BẢN HỌP CHI BỘ " + meetingId + "\nNghị quyết: tăng cường chuyển đổi số.\n";
  }

  JsonNode awaitSealed(String meetingId) {
    return awaitSealedRecord(recordId(meetingId, content(meetingId)));
  }

  /** Waits until the record is appended, then signs a checkpoint (what the scheduler does). */
  JsonNode awaitSealedRecord(String id) {
    fixture.awaitSealed(id);
    return http.get("/api/archive/records/" + id, member(CELL)).json();
  }

  static String recordId(String meetingId, String content) {
    String sha =
        HexFormat.of().formatHex(LogHashes.sha256(content.getBytes(StandardCharsets.UTF_8)));
    return UUID.nameUUIDFromBytes(
            ("minutes|" + meetingId + "|" + sha).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  @Test
  void finalisedMinutesAreSealedAndTheirProofVerifiesOffline() {
    String meetingId = "meeting-" + UUID.randomUUID();
    publish(meetingId, 7, minutesPayload(meetingId, content(meetingId), SECRETARY));
    JsonNode record = awaitSealed(meetingId);
    assertThat(record.get("content").asString()).isEqualTo(content(meetingId));
    long index = record.get("seal").get("logIndex").asLong();

    // the seal event, valid against its schema
    String id = record.get("id").asString();
    ConsumerRecord<String, byte[]> event =
        TestTopics.awaitRecords("document.events", id, 1).getFirst();
    assertThat(EventSchemas.violations(ArchiveRecord.MINUTES_SEALED, event.value())).isEmpty();
    JsonNode sealed = JsonMapper.shared().readTree(event.value());
    assertThat(sealed.get("logIndex").asLong()).isEqualTo(index);
    assertThat(TestTopics.headers(event)).containsEntry("ce_orgpath", CELL);

    // the public checkpoint, checked with the verifier key alone
    TestHttp.Response cp = http.get("/api/archive/log/checkpoint", null);
    assertThat(cp.status()).isEqualTo(200);
    String verifierKey = cp.json().get("verifierKey").asString();
    Checkpoint checkpoint =
        LogVerifier.verifyCheckpoint(cp.json().get("signedNote").asString(), verifierKey)
            .orElseThrow();

    // the inclusion proof for that checkpoint, checked without trusting the server
    TestHttp.Response proof =
        http.get(
            "/api/archive/records/" + id + "/inclusion-proof?treeSize=" + checkpoint.size(),
            member(CELL));
    assertThat(proof.status()).as(proof.body()).isEqualTo(200);
    List<byte[]> hashes = new ArrayList<>();
    proof.json().get("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asString())));
    byte[] leaf = Base64.getDecoder().decode(sealed.get("leafHash").asString());
    assertThat(
            LogVerifier.verifyInclusion(
                leaf, index, checkpoint.size(), hashes, checkpoint.rootHash()))
        .isTrue();
    assertThat(
            LogVerifier.verifyInclusion(
                LogHashes.leafHash(new byte[] {1}),
                index,
                checkpoint.size(),
                hashes,
                checkpoint.rootHash()))
        .isFalse();

    // the seal's checkpoint is consistent with the latest one
    long sealSize = sealed.get("checkpoint").get("size").asLong();
    TestHttp.Response consistency =
        http.get(
            "/api/archive/log/consistency-proof?from=" + sealSize + "&to=" + checkpoint.size(),
            member(CELL));
    assertThat(consistency.status()).as(consistency.body()).isEqualTo(200);
    List<byte[]> path = new ArrayList<>();
    consistency
        .json()
        .get("hashes")
        .forEach(h -> path.add(Base64.getDecoder().decode(h.asString())));
    Checkpoint atSeal =
        LogVerifier.verifyCheckpoint(
                sealed.get("checkpoint").get("signedNote").asString(), verifierKey)
            .orElseThrow();
    assertThat(
            LogVerifier.verifyConsistency(
                atSeal.size(), checkpoint.size(), path, atSeal.rootHash(), checkpoint.rootHash()))
        .isTrue();
  }

  @Test
  void aMemberOfAnotherCellCannotReadTheRecordOrItsProof() {
    String meetingId = "meeting-" + UUID.randomUUID();
    publish(meetingId, 3, minutesPayload(meetingId, content(meetingId), SECRETARY));
    String id = awaitSealed(meetingId).get("id").asString();
    String stranger = member("/AG/VB/C08");
    assertThat(http.get("/api/archive/records/" + id, stranger).status()).isEqualTo(403);
    assertThat(http.get("/api/archive/records/" + id + "/inclusion-proof", stranger).status())
        .isEqualTo(403);
    assertThat(http.get("/api/archive/records/" + id, member("/AG/VB")).status()).isEqualTo(200);
    // the meeting read rule plus auditors: analysts and IT admins read no minutes
    for (String role : List.of("analyst", "it-admin", "org-admin")) {
      String token = TestTokens.forUser(role).grant(role, CELL).sign();
      assertThat(http.get("/api/archive/records/" + id, token).status()).as(role).isEqualTo(403);
      assertThat(http.get("/api/archive/records/" + id + "/inclusion-proof", token).status())
          .as(role)
          .isEqualTo(403);
    }
    String auditor = TestTokens.forUser("auditor").grant("auditor", "/AG").sign();
    assertThat(http.get("/api/archive/records/" + id, auditor).status()).isEqualTo(200);
    TestTokens.Builder secretaryAttached =
        TestTokens.forUser("attached").grant("cell-secretary", "/AG/VB/C08").grant("member", CELL);
    assertThat(http.get("/api/archive/records/" + id, secretaryAttached.sign()).status())
        .isEqualTo(200);
    String secretaryElsewhere =
        TestTokens.forUser("elsewhere")
            .grant("cell-secretary", "/AG/VB/C08")
            .grant("analyst", CELL)
            .sign();
    assertThat(http.get("/api/archive/records/" + id, secretaryElsewhere).status()).isEqualTo(403);
    assertThat(http.get("/api/archive/records/" + id, null).status()).isEqualTo(401);
    assertThat(http.get("/api/archive/records/unknown", member(CELL)).status()).isEqualTo(404);
  }

  @Test
  void theSameMinutesTwiceMakeOneRecordAndOneLeaf() {
    String meetingId = "meeting-" + UUID.randomUUID();
    String payload = minutesPayload(meetingId, content(meetingId), SECRETARY);
    publish(meetingId, 5, payload);
    publish(meetingId, 5, payload);
    String id = awaitSealed(meetingId).get("id").asString();
    long size = log.size();
    // even past the consumer's de-duplication, sealing again is a no-op
    FinalizedMinutes minutes = JsonMapper.shared().readValue(payload, FinalizedMinutes.class);
    ArchiveRecord again = archive.seal(minutes, "another-delivery");
    assertThat(again.id()).isEqualTo(id);
    assertThat(
            mongo.count(
                Query.query(Criteria.where("meetingId").is(meetingId)), ArchiveRecord.class))
        .isEqualTo(1);
    assertThat(log.size()).isEqualTo(size);
    // one seal event (delivery is at-least-once, so count distinct event ids)
    assertThat(
            TestTopics.read("document.events", id).stream()
                .map(r -> TestTopics.headers(r).get("ce_id"))
                .distinct())
        .hasSize(1);
  }

  @Test
  void minutesWithAForgedSignatureAreDeadLetteredAndNotArchived() {
    String meetingId = "meeting-" + UUID.randomUUID();
    publish(meetingId, 1, minutesPayload(meetingId, content(meetingId), ed25519()));
    TestTopics.awaitRecords(RECORDS_DLT, meetingId, 1);
    assertThat(
            mongo.count(
                Query.query(Criteria.where("meetingId").is(meetingId)), ArchiveRecord.class))
        .isZero();
  }

  @Test
  void aVerificationRunDetectsARecordAlteredInTheDatabase() {
    String meetingId = "meeting-" + UUID.randomUUID();
    publish(meetingId, 2, minutesPayload(meetingId, content(meetingId), SECRETARY));
    String id = awaitSealed(meetingId).get("id").asString();
    String auditor = TestTokens.forUser("auditor").roles("auditor").orgScope("/").sign();
    TestHttp.Response clean = http.post("/api/archive/verification", auditor, "");
    assertThat(clean.status()).as(clean.body()).isEqualTo(200);
    assertThat(clean.json().get("intact").asBoolean()).as(clean.body()).isTrue();
    assertThat(http.post("/api/archive/verification", member(CELL), "").status()).isEqualTo(403);

    Query record = Query.query(Criteria.where("_id").is(id));
    String original = content(meetingId);
    try {
      mongo.updateFirst(
          record,
          new Update().set("content", original.replace("tăng cường", "bãi bỏ")),
          ArchiveRecord.class);
      JsonNode report = http.post("/api/archive/verification", auditor, "").json();
      assertThat(report.get("intact").asBoolean()).isFalse();
      assertThat(report.get("problems").toString()).contains(id).contains("SHA-256");
      // rewriting the stored hash to match does not help: the signatures and the log disagree
      String forged = original.replace("tăng cường", "bãi bỏ");
      mongo.updateFirst(
          record,
          new Update()
              .set(
                  "contentSha256",
                  HexFormat.of()
                      .formatHex(LogHashes.sha256(forged.getBytes(StandardCharsets.UTF_8)))),
          ArchiveRecord.class);
      report = http.post("/api/archive/verification", auditor, "").json();
      assertThat(report.get("problems").toString())
          .contains("signature does not verify")
          .contains("differs from log entry");
    } finally {
      mongo.updateFirst(
          record,
          new Update()
              .set("content", original)
              .set(
                  "contentSha256",
                  HexFormat.of()
                      .formatHex(LogHashes.sha256(original.getBytes(StandardCharsets.UTF_8)))),
          ArchiveRecord.class);
    }
    assertThat(http.post("/api/archive/verification", auditor, "").json().get("intact").asBoolean())
        .isTrue();
  }

  @Autowired org.springframework.scheduling.config.ScheduledTaskHolder scheduler;

  @Test
  void theCheckpointerIsScheduledAtTheConfiguredInterval() {
    // src/test/resources/config/application.yml sets PT10H so tests trigger checkpoints themselves
    assertThat(scheduler.getScheduledTasks())
        .map(t -> t.getTask())
        .filteredOn(t -> t.toString().contains("Checkpointer.run"))
        .singleElement()
        .isInstanceOfSatisfying(
            org.springframework.scheduling.config.FixedDelayTask.class,
            t -> {
              assertThat(t.getIntervalDuration()).isEqualTo(Duration.ofHours(10));
              assertThat(t.getInitialDelayDuration()).isEqualTo(Duration.ofHours(10));
            });
  }

  @Test
  void theSealWaitsForTheCheckpointThatFirstCoversTheMinutes() {
    String meetingId = "meeting-" + UUID.randomUUID();
    publish(meetingId, 4, minutesPayload(meetingId, content(meetingId), SECRETARY));
    String id = recordId(meetingId, content(meetingId));
    long index = fixture.awaitAppended(id).entry().orElseThrow().logIndex();

    // appended, not yet covered by a signed checkpoint: no seal, no proof, no event
    JsonNode pending = http.get("/api/archive/records/" + id, member(CELL)).json();
    assertThat(pending.hasNonNull("seal")).as(pending.toString()).isFalse();
    assertThat(pending.get("entry").get("logIndex").asLong()).isEqualTo(index);
    assertThat(http.get("/api/archive/records/" + id + "/inclusion-proof", member(CELL)).status())
        .isEqualTo(409);
    assertThat(log.latest().size()).isLessThanOrEqualTo(index);
    assertThat(TestTopics.read("document.events", id)).isEmpty();

    assertThat(archive.checkpointAndSeal()).isPositive();
    JsonNode sealed =
        JsonMapper.shared()
            .readTree(TestTopics.awaitRecords("document.events", id, 1).getFirst().value());
    assertThat(sealed.get("logIndex").asLong()).isEqualTo(index);
    long size = sealed.get("checkpoint").get("size").asLong();
    assertThat(size).isGreaterThan(index).isEqualTo(log.latest().size());
    // the seal's checkpoint is the one published on ledger.checkpoints
    String note = sealed.get("checkpoint").get("signedNote").asString();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                TestTopics.read("ledger.checkpoints", "digicell.vn/archive").stream()
                    .map(r -> JsonMapper.shared().readTree(r.value()))
                    .anyMatch(cp -> cp.get("signedNote").asString().equals(note)));
    // nothing new to sign: a second run changes nothing and sends nothing
    assertThat(archive.checkpointAndSeal()).isZero();
    assertThat(log.latest().size()).isEqualTo(size);
    assertThat(
            TestTopics.read("document.events", id).stream()
                .map(r -> TestTopics.headers(r).get("ce_id"))
                .distinct())
        .hasSize(1);
  }

  static final String RESOLUTION_ADOPTED = "vn.digicell.meeting.resolution-adopted.v1";

  static String resolutionPayload(String meetingId, String resolutionId, String text) {
    String payload =
        """
        {"meetingId":"%s","resolutionId":"%s","motionId":"motion-1","text":%s}"""
            .formatted(meetingId, resolutionId, JsonMapper.shared().writeValueAsString(text));
    assertThat(
            EventSchemas.violations(RESOLUTION_ADOPTED, payload.getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    return payload;
  }

  static String resolutionRecordId(String meetingId, String resolutionId) {
    return UUID.nameUUIDFromBytes(
            ("resolution|" + meetingId + "|" + resolutionId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  @Test
  void anAdoptedResolutionIsArchivedSealedAndProvableOnce() {
    String meetingId = "meeting-" + UUID.randomUUID();
    String text = "Nghị quyết: Chi bộ thống nhất triển khai sổ tay đảng viên điện tử.";
    String payload = resolutionPayload(meetingId, "res-1", text);
    publish(RESOLUTION_ADOPTED, meetingId, 9, payload, CELL);
    publish(RESOLUTION_ADOPTED, meetingId, 9, payload, CELL);
    String id = resolutionRecordId(meetingId, "res-1");
    JsonNode record = awaitSealedRecord(id);
    assertThat(record.get("kind").asString()).isEqualTo("RESOLUTION");
    assertThat(record.get("content").asString()).isEqualTo(text);
    assertThat(record.get("resolutionId").asString()).isEqualTo("res-1");
    assertThat(record.get("orgPath").asString()).isEqualTo(CELL);
    assertThat(record.get("signatures")).isEmpty();

    ConsumerRecord<String, byte[]> event =
        TestTopics.awaitRecords("document.events", id, 1).getFirst();
    assertThat(TestTopics.headers(event))
        .containsEntry("ce_type", ArchiveRecord.RESOLUTION_SEALED)
        .containsEntry("ce_orgpath", CELL);
    assertThat(EventSchemas.violations(ArchiveRecord.RESOLUTION_SEALED, event.value())).isEmpty();
    JsonNode sealed = JsonMapper.shared().readTree(event.value());
    assertThat(sealed.get("resolutionId").asString()).isEqualTo("res-1");
    assertThat(sealed.get("meetingId").asString()).isEqualTo(meetingId);

    // the log holds exactly the record's canonical entry, provable against the checkpoint
    long index = sealed.get("logIndex").asLong();
    String entry = new String(log.entry(index).orElseThrow(), StandardCharsets.UTF_8);
    assertThat(entry).contains("kind resolution\n").contains("resolution res-1\n");
    Checkpoint checkpoint =
        LogVerifier.verifyCheckpoint(
                sealed.get("checkpoint").get("signedNote").asString(), log.verifierKey())
            .orElseThrow();
    JsonNode proof =
        http.get(
                "/api/archive/records/" + id + "/inclusion-proof?treeSize=" + checkpoint.size(),
                member(CELL))
            .json();
    List<byte[]> hashes = new ArrayList<>();
    proof.get("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asString())));
    assertThat(
            LogVerifier.verifyInclusion(
                LogHashes.leafHash(entry.getBytes(StandardCharsets.UTF_8)),
                index,
                checkpoint.size(),
                hashes,
                checkpoint.rootHash()))
        .isTrue();

    // delivered twice: one record, one leaf
    assertThat(
            mongo.count(
                Query.query(Criteria.where("meetingId").is(meetingId)), ArchiveRecord.class))
        .isEqualTo(1);
    assertThat(http.get("/api/archive/records/" + id, member("/AG/VB/C08")).status())
        .isEqualTo(403);
  }

  @Test
  void anAlteredResolutionIsFoundByTheVerificationRun() {
    String meetingId = "meeting-" + UUID.randomUUID();
    publish(
        RESOLUTION_ADOPTED,
        meetingId,
        2,
        resolutionPayload(meetingId, "res-7", "Nghị quyết về công tác phát triển đảng viên."),
        CELL);
    String id = resolutionRecordId(meetingId, "res-7");
    awaitSealedRecord(id);
    String auditor = TestTokens.forUser("auditor").roles("auditor").orgScope("/").sign();
    Query record = Query.query(Criteria.where("_id").is(id));
    try {
      mongo.updateFirst(record, new Update().set("motionId", "motion-forged"), ArchiveRecord.class);
      JsonNode report = http.post("/api/archive/verification", auditor, "").json();
      assertThat(report.get("intact").asBoolean()).isFalse();
      assertThat(report.get("problems").toString()).contains(id).contains("differs from log entry");
    } finally {
      mongo.updateFirst(record, new Update().set("motionId", "motion-1"), ArchiveRecord.class);
    }
    assertThat(http.post("/api/archive/verification", auditor, "").json().get("intact").asBoolean())
        .isTrue();
  }

  @Test
  void aResolutionWithoutAnOrgPathIsDeadLetteredAndNotArchived() {
    String meetingId = "meeting-" + UUID.randomUUID();
    publish(
        RESOLUTION_ADOPTED,
        meetingId,
        1,
        resolutionPayload(meetingId, "res-x", "Nghị quyết không rõ chi bộ."),
        null);
    TestTopics.awaitRecords(
        DeadLetterTopics.name("meeting.events", "document-service-archive"), meetingId, 1);
    assertThat(
            mongo.count(
                Query.query(Criteria.where("meetingId").is(meetingId)), ArchiveRecord.class))
        .isZero();
  }

  static final String AMENDED = "vn.digicell.meeting.minutes-amended.v1";

  static String amendmentPayload(
      String meetingId, String content, int number, long amendsLogIndex, KeyPair secretaryKey) {
    String sha =
        HexFormat.of().formatHex(LogHashes.sha256(content.getBytes(StandardCharsets.UTF_8)));
    String payload =
        """
        {"meetingId":"%s","orgPath":"%s","content":%s,"contentSha256":"%s",\
        "signatures":[\
        {"role":"chair","signerMemberId":"m-chair","publicKey":"%s","signature":"%s"},\
        {"role":"secretary","signerMemberId":"m-secretary","publicKey":"%s","signature":"%s"}],\
        "finalizedAt":"2026-11-21T08:00:00.123456Z","amendsMeetingId":"%s","amendmentNumber":%d,\
        "amendsLogIndex":%d,"reason":"Sửa lỗi ghi số đảng viên dự họp"}"""
            .formatted(
                meetingId,
                CELL,
                JsonMapper.shared().writeValueAsString(content),
                sha,
                publicKey(CHAIR),
                sign(CHAIR, content),
                publicKey(SECRETARY),
                sign(secretaryKey, content),
                meetingId,
                number,
                amendsLogIndex);
    assertThat(EventSchemas.violations(AMENDED, payload.getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    return payload;
  }

  @Test
  void anAmendmentIsSealedLikeMinutesAndLinkedToTheOriginalWhichStaysAsItWas() {
    String meetingId = "meeting-" + UUID.randomUUID();
    publish(meetingId, 6, minutesPayload(meetingId, content(meetingId), SECRETARY));
    JsonNode original = awaitSealed(meetingId);
    String originalId = original.get("id").asString();
    long originalIndex = original.get("seal").get("logIndex").asLong();
    JsonNode originalSeal =
        JsonMapper.shared()
            .readTree(TestTopics.awaitRecords("document.events", originalId, 1).getFirst().value());
    assertThat(originalSeal.get("kind").asString()).isEqualTo("MINUTES");
    assertThat(originalSeal.get("contentSha256").asString())
        .isEqualTo(original.get("contentSha256").asString());

    String corrected = content(meetingId) + "Đính chính: có 12/13 đảng viên dự họp.\n";
    publish(
        AMENDED,
        "amendment-" + meetingId + "-1",
        1,
        amendmentPayload(meetingId, corrected, 1, originalIndex, SECRETARY),
        CELL);
    String id = recordId(meetingId, corrected);
    JsonNode amendment = awaitSealedRecord(id);
    assertThat(amendment.get("kind").asString()).isEqualTo("AMENDMENT");
    assertThat(amendment.get("content").asString()).isEqualTo(corrected);
    assertThat(amendment.get("amends").get("archiveRecordId").asString()).isEqualTo(originalId);
    assertThat(amendment.get("amends").get("logIndex").asLong()).isEqualTo(originalIndex);
    assertThat(amendment.get("amends").get("amendmentNumber").asInt()).isEqualTo(1);

    ConsumerRecord<String, byte[]> event =
        TestTopics.awaitRecords("document.events", id, 1).getFirst();
    assertThat(TestTopics.headers(event)).containsEntry("ce_type", ArchiveRecord.MINUTES_SEALED);
    assertThat(EventSchemas.violations(ArchiveRecord.MINUTES_SEALED, event.value())).isEmpty();
    JsonNode sealed = JsonMapper.shared().readTree(event.value());
    assertThat(sealed.get("kind").asString()).isEqualTo("AMENDMENT");
    assertThat(sealed.get("meetingId").asString()).isEqualTo(meetingId);
    assertThat(sealed.get("amendmentNumber").asInt()).isEqualTo(1);
    assertThat(sealed.get("amendsArchiveRecordId").asString()).isEqualTo(originalId);
    assertThat(sealed.get("logIndex").asLong()).isGreaterThan(originalIndex);
    String entry =
        new String(
            log.entry(sealed.get("logIndex").asLong()).orElseThrow(), StandardCharsets.UTF_8);
    assertThat(entry)
        .contains("kind amendment\n")
        .contains("amends " + originalId + " " + originalIndex + "\n");

    // the original is untouched, and the whole archive still verifies
    assertThat(http.get("/api/archive/records/" + originalId, member(CELL)).json())
        .isEqualTo(original);
    String auditor = TestTokens.forUser("auditor").roles("auditor").orgScope("/").sign();
    JsonNode report = http.post("/api/archive/verification", auditor, "").json();
    assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
  }

  @Test
  void anAmendmentOfMinutesThatAreNotInTheLogIsDeadLettered() {
    String meetingId = "meeting-" + UUID.randomUUID();
    String subject = "amendment-" + meetingId + "-1";
    publish(
        AMENDED,
        subject,
        1,
        amendmentPayload(meetingId, content(meetingId) + "x\n", 1, 9_999_999, SECRETARY),
        CELL);
    TestTopics.awaitRecords(RECORDS_DLT, subject, 1);
    assertThat(
            mongo.count(
                Query.query(Criteria.where("meetingId").is(meetingId)), ArchiveRecord.class))
        .isZero();
  }

  // ---- the contract of meeting.records: signatures with context, keys with history ----

  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  static final String V2 = "digicell-signing-v2";

  static String signV2(KeyPair pair, String kind, String meetingId, int version, String content) {
    String message =
        "DigiCell signature v2\nkind="
            + kind
            + "\nmeetingId="
            + meetingId
            + "\nversion="
            + version
            + "\ncontentSha256="
            + HexFormat.of().formatHex(LogHashes.sha256(content.getBytes(StandardCharsets.UTF_8)));
    return sign(pair, message);
  }

  /** One signature item, with the additive fields of the contract when keyId/scheme are given. */
  static String signature(
      String role,
      String memberId,
      String carriedPublicKey,
      String signature,
      String keyId,
      String scheme,
      Instant signedAt) {
    StringBuilder json =
        new StringBuilder(
            "{\"role\":\"%s\",\"signerMemberId\":\"%s\",\"publicKey\":\"%s\",\"signature\":\"%s\""
                .formatted(role, memberId, carriedPublicKey, signature));
    if (keyId != null) {
      json.append(",\"keyId\":\"").append(keyId).append('"');
    }
    if (scheme != null) {
      json.append(",\"scheme\":\"").append(scheme).append('"');
    }
    if (signedAt != null) {
      json.append(",\"signedAt\":\"").append(signedAt).append('"');
    }
    return json.append('}').toString();
  }

  /** A v2 signature by a registered officer key, as meeting-service makes it. */
  static String v2(
      String role,
      String memberId,
      KeyPair key,
      String kind,
      String meetingId,
      int version,
      String content,
      Instant signedAt) {
    return signature(
        role,
        memberId,
        publicKey(key),
        signV2(key, kind, meetingId, version, content),
        keyId(key),
        V2,
        signedAt);
  }

  /** minutes-finalized.v1 on meeting.records with the contract's additive fields. */
  static String recordPayload(
      String meetingId, String content, Integer version, Instant finalizedAt, String... sigs) {
    String sha =
        HexFormat.of().formatHex(LogHashes.sha256(content.getBytes(StandardCharsets.UTF_8)));
    String payload =
        """
        {"meetingId":"%s","orgPath":"%s","content":%s,"contentSha256":"%s",\
        "signatures":[%s],"finalizedAt":"%s"%s}"""
            .formatted(
                meetingId,
                CELL,
                JsonMapper.shared().writeValueAsString(content),
                sha,
                String.join(",", sigs),
                finalizedAt,
                version == null ? "" : ",\"version\":" + version);
    assertThat(EventSchemas.violations(FINALIZED, payload.getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    return payload;
  }

  static final Instant SIGNED_AT = Instant.parse("2026-11-20T10:00:00.123456Z");
  static final Instant FINALIZED_AT = Instant.parse("2026-11-20T10:15:30Z");

  String v2Minutes(String meetingId, String content, int version) {
    return recordPayload(
        meetingId,
        content,
        version,
        FINALIZED_AT,
        v2("chair", "m-chair", CHAIR, "minutes", meetingId, version, content, SIGNED_AT),
        v2(
            "secretary",
            "m-secretary",
            SECRETARY,
            "minutes",
            meetingId,
            version,
            content,
            SIGNED_AT));
  }

  long minutesOf(String meetingId) {
    return mongo.count(
        Query.query(Criteria.where("meetingId").is(meetingId).and("kind").ne("RESOLUTION")),
        ArchiveRecord.class);
  }

  @Test
  void minutesSignedUnderTheV2SchemeAreVerifiedWithRegisteredKeysAndTheLogCommitsToTheContext() {
    String meetingId = "meeting-" + UUID.randomUUID();
    publish(meetingId, 1, v2Minutes(meetingId, content(meetingId), 3));
    JsonNode record = awaitSealed(meetingId);
    assertThat(record.get("signatures").toString())
        .contains(keyId(CHAIR))
        .contains(keyId(SECRETARY))
        .contains(V2);
    String entry =
        new String(
            log.entry(record.get("seal").get("logIndex").asLong()).orElseThrow(),
            StandardCharsets.UTF_8);
    assertThat(entry)
        .contains("version 3\n")
        .contains(
            "signature-key secretary "
                + keyId(SECRETARY)
                + " digicell-signing-v2 2026-11-20T10:00:00.123Z\n");
    String auditor = TestTokens.forUser("auditor").grant("auditor", "/").sign();
    JsonNode report = http.post("/api/archive/verification", auditor, "").json();
    assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
  }

  @Test
  void aV2SignatureHoldsForItsOwnMeetingKindAndVersionOnly() {
    String content = "BIÊN BẢN HỌP CHI BỘ — cùng một văn bản cho nhiều cuộc họp.\n";
    String elsewhere = "meeting-" + UUID.randomUUID();
    String asAmendment = "meeting-" + UUID.randomUUID();
    String otherVersion = "meeting-" + UUID.randomUUID();
    // signatures made for another meeting with the same text
    publish(
        elsewhere,
        1,
        recordPayload(
            elsewhere,
            content,
            1,
            FINALIZED_AT,
            v2("chair", "m-chair", CHAIR, "minutes", elsewhere, 1, content, SIGNED_AT),
            v2(
                "secretary",
                "m-secretary",
                SECRETARY,
                "minutes",
                "meeting-x",
                1,
                content,
                SIGNED_AT)));
    // signatures made for an amendment, presented as minutes
    publish(
        asAmendment,
        1,
        recordPayload(
            asAmendment,
            content,
            1,
            FINALIZED_AT,
            v2("chair", "m-chair", CHAIR, "amendment", asAmendment, 1, content, SIGNED_AT),
            v2(
                "secretary",
                "m-secretary",
                SECRETARY,
                "amendment",
                asAmendment,
                1,
                content,
                SIGNED_AT)));
    // signatures of draft version 2, presented as version 5
    publish(
        otherVersion,
        1,
        recordPayload(
            otherVersion,
            content,
            5,
            FINALIZED_AT,
            v2("chair", "m-chair", CHAIR, "minutes", otherVersion, 2, content, SIGNED_AT),
            v2(
                "secretary",
                "m-secretary",
                SECRETARY,
                "minutes",
                otherVersion,
                2,
                content,
                SIGNED_AT)));
    for (String meetingId : List.of(elsewhere, asAmendment, otherVersion)) {
      TestTopics.awaitRecords(RECORDS_DLT, meetingId, 1);
      assertThat(minutesOf(meetingId)).as(meetingId).isZero();
    }
  }

  @Test
  void theArchiveVerifiesWithTheRegisteredKeyNeverWithTheKeyTheRecordCarries() {
    KeyPair forger = ed25519();
    String content = "BIÊN BẢN giả mạo: chữ ký và khoá đi kèm đều của kẻ giả mạo.\n";
    String forged = "meeting-" + UUID.randomUUID();
    // signature and carried key agree with each other, but the key is not the secretary's
    publish(
        forged,
        1,
        recordPayload(
            forged,
            content,
            null,
            FINALIZED_AT,
            signature("chair", "m-chair", publicKey(CHAIR), sign(CHAIR, content), null, null, null),
            signature(
                "secretary",
                "m-secretary",
                publicKey(forger),
                sign(forger, content),
                null,
                null,
                null)));
    TestTopics.awaitRecords(RECORDS_DLT, forged, 1);
    assertThat(minutesOf(forged)).isZero();

    // a wrong key carried beside a genuine signature changes nothing: the registered key is kept
    String genuine = "meeting-" + UUID.randomUUID();
    publish(
        genuine,
        1,
        recordPayload(
            genuine,
            content(genuine),
            null,
            FINALIZED_AT,
            signature(
                "chair",
                "m-chair",
                publicKey(forger),
                sign(CHAIR, content(genuine)),
                null,
                null,
                null),
            signature(
                "secretary",
                "m-secretary",
                publicKey(forger),
                sign(SECRETARY, content(genuine)),
                null,
                null,
                null)));
    JsonNode record = awaitSealed(genuine);
    assertThat(record.get("signatures").toString())
        .contains(publicKey(CHAIR))
        .contains(publicKey(SECRETARY))
        .doesNotContain(publicKey(forger));
  }

  @Test
  void aSignatureIsCheckedAgainstTheKeyValidAtItsSigningTime() {
    String member = "m-secretary-" + UUID.randomUUID();
    KeyPair first = ed25519();
    KeyPair second = ed25519();
    Instant firstFrom = Instant.parse("2026-03-01T00:00:00Z");
    Instant secondFrom = Instant.parse("2026-06-01T00:00:00Z");
    fixture.registerKey(member, first, firstFrom, null);
    fixture.registerKey(member, second, secondFrom, keyId(first));
    fixture.awaitKeys(member, 2);
    Instant april = Instant.parse("2026-04-01T09:00:00Z");
    Instant july = Instant.parse("2026-07-01T09:00:00Z");

    // the first key, while it was valid (the old key stays in the history)
    String before = "meeting-" + UUID.randomUUID();
    publish(
        before,
        1,
        recordPayload(
            before,
            content(before),
            1,
            april,
            v2("chair", "m-chair", CHAIR, "minutes", before, 1, content(before), april),
            v2("secretary", member, first, "minutes", before, 1, content(before), april)));
    // the first key after the second replaced it
    String after = "meeting-" + UUID.randomUUID();
    publish(
        after,
        1,
        recordPayload(
            after,
            content(after),
            1,
            july,
            v2("chair", "m-chair", CHAIR, "minutes", after, 1, content(after), july),
            v2("secretary", member, first, "minutes", after, 1, content(after), july)));
    // a legacy signature (no key id, raw content) resolves by signer and finalisation time
    String legacy = "meeting-" + UUID.randomUUID();
    publish(
        legacy,
        1,
        recordPayload(
            legacy,
            content(legacy),
            null,
            july,
            signature(
                "chair",
                "m-chair",
                publicKey(CHAIR),
                sign(CHAIR, content(legacy)),
                null,
                null,
                null),
            signature(
                "secretary",
                member,
                publicKey(first),
                sign(second, content(legacy)),
                null,
                null,
                null)));

    assertThat(awaitSealed(before).get("signatures").toString()).contains(keyId(first));
    TestTopics.awaitRecords(RECORDS_DLT, after, 1);
    assertThat(minutesOf(after)).isZero();
    assertThat(awaitSealed(legacy).get("signatures").toString())
        .contains(publicKey(second))
        .doesNotContain(publicKey(first));
  }

  @Test
  void aRecordThatOvertakesItsSignersKeyIsRetriedUntilTheKeyArrives() {
    String member = "m-late-" + UUID.randomUUID();
    KeyPair late = ed25519();
    String meetingId = "meeting-" + UUID.randomUUID();
    double missingBefore = missingKeys();
    publish(
        meetingId,
        1,
        recordPayload(
            meetingId,
            content(meetingId),
            2,
            FINALIZED_AT,
            v2("chair", "m-chair", CHAIR, "minutes", meetingId, 2, content(meetingId), SIGNED_AT),
            v2("secretary", member, late, "minutes", meetingId, 2, content(meetingId), SIGNED_AT)));
    await().atMost(Duration.ofSeconds(30)).until(() -> missingKeys() > missingBefore);
    assertThat(minutesOf(meetingId)).isZero();
    assertThat(TestTopics.read(RECORDS_DLT, meetingId)).isEmpty();

    fixture.registerKey(member, late, Instant.parse("2026-11-01T00:00:00Z"), null);
    assertThat(awaitSealed(meetingId).get("signatures").toString()).contains(keyId(late));
  }

  double missingKeys() {
    io.micrometer.core.instrument.Counter counter =
        meters.find("digicell.archive.signing_key_missing").counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void minutesOnTheGeneralStreamAreNoLongerArchived() {
    String meetingId = "meeting-" + UUID.randomUUID();
    fixture.publishOn(
        "meeting.events",
        FINALIZED,
        meetingId,
        1,
        minutesPayload(meetingId, content(meetingId), SECRETARY),
        CELL);
    // a later event of the same meeting on the same partition: once it is archived, the
    // minutes before it were seen and left alone
    publish(
        RESOLUTION_ADOPTED,
        meetingId,
        2,
        resolutionPayload(meetingId, "res-after", "Nghị quyết sau biên bản."),
        CELL);
    fixture.awaitAppended(resolutionRecordId(meetingId, "res-after"));
    assertThat(minutesOf(meetingId)).isZero();
  }

  @Test
  void anAmendmentSignedUnderV2NamesItsOwnKindAndNumber() {
    String meetingId = "meeting-" + UUID.randomUUID();
    publish(meetingId, 1, v2Minutes(meetingId, content(meetingId), 4));
    long originalIndex = awaitSealed(meetingId).get("seal").get("logIndex").asLong();
    String corrected = content(meetingId) + "Đính chính: biểu quyết 11/12.\n";
    String sha =
        HexFormat.of().formatHex(LogHashes.sha256(corrected.getBytes(StandardCharsets.UTF_8)));
    String payload =
        """
        {"meetingId":"%s","orgPath":"%s","content":%s,"contentSha256":"%s","signatures":[%s,%s],\
        "finalizedAt":"2026-11-22T08:00:00Z","amendsMeetingId":"%s","amendmentNumber":2,\
        "amendsLogIndex":%d,"reason":"Sửa kết quả biểu quyết","version":1}"""
            .formatted(
                meetingId,
                CELL,
                JsonMapper.shared().writeValueAsString(corrected),
                sha,
                v2("chair", "m-chair", CHAIR, "amendment", meetingId, 2, corrected, SIGNED_AT),
                v2(
                    "secretary",
                    "m-secretary",
                    SECRETARY,
                    "amendment",
                    meetingId,
                    2,
                    corrected,
                    SIGNED_AT),
                meetingId,
                originalIndex);
    assertThat(EventSchemas.violations(AMENDED, payload.getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    publish(AMENDED, "amendment-" + meetingId + "-2", 1, payload, CELL);
    JsonNode amendment = awaitSealedRecord(recordId(meetingId, corrected));
    assertThat(amendment.get("kind").asString()).isEqualTo("AMENDMENT");
    String auditor = TestTokens.forUser("auditor").grant("auditor", "/").sign();
    JsonNode report = http.post("/api/archive/verification", auditor, "").json();
    assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
  }
}
