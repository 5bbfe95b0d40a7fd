package vn.digicell.document.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestTopics;
import vn.digicell.platform.web.ProblemException;

/** The log stored in the embedded Mongo-compatible store, its checkpoints on the real broker. */
@DigiCellIntegrationTest
@org.springframework.test.context.TestPropertySource(
    properties = "digicell.ledger.origin=" + VerifiableLogTest.ORIGIN)
class VerifiableLogTest {

  static final String ORIGIN = "test.digicell.vn/log";

  static final int ENTRIES = 37;

  @Autowired VerifiableLog log;
  @Autowired MongoTemplate mongo;

  final List<byte[]> data = new ArrayList<>();

  @BeforeEach
  void fill() {
    for (int i = 0; i < ENTRIES; i++) {
      data.add(("entry-" + i).getBytes(StandardCharsets.UTF_8));
      log.append("entry-" + i, data.get(i));
    }
    log.checkpoint();
  }

  @Test
  void storedTreeMatchesTheRfcTreeForEverySize() {
    assertThat(log.size()).isEqualTo(ENTRIES);
    for (int n = 0; n <= ENTRIES; n++) {
      assertThat(log.root(n)).as("size %d", n).isEqualTo(MerkleTreeTest.mth(data.subList(0, n)));
    }
    for (int n = 1; n <= ENTRIES; n++) {
      byte[] root = log.root(n);
      for (int i = 0; i < n; i++) {
        VerifiableLog.Proof proof = log.inclusionProof(i, n);
        assertThat(
                LogVerifier.verifyInclusion(
                    LogHashes.leafHash(data.get(i)), i, n, proof.hashes(), root))
            .isTrue();
      }
      for (int m = 0; m <= n; m++) {
        VerifiableLog.Proof proof = log.consistencyProof(m, n);
        assertThat(LogVerifier.verifyConsistency(m, n, proof.hashes(), log.root(m), root))
            .as("(%d, %d)", m, n)
            .isTrue();
      }
    }
  }

  @Test
  void appendingAnEntryAgainChangesNothing() {
    VerifiableLog.Appended again = log.append("entry-5", data.get(5));
    assertThat(again.index()).isEqualTo(5);
    assertThat(again.leafHash()).isEqualTo(LogHashes.leafHash(data.get(5)));
    assertThat(log.size()).isEqualTo(ENTRIES);
  }

  @Test
  void proofsOfTreesNotYetGrownAreRefused() {
    assertThatThrownBy(() -> log.inclusionProof(0, ENTRIES + 1))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> log.consistencyProof(3, 2)).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> log.inclusionProof(ENTRIES, ENTRIES))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void aCheckpointIsSignedPublishedAndValidAgainstItsSchemaOnlyWhenTheTreeGrew() {
    assertThat(log.checkpoint()).as("the tree did not grow since the last one").isEmpty();
    VerifiableLog.SignedCheckpoint latest = log.latest();
    assertThat(latest.size()).isEqualTo(ENTRIES);
    Checkpoint read =
        LogVerifier.verifyCheckpoint(latest.signedNote(), log.verifierKey()).orElseThrow();
    assertThat(read.size()).isEqualTo(ENTRIES);
    assertThat(read.rootHash()).isEqualTo(log.root(ENTRIES));

    List<ConsumerRecord<String, byte[]>> records =
        TestTopics.awaitRecords("ledger.checkpoints", ORIGIN, 1);
    java.util.Set<Long> sizes = new java.util.TreeSet<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      assertThat(TestTopics.headers(record)).containsEntry("ce_type", LogHead.CHECKPOINT_ISSUED);
      assertThat(EventSchemas.violations(LogHead.CHECKPOINT_ISSUED, record.value())).isEmpty();
      JsonNode payload = JsonMapper.shared().readTree(record.value());
      long size = payload.get("size").asLong();
      // delivery is at-least-once (the outbox relay may repeat one); the sequence orders them
      assertThat(Long.parseLong(TestTopics.headers(record).get("ce_sequence"))).isEqualTo(1);
      sizes.add(size);
      Checkpoint signed =
          LogVerifier.verifyCheckpoint(payload.get("signedNote").asString(), log.verifierKey())
              .orElseThrow();
      assertThat(Base64.getEncoder().encodeToString(signed.rootHash()))
          .isEqualTo(payload.get("rootHash").asString());
    }
    // one checkpoint for all 37 appends, not one per append
    assertThat(sizes).containsExactly((long) ENTRIES);
  }

  @Test
  void anIntactLogPassesTheAudit() {
    VerifiableLog.AuditReport report = log.audit();
    assertThat(report.problems()).isEmpty();
    assertThat(report.leavesChecked()).isEqualTo(ENTRIES);
    assertThat(report.nodesChecked())
        .isEqualTo(ENTRIES / 2 + ENTRIES / 4 + ENTRIES / 8 + ENTRIES / 16 + ENTRIES / 32);
  }

  @Test
  void aLeafAlteredInTheDatabaseIsDetected() {
    Query leaf = Query.query(Criteria.where("_id").is(11L));
    Document original = mongo.findOne(leaf, Document.class, LogStorage.LEAVES);
    String forged = Base64.getEncoder().encodeToString("forged".getBytes(StandardCharsets.UTF_8));
    try {
      mongo.updateFirst(leaf, new Update().set("data", forged), LogStorage.LEAVES);
      assertThat(log.audit().problems()).contains("leaf 11: its hash does not match its data");
      // a careful forger rewrites the leaf hash too: the parent node gives it away
      mongo.updateFirst(
          leaf,
          new Update()
              .set(
                  "hash",
                  Base64.getEncoder()
                      .encodeToString(
                          LogHashes.leafHash("forged".getBytes(StandardCharsets.UTF_8)))),
          LogStorage.LEAVES);
      assertThat(log.audit().problems()).containsExactly("node 1/5: does not match its children");
    } finally {
      mongo.updateFirst(
          leaf,
          new Update()
              .set("data", original.getString("data"))
              .set("hash", original.getString("hash")),
          LogStorage.LEAVES);
    }
    assertThat(log.audit().intact()).isTrue();
  }

  @Test
  void aTreeNodeAlteredInTheDatabaseIsDetected() {
    Query node = Query.query(Criteria.where("_id").is(LogStorage.nodeId(3, 2)));
    Document original = mongo.findOne(node, Document.class, LogStorage.NODES);
    try {
      mongo.updateFirst(
          node,
          new Update().set("hash", Base64.getEncoder().encodeToString(new byte[32])),
          LogStorage.NODES);
      // its parent matches what node 3/2 should hold, so only the altered node is named
      assertThat(log.audit().problems()).containsExactly("node 3/2: does not match its children");
      mongo.remove(node, LogStorage.NODES);
      assertThat(log.audit().problems()).containsExactly("node 3/2: missing");
    } finally {
      mongo.save(original, LogStorage.NODES);
    }
    assertThat(log.audit().intact()).isTrue();
  }
}
