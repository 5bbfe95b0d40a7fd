package vn.digicell.document.ledger;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.web.ProblemException;

/**
 * The append-only, verifiable log of the sealed archive: appends entries cheaply, signs a
 * checkpoint of the grown tree when asked (periodically, see {@code archive.Checkpointer}), serves
 * roots and proofs for any past size, and audits its own storage.
 */
@Service
public class VerifiableLog {

  static final int AUDIT_BATCH = 512;
  public static final int MAX_AUDIT_PROBLEMS = 100;

  private final LogStorage storage;
  private final MongoTemplate mongo;
  private final Outbox outbox;
  private final NoteSigner signer;
  private final LedgerKeys keys;
  private final LogIntegrity integrity;
  private final Clock clock;
  private final String origin;

  VerifiableLog(
      LogStorage storage,
      MongoTemplate mongo,
      Outbox outbox,
      LedgerKeys keys,
      LogIntegrity integrity,
      Clock clock) {
    this.storage = storage;
    this.mongo = mongo;
    this.outbox = outbox;
    this.signer = keys.signer();
    this.keys = keys;
    this.integrity = integrity;
    this.origin = keys.origin();
    this.clock = clock;
  }

  /** Where an entry sits in the log; a later checkpoint will cover it. */
  public record Appended(long index, byte[] leafHash) {}

  /** A checkpoint with its signed note. */
  public record SignedCheckpoint(String origin, long size, byte[] rootHash, String signedNote) {}

  /** A proof and the roots it connects. */
  public record Proof(long treeSize, byte[] rootHash, List<byte[]> hashes) {}

  /**
   * Appends {@code data} as the entry {@code entryId}; no checkpoint is signed (see {@link
   * #checkpoint()}). Appending an entry id again returns where it already is, so a redelivered
   * event never appends twice.
   */
  public synchronized Appended append(String entryId, byte[] data) {
    for (int attempt = 0; ; attempt++) {
      Optional<LogStorage.Leaf> existing = storage.leafOfEntry(entryId);
      LogHead head = head();
      if (existing.isPresent() && existing.get().index() < head.size()) {
        return new Appended(existing.get().index(), existing.get().hash());
      }
      long index = head.size();
      Optional<LogStorage.Leaf> leftover = storage.leaf(index);
      byte[] leafHash;
      if (leftover.isPresent()) {
        // a crash after writing the leaf but before the head moved: finish that append first
        leafHash = leftover.get().hash();
      } else {
        leafHash = LogHashes.leafHash(data);
        try {
          storage.insertLeaf(index, entryId, data, leafHash, clock.instant());
        } catch (DuplicateKeyException e) {
          if (attempt > 3) {
            throw e;
          }
          continue;
        }
      }
      completeSubtrees(index, leafHash);
      head.grow(index + 1);
      try {
        head = outbox.saveAndPublish(head);
      } catch (OptimisticLockingFailureException e) {
        if (attempt > 3) {
          throw e;
        }
        continue;
      }
      if (leftover.isPresent() && !leftover.get().entryId().equals(entryId)) {
        continue;
      }
      return new Appended(index, leafHash);
    }
  }

  /**
   * Signs a checkpoint of the whole tree and publishes it on {@code ledger.checkpoints}, if the
   * tree grew since the last one and extends the last signed one; otherwise nothing is signed and
   * the result is empty. A tree that does not extend the last checkpoint (a rewritten history) is
   * never signed: the refusal is logged as an alert, counted and reported by the health endpoint.
   */
  public synchronized Optional<SignedCheckpoint> checkpoint() {
    for (int attempt = 0; ; attempt++) {
      LogHead head = head();
      if (head.size() == head.signedSize()) {
        return Optional.empty();
      }
      long size = head.size();
      byte[] root;
      try {
        MerkleTree tree = new MerkleTree(storage.hashSource(), size);
        root = tree.root();
        Optional<String> fork = forkOf(head, tree, root);
        if (fork.isPresent()) {
          integrity.refused(head.signedSize(), size, fork.get());
          return Optional.empty();
        }
      } catch (LogStorage.DamagedLogException e) {
        integrity.refused(head.signedSize(), size, e.getMessage());
        return Optional.empty();
      }
      Checkpoint checkpoint = new Checkpoint(origin, size, root);
      head.advance(checkpoint, signer.sign(checkpoint.body()), clock);
      try {
        SignedCheckpoint signed = checkpoint(outbox.saveAndPublish(head));
        integrity.signed(signed.size());
        return Optional.of(signed);
      } catch (OptimisticLockingFailureException e) {
        if (attempt > 3) {
          throw e;
        }
      }
    }
  }

