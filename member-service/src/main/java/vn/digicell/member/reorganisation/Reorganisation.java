package vn.digicell.member.reorganisation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The plan of one reorganisation (move, merge or split), written before any change is made and kept
 * afterwards as its record. Every step it drives is idempotent, so a plan left {@code RUNNING} by a
 * crash completes when the same request is sent again (or by {@link
 * ReorganisationService#resumeUnfinished}) once its lease has run out: the replica running a plan
 * ({@code owner}) renews {@code heartbeatAt} every 20 s, and nobody takes over a plan whose lease
 * is alive ({@link vn.digicell.platform.jobs.Leases}).
 */
@Document("reorganisations")
@CompoundIndex(name = "unit_state", def = "{'unitId': 1, 'state': 1}")
public record Reorganisation(
    @Id String id,
    Kind kind,
    String unitId,
    String targetId,
    List<Part> parts,
    LocalDate effectiveOn,
    String decisionNumber,
    String requestedBy,
    State state,
    Instant startedAt,
    Instant finishedAt,
    String lastError,
    String owner,
    Instant heartbeatAt) {

  public enum Kind {
    MOVE,
    MERGE,
    SPLIT
  }

  public enum State {
    RUNNING,
    DONE
  }

  /** One part of a split: the new unit's id (chosen in advance), who and what goes to it. */
  public record Part(
      String orgUnitId,
      String code,
      String name,
      List<String> memberIds,
      List<String> childUnitIds) {}

  Reorganisation done(Instant at) {
    return new Reorganisation(
        id,
        kind,
        unitId,
        targetId,
        parts,
        effectiveOn,
        decisionNumber,
        requestedBy,
        State.DONE,
        startedAt,
        at,
        null,
        owner,
        heartbeatAt);
  }
}
