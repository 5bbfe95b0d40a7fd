package vn.digicell.document.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTopics;

/**
 * A database writer who rewrites the stored log gets no signature over the fork: before signing,
 * the new tree must extend the last signed checkpoint (a consistency proof computed from the stored
 * log).
 */
@DigiCellIntegrationTest
@org.springframework.test.context.TestPropertySource(
    properties = "digicell.ledger.origin=" + ForkedLogTest.ORIGIN)
class ForkedLogTest {

  static final String ORIGIN = "fork.digicell.vn/log";

  @Autowired VerifiableLog log;
  @Autowired LogIntegrity integrity;
  @Autowired MongoTemplate mongo;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  static byte[] data(int i) {
    return ("entry-" + i).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aTreeThatNoLongerExtendsTheLastSignedCheckpointIsNeverSigned() {
    for (int i = 0; i < 5; i++) {
      log.append("entry-" + i, data(i));
    }
    VerifiableLog.SignedCheckpoint signed = log.checkpoint().orElseThrow();
    assertThat(signed.size()).isEqualTo(5);
    assertThat(integrity.health().getStatus()).isEqualTo(Status.UP);

    // a careful forger rewrites leaf 2 and every node above it, so the tree is self-consistent
    Document leaf = mongo.findById(2L, Document.class, LogStorage.LEAVES);
    Document node11 = mongo.findById(LogStorage.nodeId(1, 1), Document.class, LogStorage.NODES);
    Document node20 = mongo.findById(LogStorage.nodeId(2, 0), Document.class, LogStorage.NODES);
    byte[] forged = "forged".getBytes(StandardCharsets.UTF_8);
    byte[] forgedLeaf = LogHashes.leafHash(forged);
    byte[] forgedNode11 = LogHashes.nodeHash(forgedLeaf, LogHashes.leafHash(data(3)));
    byte[] forgedNode20 =
        LogHashes.nodeHash(
            LogHashes.nodeHash(LogHashes.leafHash(data(0)), LogHashes.leafHash(data(1))),
            forgedNode11);
    set(LogStorage.LEAVES, 2L, new Update().set("data", b64(forged)).set("hash", b64(forgedLeaf)));
    set(LogStorage.NODES, LogStorage.nodeId(1, 1), new Update().set("hash", b64(forgedNode11)));
    set(LogStorage.NODES, LogStorage.nodeId(2, 0), new Update().set("hash", b64(forgedNode20)));
    log.append("entry-5", data(5));

    assertThat(log.checkpoint()).as("a fork is never signed").isEmpty();
    assertThat(log.latest().size()).isEqualTo(5);
    assertThat(log.latest().rootHash()).isEqualTo(signed.rootHash());
    assertThat(integrity.lastRefusal().orElseThrow().reason())
        .contains("does not extend the signed checkpoint of size 5");
    assertThat(integrity.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(meters.get("digicell.ledger.checkpoints.refused").counter().count()).isEqualTo(1);
    assertThat(meters.get("digicell.ledger.integrity").gauge().value()).isZero();
    assertThat(new TestHttp("http://localhost:" + port).get("/actuator/health", null).status())
        .isEqualTo(503);

    // rewriting the head's root to the forged one does not help: its signed note disagrees
    byte[] forgedRoot5 = LogHashes.nodeHash(forgedNode20, LogHashes.leafHash(data(4)));
    Query head = Query.query(Criteria.where("_id").is(ORIGIN));
    String signedRoot = mongo.findOne(head, Document.class, "ledger_heads").getString("rootHash");
    mongo.updateFirst(head, new Update().set("rootHash", b64(forgedRoot5)), "ledger_heads");
    assertThat(log.checkpoint()).isEmpty();
    assertThat(integrity.lastRefusal().orElseThrow().reason())
        .contains("does not match its last signed checkpoint");
    mongo.updateFirst(head, new Update().set("rootHash", signedRoot), "ledger_heads");

    // nothing but the genuine checkpoint ever reached ledger.checkpoints
    assertThat(
            TestTopics.read("ledger.checkpoints", ORIGIN).stream()
                .map(r -> JsonMapper.shared().readTree(r.value()).get("size").asLong())
                .distinct())
        .containsExactly(5L);

    // the store restored from a backup: checkpoints resume and the signal clears
    mongo.save(leaf, LogStorage.LEAVES);
    mongo.save(node11, LogStorage.NODES);
    mongo.save(node20, LogStorage.NODES);
    assertThat(log.checkpoint().orElseThrow().size()).isEqualTo(6);
    assertThat(integrity.health().getStatus()).isEqualTo(Status.UP);
    assertThat(log.audit().intact()).isTrue();
  }

  private void set(String collection, long id, Update update) {
    mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, collection);
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