  /**
   * Why the tree of the stored log does not extend the last signed checkpoint; empty when it does.
   * The last checkpoint is taken from the head's signed note, which must verify with this log's key
   * (or a key it rotated away from) and match the head; the consistency proof between it and the
   * new tree is computed from the stored log and checked like any verifier would (RFC 9162
   * §2.1.4.2). A database writer who rewrote history thus obtains no signature over a fork.
   */
  private Optional<String> forkOf(LogHead head, MerkleTree tree, byte[] root) {
    long signedSize = head.signedSize();
    if (signedSize == 0 && head.signedNote() == null) {
      return Optional.empty();
    }
    Optional<Checkpoint> last = openCheckpoint(head.signedNote());
    if (last.isEmpty()) {
      return Optional.of("the last signed checkpoint does not verify with the log's keys");
    }
    Checkpoint signed = last.get();
    if (signed.size() != signedSize || !MessageDigest.isEqual(signed.rootHash(), head.rootHash())) {
      return Optional.of("the log head does not match its last signed checkpoint");
    }
    if (signedSize > tree.size()) {
      return Optional.of("the log is smaller than its last signed checkpoint");
    }
    List<byte[]> proof = tree.consistencyProof(signedSize);
    if (!LogVerifier.verifyConsistency(signedSize, tree.size(), proof, signed.rootHash(), root)) {
      return Optional.of(
          "the tree of size "
              + tree.size()
              + " does not extend the signed checkpoint of size "
              + signedSize);
    }
    return Optional.empty();
  }

  /**
   * The latest signed checkpoint (the empty tree's, signed now, before the first checkpoint). It
   * may cover fewer entries than {@link #size()} until the next checkpoint is signed.
   */
  public SignedCheckpoint latest() {
    LogHead head = head();
    if (head.signedSize() == 0) {
      Checkpoint empty = new Checkpoint(origin, 0, LogHashes.emptyRoot());
      return new SignedCheckpoint(origin, 0, empty.rootHash(), signer.sign(empty.body()));
    }
    return checkpoint(head);
  }

  /**
   * The checkpoint a signed note carries, when the note is signed by this log's key (or a key it
   * rotated away from) and names this log; empty for any other note.
   */
  public Optional<Checkpoint> openCheckpoint(String signedNote) {
    return keys.verifiers().stream()
        .map(v -> SignedNotes.open(signedNote, v))
        .flatMap(Optional::stream)
        .findFirst()
        .flatMap(Checkpoint::parse)
        .filter(cp -> cp.origin().equals(origin));
  }

  /** The signed-note verifier key of the checkpoints, for anyone to check them offline. */
  public String verifierKey() {
    return signer.verifier().encoded();
  }

  /** Entries appended (the latest checkpoint may cover fewer). */
  public long size() {
    return head().size();
  }

  /** The stored leaf at {@code index}, if the log has it. */
  public Optional<byte[]> entry(long index) {
    return index < size() ? storage.leaf(index).map(LogStorage.Leaf::data) : Optional.empty();
  }

  /** An entry as the log stores it: its index, entry id, data and leaf hash. */
  public record LoggedEntry(long index, String entryId, byte[] data, byte[] leafHash) {}

