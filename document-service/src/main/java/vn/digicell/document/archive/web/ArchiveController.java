package vn.digicell.document.archive.web;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.document.archive.ArchiveRecord;
import vn.digicell.document.archive.ArchiveService;
import vn.digicell.document.archive.FinalizedMinutes;
import vn.digicell.document.ledger.VerifiableLog;

/**
 * The sealed archive: records and their inclusion proofs for members acting for the record's org,
 * consistency proofs for any signed-in user, and the latest signed checkpoint for anyone.
 */
@RestController
@RequestMapping("/api/archive")
@Validated
class ArchiveController {

  private static final Base64.Encoder B64 = Base64.getEncoder();

  private final ArchiveService archive;
  private final VerifiableLog log;

  ArchiveController(ArchiveService archive, VerifiableLog log) {
    this.archive = archive;
    this.log = log;
  }

  record RecordView(
      String id,
      String meetingId,
      String orgPath,
      String content,
      String contentSha256,
      List<FinalizedMinutes.MinutesSignature> signatures,
      Instant finalizedAt,
      Instant archivedAt,
      ArchiveRecord.Seal seal,
      ArchiveRecord.Kind kind,
      String resolutionId,
      String motionId,
      ArchiveRecord.Amends amends,
      ArchiveRecord.Entry entry) {
    static RecordView of(ArchiveRecord r) {
      return new RecordView(
          r.id(),
          r.meetingId(),
          r.path(),
          r.content(),
          r.contentSha256(),
          r.signatures(),
          r.finalizedAt(),
          r.archivedAt(),
          r.sealed().orElse(null),
          r.kind(),
          r.resolutionId(),
          r.motionId(),
          r.amends().orElse(null),
          r.entry().orElse(null));
    }
  }

  record InclusionProofView(
      String recordId, long leafIndex, long treeSize, String rootHash, List<String> hashes) {}

  record ConsistencyProofView(
      long firstSize,
      long secondSize,
      String firstRootHash,
      String secondRootHash,
      List<String> hashes) {}

  record CheckpointView(
      String origin, long size, String rootHash, String signedNote, String verifierKey) {}

  @GetMapping("/records/{id}")
  RecordView record(@PathVariable @Size(max = 64) String id) {
    return RecordView.of(archive.read(id));
  }

  @GetMapping("/records/{id}/inclusion-proof")
  InclusionProofView inclusionProof(
      @PathVariable @Size(max = 64) String id,
      @RequestParam(required = false) @Min(1) Long treeSize) {
    VerifiableLog.Proof proof = archive.inclusionProof(id, treeSize);
    long index = archive.read(id).sealed().orElseThrow().logIndex();
    return new InclusionProofView(
        id, index, proof.treeSize(), B64.encodeToString(proof.rootHash()), encode(proof.hashes()));
  }

  @GetMapping("/log/consistency-proof")
  ConsistencyProofView consistencyProof(
      @RequestParam @Min(0) long from, @RequestParam @Min(0) long to) {
    VerifiableLog.Proof proof = log.consistencyProof(from, to);
    return new ConsistencyProofView(
        from,
        to,
        B64.encodeToString(log.root(from)),
        B64.encodeToString(proof.rootHash()),
        encode(proof.hashes()));
  }

  /** Public: anyone may keep copies of checkpoints to detect a forked history. */
  @GetMapping("/log/checkpoint")
  CheckpointView checkpoint() {
    VerifiableLog.SignedCheckpoint cp = log.latest();
    return new CheckpointView(
        cp.origin(),
        cp.size(),
        B64.encodeToString(cp.rootHash()),
        cp.signedNote(),
        log.verifierKey());
  }

  /** A verification run over the stored archive and log (auditors and IT admins). */
  @PostMapping("/verification")
  ArchiveService.Verification verify() {
    return archive.verify();
  }

  private static List<String> encode(List<byte[]> hashes) {
    return hashes.stream().map(B64::encodeToString).toList();
  }
}
