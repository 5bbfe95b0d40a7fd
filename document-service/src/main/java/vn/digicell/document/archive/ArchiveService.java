package vn.digicell.document.archive;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import vn.digicell.document.Roles;
import vn.digicell.document.ledger.Checkpoint;
import vn.digicell.document.ledger.VerifiableLog;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.ProblemException;

/**
 * Archives finalised minutes and adopted resolutions, appends them to the log, seals them when a
 * checkpoint covers them, and serves records and their proofs.
 */
@Service
public class ArchiveService {

  static final int AUDIT_BATCH = 200;

  private final MongoTemplate mongo;
  private final VerifiableLog log;
  private final Outbox outbox;
  private final AccessGuard guard;
  private final SigningKeys keys;
  private final Clock clock;

  ArchiveService(
      MongoTemplate mongo,
      VerifiableLog log,
      Outbox outbox,
      AccessGuard guard,
      SigningKeys keys,
      Clock clock) {
    this.mongo = mongo;
    this.log = log;
    this.outbox = outbox;
    this.guard = guard;
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * Verifies and archives finalised minutes and appends them to the log; the seal follows with the
   * next checkpoint ({@link #sealCovered()}). Every signature is verified with the signer's key
   * valid at its signing time from the key projection ({@link SigningKeys}), never with the key the
   * record carries. Safe to repeat: the record id comes from the meeting and content, the log
   * appends an entry once.
   *
   * @throws SigningKeyNotYetKnownException when a signer's key event has not arrived yet (retry)
   * @throws ArchiveRecord.InvalidMinutesException when the minutes do not verify (never archived)
   */
  public ArchiveRecord seal(FinalizedMinutes minutes, String sourceEventId) {
    List<FinalizedMinutes.MinutesSignature> resolved =
        keys.resolve(
            "minutes of meeting " + minutes.meetingId(),
            minutes.signatures() == null ? List.of() : minutes.signatures(),
            minutes.finalizedAt());
    FinalizedMinutes checked =
        new FinalizedMinutes(
            minutes.meetingId(),
            minutes.orgPath(),
            minutes.content(),
            minutes.contentSha256(),
            resolved,
            minutes.finalizedAt(),
            minutes.version());
    return archive(ArchiveRecord.of(checked, sourceEventId, clock));
  }

  /**
   * Archives an adopted resolution of a meeting of {@code orgPath} (from the event's envelope) and
   * appends it to the log; sealed with the next checkpoint like minutes.
   */
  public ArchiveRecord archiveResolution(
      AdoptedResolution resolution, String orgPath, Instant adoptedAt, String sourceEventId) {
    return archive(ArchiveRecord.resolution(resolution, orgPath, adoptedAt, sourceEventId, clock));
  }

  /**
   * Verifies and archives an amendment of sealed minutes, linked to the original record (found by
   * its log index), and appends it; sealed with the next checkpoint like minutes.
   */
  public ArchiveRecord sealAmendment(AmendedMinutes received, String sourceEventId) {
    AmendedMinutes amendment =
        received.withSignatures(
            keys.resolve(
                "amendment " + received.amendmentNumber() + " of meeting " + received.meetingId(),
                received.signatures() == null ? List.of() : received.signatures(),
                received.finalizedAt()));
    ArchiveRecord original =
        mongo.findOne(
            Query.query(
                new Criteria()
                    .orOperator(
                        Criteria.where("entry.logIndex").is(amendment.amendsLogIndex()),
                        Criteria.where("seal.logIndex").is(amendment.amendsLogIndex()))),
            ArchiveRecord.class);
    return archive(ArchiveRecord.amendment(amendment, original, sourceEventId, clock));
  }

  private ArchiveRecord archive(ArchiveRecord received) {
    ArchiveRecord record = mongo.findById(received.id(), ArchiveRecord.class);
    if (record == null) {
      try {
        record = mongo.insert(received);
      } catch (DuplicateKeyException e) {
        record = mongo.findById(received.id(), ArchiveRecord.class);
      }
    }
    if (record.entry().isPresent()) {
      return record;
    }
    record.appended(log.append(record.id(), record.logEntry()));
    return outbox.saveAndPublish(record);
  }

  /**
   * Signs a checkpoint if the log grew, then seals every record the latest checkpoint covers and
   * publishes their seals, in batches. Returns how many records it sealed. Also finishes seals a
   * crash left undone after a checkpoint.
   */
  public int checkpointAndSeal() {
    log.checkpoint();
    return sealCovered();
  }

  int sealCovered() {
    VerifiableLog.SignedCheckpoint cp = log.latest();
    int sealed = 0;
    while (true) {
      List<ArchiveRecord> batch =
          mongo.find(
              Query.query(Criteria.where("pendingLogIndex").lt(cp.size()))
                  .with(Sort.by("pendingLogIndex"))
                  .limit(AUDIT_BATCH),
              ArchiveRecord.class);
      if (batch.isEmpty()) {
        return sealed;
      }
      for (ArchiveRecord record : batch) {
        record.seal(cp, clock);
        outbox.saveAndPublish(record);
        sealed++;
      }
    }
  }

  /**
   * A record, by the meeting read rule plus auditors: one grant covering the record's (current) org
   * path with {@code member}, a staff role or {@code auditor}.
   */
  public ArchiveRecord read(String id) {
    ArchiveRecord record = find(id);
    guard.requireActOn(record.accessPath(), Roles.ARCHIVE_READERS);
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
    long size = treeSize != null ? treeSize : log.latest().size();
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
   * Recomputes everything from the database: the log (leaves, nodes, root, signature: hashes only,
   * the log holds no content), and for every record under a path where the caller holds {@code
   * auditor} or {@code it-admin} its content hash, its officers' signatures, that the log holds
   * exactly its entry where the record says, with the leaf hash it keeps, and that its seal is a
   * checkpoint the log signed that covers it; and that every log entry of those paths still has its
   * record. Reads in batches; each problem names the record, log entry, node or checkpoint at
   * fault. A caller holding neither role anywhere is refused.
   */
  public Verification verify() {
    List<String> paths = guard.currentUser().pathsWith(Roles.ARCHIVE_AUDITORS);
    if (paths.isEmpty()) {
      throw new AccessDeniedException(
          "requires one of " + Arrays.toString(Roles.ARCHIVE_AUDITORS) + " on some path");
    }
    Criteria within = within(paths);
    VerifiableLog.AuditReport report = log.audit();
    List<String> problems = new ArrayList<>();
    long checked = 0;
    String after = "";
    while (problems.size() < VerifiableLog.MAX_AUDIT_PROBLEMS) {
      List<ArchiveRecord> batch =
          mongo.find(
              Query.query(new Criteria().andOperator(Criteria.where("_id").gt(after), within))
                  .with(Sort.by("_id"))
                  .limit(AUDIT_BATCH),
              ArchiveRecord.class);
      if (batch.isEmpty()) {
        break;
      }
      Map<Long, VerifiableLog.LoggedEntry> entries =
          log.entriesAt(
              batch.stream()
                  .flatMap(r -> r.entry().stream())
                  .map(ArchiveRecord.Entry::logIndex)
                  .toList());
      Map<String, Optional<Checkpoint>> checkpoints = new HashMap<>();
      for (ArchiveRecord record : batch) {
        checked++;
        List<String> found = new ArrayList<>(record.problems());
        if (record.entry().isPresent()) {
          found.addAll(
              record.problemsWith(
                  Optional.ofNullable(entries.get(record.entry().get().logIndex())),
                  note -> checkpoints.computeIfAbsent(note, log::openCheckpoint)));
        } else {
          log.entryOf(record.id())
              .ifPresent(
                  e -> found.add("holds no log entry, yet log entry " + e.index() + " is its own"));
        }
        found.forEach(p -> problems.add("record " + record.id() + ": " + p));
      }
      after = batch.getLast().id();
    }
    long size = report.treeSize();
    for (long from = 0;
        from < size && problems.size() < VerifiableLog.MAX_AUDIT_PROBLEMS;
        from += AUDIT_BATCH) {
      problems.addAll(entriesWithoutRecord(log.entries(from, from + AUDIT_BATCH), paths));
    }
    return new Verification(
        report.intact() && problems.isEmpty(), report, checked, List.copyOf(problems));
  }

  /** The log entries, of an org under one of {@code paths}, whose archive record is gone. */
  private List<String> entriesWithoutRecord(
      List<VerifiableLog.LoggedEntry> entries, List<String> paths) {
    Query ids =
        Query.query(
            Criteria.where("_id")
                .in(entries.stream().map(VerifiableLog.LoggedEntry::entryId).toList()));
    ids.fields().include("_id");
    Set<String> kept =
        mongo.find(ids, Document.class, mongo.getCollectionName(ArchiveRecord.class)).stream()
            .map(d -> d.getString("_id"))
            .collect(Collectors.toSet());
    return entries.stream()
        .filter(e -> !kept.contains(e.entryId()))
        .filter(e -> ArchiveRecord.orgPathOf(e.data()).filter(p -> covered(paths, p)).isPresent())
        .map(e -> "log entry " + e.index() + ": its archive record " + e.entryId() + " is missing")
        .toList();
  }

  /** Whether {@code path} lies under one of {@code paths} (the rule of {@link #within}). */
  private static boolean covered(List<String> paths, String path) {
    return paths.stream()
        .map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p)
        .anyMatch(p -> p.isEmpty() || path.equals(p) || path.startsWith(p + "/"));
  }

  /** Records whose current org path lies under one of {@code paths}. */
  private static Criteria within(List<String> paths) {
    if (paths.stream().anyMatch(p -> p.equals("/"))) {
      return new Criteria();
    }
    List<Criteria> any = new ArrayList<>();
    for (String path : paths) {
      String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      String regex = "^" + Pattern.quote(p) + "(/|$)";
      any.add(
          new Criteria()
              .orOperator(
                  Criteria.where("currentOrgPath").regex(regex),
                  new Criteria()
                      .andOperator(
                          Criteria.where("currentOrgPath").is(null),
                          Criteria.where("orgPath").regex(regex))));
    }
    return new Criteria().orOperator(any);
  }

  private ArchiveRecord find(String id) {
    ArchiveRecord record = mongo.findById(id, ArchiveRecord.class);
    if (record == null) {
      throw ProblemException.notFound("archive-record-not-found", "No archive record " + id + ".");
    }
    return record;
  }
}
