package vn.digicell.document.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;
import vn.digicell.document.ledger.Checkpoint;
import vn.digicell.document.ledger.LogHashes;
import vn.digicell.document.ledger.LogVerifier;
import vn.digicell.document.ledger.NoteVerifier;
import vn.digicell.document.ledger.VerifiableLog;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/**
 * Issue 16, "Tampering": every kind of stored archive item changed directly in the store (record
 * fields, log leaves and tree nodes, the signed checkpoints) is named by the verification run, and
 * an inclusion proof served after tampering no longer verifies offline against the public
 * checkpoint taken before. Each kind prints {@code tampered N <kind>, named N}.
 */
@DigiCellIntegrationTest
class TamperDetectionTest {

  static final int MINUTES = 20;
  static final int RESOLUTIONS = 10;
  static final int RECORDS = MINUTES + RESOLUTIONS;
  static final String LEAVES = "ledger_leaves";
  static final String NODES = "ledger_nodes";
  static final String HEADS = "ledger_heads";
  static final String ORIGIN = "digicell.vn/archive";

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;
  @Autowired ArchiveService archive;
  @Autowired MongoTemplate mongo;
  @Autowired VerifiableLog log;
  @TempDir Path dir;

  final String auditor = TestTokens.forUser("auditor").roles("auditor").orgScope("/").sign();
  TestHttp http;

  /** The archived records in log order; minutes and resolutions apart. */
  List<ArchiveRecord> records;

  List<ArchiveRecord> minutes;
  List<ArchiveRecord> resolutions;