  /** The stored entries at {@code indices} that the log holds (one bounded read), by index. */
  public Map<Long, LoggedEntry> entriesAt(Collection<Long> indices) {
    long size = size();
    Map<Long, LoggedEntry> entries = new HashMap<>();
    for (LogStorage.Leaf leaf : storage.leavesAt(indices)) {
      if (leaf.index() < size) {
        entries.put(leaf.index(), logged(leaf));
      }
    }
    return entries;
  }

  /** The stored entries with index in [from, to) that the log holds, in order. */
  public List<LoggedEntry> entries(long from, long to) {
    long size = size();
    return storage.leaves(from, Math.min(to, size)).stream().map(VerifiableLog::logged).toList();
  }

  /** Where the log holds the entry {@code entryId}, if it does. */
  public Optional<LoggedEntry> entryOf(String entryId) {
    return storage
        .leafOfEntry(entryId)
        .filter(leaf -> leaf.index() < size())
        .map(VerifiableLog::logged);
  }

  private static LoggedEntry logged(LogStorage.Leaf leaf) {
    return new LoggedEntry(leaf.index(), leaf.entryId(), leaf.data(), leaf.hash());
  }

  /** The inclusion proof of leaf {@code index} in the tree of size {@code treeSize}. */
  public Proof inclusionProof(long index, long treeSize) {
    requireTreeSize(treeSize);
    if (index < 0 || index >= treeSize) {
      throw ProblemException.badRequest(
          "leaf-not-in-tree", "Leaf " + index + " is not in a tree of size " + treeSize + ".");
    }
    MerkleTree tree = new MerkleTree(storage.hashSource(), treeSize);
    return new Proof(treeSize, tree.root(), tree.inclusionProof(index));
  }

  /** The proof that the tree of size {@code from} is a prefix of the tree of size {@code to}. */
  public Proof consistencyProof(long from, long to) {
    requireTreeSize(to);
    if (from < 0 || from > to) {
      throw ProblemException.badRequest(
          "invalid-tree-sizes", "The first tree size must be between 0 and the second.");
    }
    MerkleTree tree = new MerkleTree(storage.hashSource(), to);
    return new Proof(to, tree.root(), tree.consistencyProof(from));
  }

  /** The root hash of the tree of size {@code treeSize}. */
  public byte[] root(long treeSize) {
    requireTreeSize(treeSize);
    return new MerkleTree(storage.hashSource(), treeSize).root();
  }

  /** What an audit found: how much it recomputed and every discrepancy (up to a cap). */
  public record AuditReport(
      boolean intact,
      long treeSize,
      long leavesChecked,
      long nodesChecked,
      List<String> problems) {}

