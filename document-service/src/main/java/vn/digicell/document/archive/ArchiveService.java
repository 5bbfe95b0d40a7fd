package vn.digicell.document.archive;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import vn.digicell.document.ledger.VerifiableLog;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.ProblemException;

/** Seals finalised minutes into the archive and serves records and their proofs. */
@Service
public class ArchiveService {

  static final int AUDIT_BATCH = 200;

  /** Roles that may run a full verification of the archive. */
  static final String[] AUDITORS = {"auditor", "it-admin"};

  private final MongoTemplate mongo;
  private final VerifiableLog log;
  private final Outbox outbox;
  private final AccessGuard guard;
  private final Clock clock;

  ArchiveService(
      MongoTemplate mongo, VerifiableLog log, Outbox outbox, AccessGuard guard, Clock clock) {
    this.mongo = mongo;
    this.log = log;
    this.outbox = outbox;
    this.guard = guard;
    this.clock = clock;
  }

  /**
   * Verifies and archives finalised minutes, appends them to the log and publishes the seal. Safe
   * to repeat: the record id comes from the meeting and content, the log appends an entry once.
   */
  public ArchiveRecord seal(FinalizedMinutes minutes, String sourceEventId) {
    ArchiveRecord received = ArchiveRecord.of(minutes, sourceEventId, clock);
    ArchiveRecord record = mongo.findById(received.id(), ArchiveRecord.class);
    if (record == null) {
      try {
        record = mongo.insert(received);
      } catch (DuplicateKeyException e) {
        record = mongo.findById(received.id(), ArchiveRecord.class);
      }
    }
    if (record.sealed().isPresent()) {
      return record;
    }
    VerifiableLog.Appended appended = log.append(record.id(), record.logEntry());
    record.seal(appended, clock);
    return outbox.saveAndPublish(record);
  }

  /** A record, for those acting for its org path. */
  public ArchiveRecord read(String id) {
    ArchiveRecord record = find(id);
    guard.requireActOn(record.path());
    return record;
  }

  /** The inclusion proof of a sealed record in the tree of {@code treeSize} (latest if null). */
  public VerifiableLog.Proof inclusionProof(String id, Long treeSize) {
    ArchiveRecord.Seal seal =
        read(id)
            .sealed()
            .orElseThrow(
                () ->
                    ProblemException.conflict(
                        "record-not-sealed", "The record is not sealed yet."));
    long size = treeSize != null ? treeSize : log.size();
    if (size <= seal.logIndex()) {
      throw ProblemException.badRequest(
          "record-not-in-tree",
          "The record was appended at index "
              + seal.logIndex()
              + "; a tree of size "
              + size
              + " does not contain it.");
    }
    return log.inclusionProof(seal.logIndex(), size);
  }

  /** What a verification run found. */
  public record Verification(
      boolean intact, VerifiableLog.AuditReport log, long recordsChecked, List<String> problems) {}

  /**
   * Recomputes everything from the database: the log (leaves, nodes, root, signature), and for
   * every record its content hash, its officers' signatures and that the log holds exactly its
   * entry.
   */
  public Verification verify() {
    guard.requireRole(AUDITORS);
    VerifiableLog.AuditReport report = log.audit();
    List<String> problems = new ArrayList<>();
    long checked = 0;
    String after = "";
    while (problems.size() < VerifiableLog.MAX_AUDIT_PROBLEMS) {
      List<ArchiveRecord> batch =
          mongo.find(
              Query.query(Criteria.where("_id").gt(after)).with(Sort.by("_id")).limit(AUDIT_BATCH),
              ArchiveRecord.class);
      if (batch.isEmpty()) {
        break;
      }
      for (ArchiveRecord record : batch) {
        checked++;
        problems.addAll(
            ArchiveRecord.problems(
                    new FinalizedMinutes(
                        record.meetingId(),
                        record.path(),
                        record.content(),
                        record.contentSha256(),
                        record.signatures(),
                        record.finalizedAt()))
                .stream()
                .map(p -> "record " + record.id() + ": " + p)
                .toList());
        Optional<ArchiveRecord.Seal> seal = record.sealed();
        if (seal.isPresent()) {
          Optional<byte[]> entry = log.entry(seal.get().logIndex());
          if (entry.isEmpty() || !Arrays.equals(entry.get(), record.logEntry())) {
            problems.add(
                "record " + record.id() + ": differs from log entry " + seal.get().logIndex());
          }
        }
      }
      after = batch.getLast().id();
    }
    return new Verification(
        report.intact() && problems.isEmpty(), report, checked, List.copyOf(problems));
  }

  private ArchiveRecord find(String id) {
    ArchiveRecord record = mongo.findById(id, ArchiveRecord.class);
    if (record == null) {
      throw ProblemException.notFound("archive-record-not-found", "No archive record " + id + ".");
    }
    return record;
  }
}