  @BeforeEach
  void aSealedBatch() {
    http = new TestHttp("http://localhost:" + port);
    ArchiveFixture fixture = new ArchiveFixture(publisher, mongo, archive);
    fixture.registerOfficersKeys();
    if (mongo.count(new Query(), ArchiveRecord.class) < RECORDS) {
      // two checkpoints, so seals carry checkpoints of two sizes, as a scheduler's runs would
      archiveAndSeal(fixture, 0, 2 * RECORDS / 3);
      archiveAndSeal(fixture, 2 * RECORDS / 3, RECORDS);
    }
    records =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> mongo.find(Query.query(Criteria.where("seal").ne(null)), ArchiveRecord.class),
                found -> found.size() == RECORDS);
    records.sort(Comparator.comparingLong(r -> r.sealed().orElseThrow().logIndex()));
    minutes = records.stream().filter(r -> r.kind() == ArchiveRecord.Kind.MINUTES).toList();
    resolutions = records.stream().filter(r -> r.kind() == ArchiveRecord.Kind.RESOLUTION).toList();
    assertThat(minutes).hasSize(MINUTES);
    assertThat(log.latest().size()).isEqualTo(RECORDS);
    assertThat(problems()).as("the untouched archive verifies").isEmpty();
  }

  /** Publishes records {@code from} to {@code to} (every third a resolution) and seals them. */
  void archiveAndSeal(ArchiveFixture fixture, int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String meetingId = "meeting-tamper-" + i;
      if (i % 3 == 2) {
        String text = "Nghị quyết số " + i + " về công tác phát triển đảng viên.";
        fixture.publish(
            SealedArchiveTest.RESOLUTION_ADOPTED,
            meetingId,
            1,
            SealedArchiveTest.resolutionPayload(meetingId, "res-" + i, text),
            SealedArchiveTest.CELL);
        ids.add(SealedArchiveTest.resolutionRecordId(meetingId, "res-" + i));
      } else {
        String content = SealedArchiveTest.content(meetingId);
        fixture.publish(
            SealedArchiveTest.FINALIZED,
            meetingId,
            1,
            SealedArchiveTest.minutesPayload(meetingId, content, SealedArchiveTest.SECRETARY),
            SealedArchiveTest.CELL);
        ids.add(SealedArchiveTest.recordId(meetingId, content));
      }
    }
    ids.forEach(fixture::awaitAppended);
    assertThat(archive.checkpointAndSeal()).isEqualTo(to - from);
  }

  // --- the verification run ---------------------------------------------------------------

  @Test
  void everyTamperedRecordFieldIsNamedByTheVerificationRun() {
    Function<Object, Pattern> byId = id -> Pattern.compile("record " + id + "\\b");
    List<Object> all = records.stream().map(r -> (Object) r.id()).toList();
    List<ArchiveRecord> mixed =
        List.of(minutes.get(1), minutes.get(8), resolutions.get(2), minutes.get(15));
    KeyPair forger = SealedArchiveTest.ed25519();

    assertNamed(
        "record contents",
        "archive_records",
        each(mixed, r -> new Update().set("content", r.content() + " (đã sửa)")),
        byId,
        all);
    assertNamed(
        "record content hashes",
        "archive_records",
        each(mixed, r -> new Update().set("contentSha256", sha256Hex("khác"))),
        byId,
        all);
    assertNamed(
        "record contents re-hashed to match",
        "archive_records",
        each(
            mixed,
            r ->
                new Update()
                    .set("content", r.content() + "\nBổ sung trái phép.")
                    .set("contentSha256", sha256Hex(r.content() + "\nBổ sung trái phép."))),
        byId,
        all);
    assertNamed(
        "officers' signatures",
        "archive_records",
        each(
            minutes.subList(3, 6),
            r ->
                new Update()
                    .set("signatures.1.signature", SealedArchiveTest.sign(forger, r.content()))),
        byId,
        all);
    assertNamed(
        "signers' keys replaced with a forger's, signatures re-made",
        "archive_records",
        each(
            minutes.subList(6, 9),
            r ->
                new Update()
                    .set("signatures.1.publicKey", SealedArchiveTest.publicKey(forger))
                    .set("signatures.1.signature", SealedArchiveTest.sign(forger, r.content()))),
        byId,
        all);
    Map<Object, Update> committed = new LinkedHashMap<>();
    committed.put(minutes.get(10).id(), new Update().set("meetingId", "meeting-forged"));
    committed.put(minutes.get(11).id(), new Update().set("orgPath", "/AG/VB/C08"));
    committed.put(minutes.get(12).id(), new Update().set("finalizedAt", new Date(0)));
    committed.put(resolutions.get(4).id(), new Update().set("motionId", "motion-forged"));
    committed.put(resolutions.get(5).id(), new Update().set("resolutionId", "res-forged"));
    assertNamed(
        "committed fields (meeting, org, time, motion, resolution)",
        "archive_records",
        committed,
        byId,
        all);
    assertNamed(
        "log indexes (entry and seal)",
        "archive_records",
        each(
            mixed,
            r -> {
              long other = (r.entry().orElseThrow().logIndex() + 1) % RECORDS;
              return new Update().set("entry.logIndex", other).set("seal.logIndex", other);
            }),
        byId,
        all);
    String forgedLeaf = b64(LogHashes.leafHash("forged".getBytes(StandardCharsets.UTF_8)));
    assertNamed(
        "leaf hashes kept by records (entry and seal)",
        "archive_records",
        each(
            mixed,
            r -> new Update().set("entry.leafHash", forgedLeaf).set("seal.leafHash", forgedLeaf)),
        byId,
        all);
    assertNamed(
        "records taken out of the log (entry and seal removed)",
        "archive_records",
        each(mixed, r -> new Update().unset("entry").unset("seal").unset("pendingLogIndex")),
        byId,
        all);
    assertNamed(
        "seal roots",
        "archive_records",
        each(mixed, r -> new Update().set("seal.rootHash", b64(new byte[32]))),
        byId,
        all);
    assertNamed(
        "seal checkpoints re-signed with a foreign key",
        "archive_records",
        each(
            mixed,
            r -> {
              ArchiveRecord.Seal seal = r.sealed().orElseThrow();
              byte[] root = Base64.getDecoder().decode(seal.rootHash());
              return new Update()
                  .set(
                      "seal.signedNote",
                      foreignNote(new Checkpoint(ORIGIN, seal.treeSize(), root)));
            }),
        byId,
        all);
    assertNamed(
        "seal checkpoint sizes",
        "archive_records",
        each(
            mixed, r -> new Update().set("seal.treeSize", r.sealed().orElseThrow().treeSize() - 1)),
        byId,
        all);
    assertNamed("deleted records", "archive_records", deleting(mixed), byId, all);
  }

  @Test
  void everyTamperedLogLeafAndTreeNodeIsNamedByTheVerificationRun() {
    List<Object> leaves = List.of(0L, 7L, 13L, 22L, 29L);
    Function<Object, Pattern> byIndex = i -> Pattern.compile("(leaf|log entry) " + i + "\\b");
    List<Object> allLeaves = LongStream.range(0, RECORDS).mapToObj(i -> (Object) i).toList();
    assertNamed(
        "leaf data",
        LEAVES,
        eachId(leaves, i -> new Update().set("data", b64(("forged " + i).getBytes()))),
        byIndex,
        allLeaves);
    assertNamed(
        "leaf hashes",
        LEAVES,
        eachId(leaves, i -> new Update().set("hash", b64(new byte[32]))),
        byIndex,
        allLeaves);
    assertNamed(
        "leaves rewritten with a matching hash",
        LEAVES,
        eachId(
            leaves,
            i -> {
              byte[] forged = ("forged " + i).getBytes(StandardCharsets.UTF_8);
              return new Update()
                  .set("data", b64(forged))
                  .set("hash", b64(LogHashes.leafHash(forged)));
            }),
        byIndex,
        allLeaves);
    assertNamed(
        "leaf entry ids",
        LEAVES,
        eachId(leaves, i -> new Update().set("entryId", "forged-" + i)),
        byIndex,
        allLeaves);
    assertNamed("deleted leaves", LEAVES, deletingIds(leaves), byIndex, allLeaves);

    // 30 leaves keep 15 + 7 + 3 + 1 complete subtrees; a node and its parent are in the sample
    List<Object> nodes = List.of(nodeId(1, 2), nodeId(2, 5), nodeId(3, 1), nodeId(4, 0));
    Function<Object, Pattern> byNode =
        id -> {
          long n = (Long) id;
          return Pattern.compile("node " + (n >> 40) + "/" + (n & ((1L << 40) - 1)) + ":");
        };
    List<Object> allNodes =
        mongo.findAll(Document.class, NODES).stream().map(d -> d.get("_id")).toList();
    assertThat(allNodes).hasSize(15 + 7 + 3 + 1);
    assertNamed(
        "tree node hashes",
        NODES,
        eachId(nodes, n -> new Update().set("hash", b64(new byte[32]))),
        byNode,
        allNodes);
    assertNamed(
        "deleted tree nodes",
        NODES,
        deletingIds(List.of(nodeId(1, 9), nodeId(2, 1), nodeId(3, 2))),
        byNode,
        allNodes);
  }

  @Test
  void everyTamperedCheckpointInTheStoreIsNamedByTheVerificationRun() {
    Document head = mongo.findById(ORIGIN, Document.class, HEADS);
    long size = head.get("signedSize", Number.class).longValue();
    assertThat(size).isEqualTo(RECORDS);
    Function<Object, Pattern> bySize = s -> Pattern.compile("size " + size + "\\b");
    List<Object> heads = List.of(ORIGIN);
    byte[] forgedRoot = LogHashes.sha256("forged".getBytes(StandardCharsets.UTF_8));
    String genuine = head.getString("signedNote");
    assertNamed(
        "head checkpoint roots",
        HEADS,
        eachId(heads, h -> new Update().set("rootHash", b64(forgedRoot))),
        bySize,
        heads);
    assertNamed(
        "head checkpoint notes with a broken signature",
        HEADS,
        eachId(heads, h -> new Update().set("signedNote", genuine.replace("\n—", "\n\n—"))),
        bySize,
        heads);
    assertNamed(
        "head checkpoints forged with a foreign key (root and note)",
        HEADS,
        eachId(
            heads,
            h ->
                new Update()
                    .set("rootHash", b64(forgedRoot))
                    .set("signedNote", foreignNote(new Checkpoint(ORIGIN, size, forgedRoot)))),
        bySize,
        heads);
    assertNamed(
        "heads shrunk below their checkpoint",
        HEADS,
        eachId(heads, h -> new Update().set("size", size - 10)),
        bySize,
        heads);
  }

  // --- the offline verifier ---------------------------------------------------------------

  @Test
  void anInclusionProofServedAfterTamperingFailsOfflineAgainstThePublicCheckpoint()
      throws Exception {
    JsonNode published = http.get("/api/archive/log/checkpoint", null).json();
    Path note =
        Files.writeString(dir.resolve("checkpoint"), published.get("signedNote").asString());
    String key = published.get("verifierKey").asString();
    long size = published.get("size").asLong();
    assertThat(size).isEqualTo(RECORDS);

    // 1. a record rewritten with the leaf hash it keeps: its leaf is no longer under the root
    ArchiveRecord record = minutes.get(4);
    assertThat(offline(record.id(), note, key, size)).isZero();
    String forged = record.content() + "\nBổ sung trái phép.";
    Document stored = mongo.findById(record.id(), Document.class, "archive_records");
    mongo.updateFirst(
        byId(record.id()),
        new Update().set("content", forged).set("contentSha256", sha256Hex(forged)),
        ArchiveRecord.class);
    String leaf =
        b64(LogHashes.leafHash(mongo.findById(record.id(), ArchiveRecord.class).logEntry()));
    mongo.updateFirst(
        byId(record.id()),
        new Update().set("entry.leafHash", leaf).set("seal.leafHash", leaf),
        ArchiveRecord.class);
    try {
      assertThat(offline(record.id(), note, key, size)).as("a rewritten record").isEqualTo(1);
    } finally {
      mongo.save(stored, "archive_records");
    }

    // 2. a tree node on the record's proof path
    ArchiveRecord other = resolutions.get(3);
    assertThat(offline(other.id(), note, key, size)).isZero();
    List<String> path = proof(other.id(), size);
    Document onPath =
        mongo.findOne(Query.query(Criteria.where("hash").in(path)), Document.class, NODES);
    assertThat(onPath).as("a stored node on the proof path").isNotNull();
    mongo.updateFirst(byId(onPath.get("_id")), new Update().set("hash", b64(new byte[32])), NODES);
    try {
      assertThat(offline(other.id(), note, key, size)).as("a node on the path").isEqualTo(1);
    } finally {
      mongo.save(onPath, NODES);
    }

    // 3. a careful forger: a resolution, its leaf and every stored node above it rewritten, so
    // the stored tree is self-consistent; only the public checkpoint tells
    ArchiveRecord resolution = resolutions.get(6);
    long index = resolution.entry().orElseThrow().logIndex();
    Map<Object, Document> originals = new LinkedHashMap<>();
    originals.put(
        resolution.id(), mongo.findById(resolution.id(), Document.class, "archive_records"));
    String text = resolution.content().replace("phát triển", "giải thể");
    mongo.updateFirst(
        byId(resolution.id()),
        new Update().set("content", text).set("contentSha256", sha256Hex(text)),
        ArchiveRecord.class);
    byte[] entry = mongo.findById(resolution.id(), ArchiveRecord.class).logEntry();
    String forgedLeaf = b64(LogHashes.leafHash(entry));
    mongo.updateFirst(
        byId(resolution.id()),
        new Update().set("entry.leafHash", forgedLeaf).set("seal.leafHash", forgedLeaf),
        ArchiveRecord.class);
    Map<Object, Document> tree = new LinkedHashMap<>();
    tree.put(index, mongo.findById(index, Document.class, LEAVES));
    mongo.updateFirst(
        byId(index), new Update().set("data", b64(entry)).set("hash", forgedLeaf), LEAVES);
    for (int level = 1; ; level++) {
      long position = index >> level;
      Document node = mongo.findById(nodeId(level, position), Document.class, NODES);
      if (node == null) {
        break;
      }
      tree.put(node.get("_id"), node);
      byte[] rehashed =
          LogHashes.nodeHash(
              storedHash(level - 1, 2 * position), storedHash(level - 1, 2 * position + 1));
      mongo.updateFirst(byId(node.get("_id")), new Update().set("hash", b64(rehashed)), NODES);
    }
    try {
      assertThat(log.audit().problems())
          .as("the stored tree is self-consistent; only its root disagrees with the checkpoint")
          .containsExactly("root of size " + size + " does not match the signed checkpoint");
      List<byte[]> hashes = proof(resolution.id(), size).stream().map(this::decode).toList();
      assertThat(
              LogVerifier.verifyInclusion(
                  LogHashes.leafHash(entry), index, size, hashes, log.root(size)))
          .as("the forged proof holds against the forged root")
          .isTrue();
      assertThat(offline(resolution.id(), note, key, size))
          .as("but not against the public checkpoint")
          .isEqualTo(1);
    } finally {
      originals.forEach((id, d) -> mongo.save(d, "archive_records"));
      tree.forEach((id, d) -> mongo.save(d, id instanceof Long l && l < RECORDS ? LEAVES : NODES));
    }
    assertThat(problems()).isEmpty();
    assertThat(offline(resolution.id(), note, key, size)).isZero();
  }

  /**
   * What an auditor runs with the public checkpoint alone: the verify command, given the leaf hash
   * of the record's entry as the archive serves the record and the proof the archive serves.
   */
  int offline(String recordId, Path note, String key, long size) {
    ArchiveRecord record = mongo.findById(recordId, ArchiveRecord.class);
    JsonNode served =
        http.get(
                "/api/archive/records/" + recordId,
                TestTokens.forUser("auditor").roles("auditor").orgScope("/").sign())
            .json();
    long index = served.get("seal").get("logIndex").asLong();
    List<String> args = new ArrayList<>();
    args.add("inclusion");
    args.add(note.toString());
    args.add(key);
    args.add(b64(LogHashes.leafHash(record.logEntry())));
    args.add(Long.toString(index));
    args.addAll(proof(recordId, size));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    return LogVerifier.run(
        args.toArray(String[]::new), new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  List<String> proof(String recordId, long size) {
    TestHttp.Response proof =
        http.get("/api/archive/records/" + recordId + "/inclusion-proof?treeSize=" + size, auditor);
    assertThat(proof.status()).as(proof.body()).isEqualTo(200);
    List<String> hashes = new ArrayList<>();
    proof.json().get("hashes").forEach(h -> hashes.add(h.asString()));
    return hashes;
  }

  // --- tampering, verifying, restoring ----------------------------------------------------

  /**
   * Applies {@code changes} (by document id; a null update deletes the document) to {@code
   * collection}, runs the verification and asserts that every changed item is named and no other
   * item of {@code sameKind} is; then restores the documents and checks the archive verifies again.
   */
  void assertNamed(
      String kind,
      String collection,
      Map<Object, Update> changes,
      Function<Object, Pattern> naming,
      List<Object> sameKind) {
    Map<Object, Document> originals = new LinkedHashMap<>();
    changes
        .keySet()
        .forEach(id -> originals.put(id, mongo.findById(id, Document.class, collection)));
    assertThat(originals.values()).doesNotContainNull();
    List<String> problems;
    try {
      changes.forEach(
          (id, update) -> {
            if (update == null) {
              mongo.remove(byId(id), collection);
            } else {
              mongo.updateFirst(byId(id), update, collection);
            }
          });
      problems = problems();
    } finally {
      originals.values().forEach(d -> mongo.save(d, collection));
    }
    List<Object> named =
        changes.keySet().stream().filter(id -> namedIn(problems, naming.apply(id))).toList();
    List<Object> wronglyNamed =
        sameKind.stream()
            .filter(id -> !changes.containsKey(id))
            .filter(id -> namedIn(problems, naming.apply(id)))
            .toList();
    System.out.println("tampered " + changes.size() + " " + kind + ", named " + named.size());
    assertThat(named).as("%s: %s", kind, problems).containsExactlyElementsOf(changes.keySet());
    assertThat(wronglyNamed).as("untampered %s named: %s", kind, problems).isEmpty();
    assertThat(problems()).as("restored after %s", kind).isEmpty();
  }

  /** Every problem the verification run reports: the log's, then the records'. */
  List<String> problems() {
    TestHttp.Response run = http.post("/api/archive/verification", auditor, "");
    assertThat(run.status()).as(run.body()).isEqualTo(200);
    JsonNode report = run.json();
    List<String> problems = new ArrayList<>();
    report.get("log").get("problems").forEach(p -> problems.add(p.asString()));
    report.get("problems").forEach(p -> problems.add(p.asString()));
    assertThat(report.get("intact").asBoolean()).as(run.body()).isEqualTo(problems.isEmpty());
    return problems;
  }

  static boolean namedIn(List<String> problems, Pattern name) {
    return problems.stream().anyMatch(p -> name.matcher(p).find());
  }

  static Map<Object, Update> each(List<ArchiveRecord> records, Function<ArchiveRecord, Update> f) {
    Map<Object, Update> changes = new LinkedHashMap<>();
    records.forEach(r -> changes.put(r.id(), f.apply(r)));
    return changes;
  }

  static Map<Object, Update> eachId(List<Object> ids, Function<Object, Update> f) {
    Map<Object, Update> changes = new LinkedHashMap<>();
    ids.forEach(id -> changes.put(id, f.apply(id)));
    return changes;
  }

  static Map<Object, Update> deleting(List<ArchiveRecord> records) {
    return deletingIds(records.stream().map(r -> (Object) r.id()).toList());
  }

  static Map<Object, Update> deletingIds(List<Object> ids) {
    Map<Object, Update> changes = new LinkedHashMap<>();
    ids.forEach(id -> changes.put(id, null));
    return changes;
  }

  /** A checkpoint note in the log's name, signed by a key that is not the log's. */
  static String foreignNote(Checkpoint checkpoint) {
    KeyPair key = SealedArchiveTest.ed25519();
    byte[] raw = Base64.getDecoder().decode(SealedArchiveTest.publicKey(key));
    byte[] keyId = NoteVerifier.of(ORIGIN, raw).keyId();
    byte[] signature = Base64.getDecoder().decode(SealedArchiveTest.sign(key, checkpoint.body()));
    byte[] blob = new byte[keyId.length + signature.length];
    System.arraycopy(keyId, 0, blob, 0, keyId.length);
    System.arraycopy(signature, 0, blob, keyId.length, signature.length);
    return checkpoint.body() + "\n\u2014 " + ORIGIN + " " + b64(blob) + "\n";
  }

  byte[] storedHash(int level, long index) {
    Document d =
        level == 0
            ? mongo.findById(index, Document.class, LEAVES)
            : mongo.findById(nodeId(level, index), Document.class, NODES);
    return decode(d.getString("hash"));
  }

  static long nodeId(int level, long index) {
    return ((long) level << 40) | index;
  }

  static Query byId(Object id) {
    return Query.query(Criteria.where("_id").is(id));
  }

  static String sha256Hex(String text) {
    return HexFormat.of().formatHex(LogHashes.sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  byte[] decode(String b64) {
    return Base64.getDecoder().decode(b64);
  }
}