  /**
   * Recomputes the stored log: every leaf hash from its data, every interior node from its
   * children, the root of the head from the nodes, and the head's signature. Reads in bounded
   * batches. Each problem names the stored item at fault: a node is checked against its children as
   * stored and as they should be, so a changed or missing node is named, not its parent too.
   */
  public AuditReport audit() {
    LogHead head = head();
    long size = head.size();
    List<String> problems = new ArrayList<>();
    long leaves = 0;
    long nodes = 0;
    // what the nodes found wrong on the level below should hold (at most one per problem)
    Map<Long, byte[]> corrected = new HashMap<>();
    for (long from = 0; from < size && problems.size() < MAX_AUDIT_PROBLEMS; from += AUDIT_BATCH) {
      long to = Math.min(size, from + AUDIT_BATCH);
      boolean[] present = new boolean[(int) (to - from)];
      for (LogStorage.Leaf leaf : storage.leaves(from, to)) {
        leaves++;
        present[(int) (leaf.index() - from)] = true;
        byte[] hash = LogHashes.leafHash(leaf.data());
        if (!MessageDigest.isEqual(leaf.hash(), hash)) {
          problems.add("leaf " + leaf.index() + ": its hash does not match its data");
          corrected.put(leaf.index(), hash);
        }
      }
      for (int i = 0; i < present.length && problems.size() < MAX_AUDIT_PROBLEMS; i++) {
        if (!present[i]) {
          problems.add("leaf " + (from + i) + ": missing");
        }
      }
    }
    for (int level = 1; (size >> level) > 0 && problems.size() < MAX_AUDIT_PROBLEMS; level++) {
      long count = size >> level;
      Map<Long, byte[]> below = corrected;
      corrected = new HashMap<>();
      for (long from = 0;
          from < count && problems.size() < MAX_AUDIT_PROBLEMS;
          from += AUDIT_BATCH) {
        long to = Math.min(count, from + AUDIT_BATCH);
        byte[][] stored = storage.hashes(level, from, to);
        byte[][] children = storage.hashes(level - 1, 2 * from, 2 * to);
        for (int i = 0; i < stored.length; i++) {
          nodes++;
          long index = from + i;
          byte[] left = below.getOrDefault(2 * index, children[2 * i]);
          byte[] right = below.getOrDefault(2 * index + 1, children[2 * i + 1]);
          byte[] expected = left == null || right == null ? null : LogHashes.nodeHash(left, right);
          if (stored[i] == null) {
            problems.add("node " + level + "/" + index + ": missing");
            if (expected != null) {
              corrected.put(index, expected);
            }
          } else if (expected != null // with a leaf missing (named itself) it cannot be checked
              && !MessageDigest.isEqual(stored[i], expected)
              && !matches(stored[i], children[2 * i], children[2 * i + 1])) {
            problems.add("node " + level + "/" + index + ": does not match its children");
            corrected.put(index, expected);
          }
        }
      }
    }
    long signedSize = head.signedSize();
    if (signedSize > size) {
      problems.add(
          "the log holds " + size + " entries, fewer than its checkpoint of size " + signedSize);
    } else if (signedSize > 0) {
      try {
        if (!MessageDigest.isEqual(root(signedSize), head.rootHash())) {
          problems.add("root of size " + signedSize + " does not match the signed checkpoint");
        }
      } catch (LogStorage.DamagedLogException e) {
        problems.add("root of size " + signedSize + ": " + e.getMessage());
      }
    }
    if (signedSize > 0) {
      Optional<Checkpoint> signed = openCheckpoint(head.signedNote());
      if (signed.isEmpty()
          || signed.get().size() != signedSize
          || !MessageDigest.isEqual(signed.get().rootHash(), head.rootHash())) {
        problems.add(
            "the head's signed checkpoint of size "
                + signedSize
                + " does not verify or does not match the head");
      }
    }
    return new AuditReport(problems.isEmpty(), size, leaves, nodes, List.copyOf(problems));
  }

  /** Whether a stored node is the hash of the two stored children (none missing). */
  private static boolean matches(byte[] node, byte[] left, byte[] right) {
    return left != null
        && right != null
        && MessageDigest.isEqual(node, LogHashes.nodeHash(left, right));
  }

  private void completeSubtrees(long index, byte[] leafHash) {
    HashSource hashes = storage.hashSource();
    byte[] hash = leafHash;
    long position = index;
    int level = 0;
    while ((position & 1) == 1) {
      hash = LogHashes.nodeHash(hashes.node(level, position - 1), hash);
      level++;
      position >>= 1;
      storage.putNode(level, position, hash);
    }
  }

  private void requireTreeSize(long treeSize) {
    long size = size();
    if (treeSize < 0 || treeSize > size) {
      throw ProblemException.badRequest(
          "tree-size-unknown",
          "The log has " + size + " entries; a tree of size " + treeSize + " does not exist yet.");
    }
  }

  private LogHead head() {
    LogHead head = mongo.findById(origin, LogHead.class);
    return head != null ? head : LogHead.empty(origin);
  }

  private SignedCheckpoint checkpoint(LogHead head) {
    return new SignedCheckpoint(origin, head.signedSize(), head.rootHash(), head.signedNote());
  }
}
