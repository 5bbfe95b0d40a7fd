package vn.digicell.document.ledger;

import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Where the log lives: one small document per leaf ({@code ledger_leaves}, id = leaf index, with
 * its data and leaf hash) and one per complete interior subtree ({@code ledger_nodes}, id = level ×
 * 2^40 + index). Every read is by id or by a bounded id range, so five million leaves are ten
 * million small documents and never one large one.
 */
@Repository
class LogStorage {

  static final String LEAVES = "ledger_leaves";
  static final String NODES = "ledger_nodes";
  private static final int LEVEL_SHIFT = 40;

  private final MongoTemplate mongo;

  LogStorage(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo.indexOps(LEAVES).createIndex(new Index("entryId", Sort.Direction.ASC).unique());
  }

  static long nodeId(int level, long index) {
    return ((long) level << LEVEL_SHIFT) | index;
  }

  /** A stored leaf. */
  record Leaf(long index, String entryId, byte[] data, byte[] hash) {}

  Optional<Leaf> leafOfEntry(String entryId) {
    return Optional.ofNullable(
            mongo.findOne(
                Query.query(Criteria.where("entryId").is(entryId)), Document.class, LEAVES))
        .map(LogStorage::leaf);
  }

  Optional<Leaf> leaf(long index) {
    return Optional.ofNullable(mongo.findById(index, Document.class, LEAVES)).map(LogStorage::leaf);
  }

  /** Inserts leaf {@code index}; a duplicate index or entry fails with a DuplicateKeyException. */
  void insertLeaf(long index, String entryId, byte[] data, byte[] hash, Instant at) {
    mongo.insert(
        new Document("_id", index)
            .append("entryId", entryId)
            .append("data", base64(data))
            .append("hash", base64(hash))
            .append("appendedAt", Date.from(at)),
        LEAVES);
  }

  /** Writes an interior node (level ≥ 1); writing the same node again changes nothing. */
  void putNode(int level, long index, byte[] hash) {
    mongo.upsert(
        Query.query(Criteria.where("_id").is(nodeId(level, index))),
        new Update().set("level", level).set("index", index).set("hash", base64(hash)),
        NODES);
  }

  /** Leaves with index in [from, to), in order. */
  List<Leaf> leaves(long from, long to) {
    return leaves(Criteria.where("_id").gte(from).lt(to));
  }

  /** The leaves at {@code indices} that exist, in order. */
  List<Leaf> leavesAt(Collection<Long> indices) {
    return leaves(Criteria.where("_id").in(indices));
  }

  private List<Leaf> leaves(Criteria where) {
    return mongo.find(Query.query(where).with(Sort.by("_id")), Document.class, LEAVES).stream()
        .map(LogStorage::leaf)
        .toList();
  }

  /** Hashes of the nodes of {@code level} with index in [from, to), by index; null when missing. */
  byte[][] hashes(int level, long from, long to) {
    byte[][] out = new byte[(int) (to - from)][];
    if (level == 0) {
      for (Leaf leaf : leaves(from, to)) {
        out[(int) (leaf.index() - from)] = leaf.hash();
      }
      return out;
    }
    for (Document node :
        mongo.find(
            Query.query(Criteria.where("_id").gte(nodeId(level, from)).lt(nodeId(level, to))),
            Document.class,
            NODES)) {
      long index = ((Number) node.get("_id")).longValue() - nodeId(level, 0);
      out[(int) (index - from)] = decode(node.getString("hash"));
    }
    return out;
  }

  /** The stored hashes as the tree reads them; a missing node is a damaged log. */
  HashSource hashSource() {
    return (level, index) -> {
      byte[] hash;
      if (level == 0) {
        hash = leaf(index).map(Leaf::hash).orElse(null);
      } else {
        Document node = mongo.findById(nodeId(level, index), Document.class, NODES);
        hash = node == null ? null : decode(node.getString("hash"));
      }
      if (hash == null) {
        throw new DamagedLogException("node " + level + "/" + index + " is missing");
      }
      return hash;
    };
  }

  private static Leaf leaf(Document d) {
    return new Leaf(
        ((Number) d.get("_id")).longValue(),
        d.getString("entryId"),
        decode(d.getString("data")),
        decode(d.getString("hash")));
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] decode(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  /** The stored log is not what it should be (a node is missing or unreadable). */
  static class DamagedLogException extends RuntimeException {
    DamagedLogException(String message) {
      super(message);
    }
  }
}
