package vn.digicell.member.transfer;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.platform.events.AggregateRoot;
import vn.digicell.platform.web.ProblemException;

/**
 * A member's transfer between cells, as a saga with its own state: requested by the source cell,
 * approved by the source committee (the introduction letter), received by the destination
 * committee, completed by the destination cell — or rejected at any open step, or expired when the
 * member does not report in time. Every step is an event, so the stream rebuilds it.
 */
@Document("transfers")
@CompoundIndex(name = "member_open", def = "{'memberId': 1, 'state': 1}")
@CompoundIndex(name = "deadline", def = "{'state': 1, 'deadline': 1}")
@CompoundIndex(name = "from_path", def = "{'fromPath': 1, 'state': 1}")
@CompoundIndex(name = "to_path", def = "{'toPath': 1, 'state': 1}")
public class Transfer extends AggregateRoot {

  /** Official: membership moves. Temporary: the member attends another cell for a while. */
  public enum Kind {
    OFFICIAL,
    TEMPORARY
  }

  public enum State {
    REQUESTED,
    APPROVED,
    RECEIVED,
    COMPLETED,
    REJECTED,
    EXPIRED;

    boolean isOpen() {
      return this == REQUESTED || this == APPROVED || this == RECEIVED;
    }
  }

  /** One step taken: the state reached, when, by whom, with what note. */
  public record Step(State state, LocalDate on, String by, String note) {}

  @Id private final String id;
  private final String memberId;
  private final Kind kind;
  private final String fromOrgUnitId;
  private final String fromPath;
  private final String toOrgUnitId;
  private final String toPath;
  private final LocalDate temporaryUntil;
  private State state;
  private LocalDate deadline;
  private String letterNumber;
  private final List<Step> steps;
  @Version private Long version;

  @PersistenceCreator
  Transfer(
      String id,
      String memberId,
      Kind kind,
      String fromOrgUnitId,
      String fromPath,
      String toOrgUnitId,
      String toPath,
      LocalDate temporaryUntil,
      State state,
      LocalDate deadline,
      String letterNumber,
      List<Step> steps) {
    this.id = id;
    this.memberId = memberId;
    this.kind = kind;
    this.fromOrgUnitId = fromOrgUnitId;
    this.fromPath = fromPath;
    this.toOrgUnitId = toOrgUnitId;
    this.toPath = toPath;
    this.temporaryUntil = temporaryUntil;
    this.state = state;
    this.deadline = deadline;
    this.letterNumber = letterNumber;
    this.steps = steps == null ? new ArrayList<>() : new ArrayList<>(steps);
  }

  static Transfer request(
      String memberId,
      Kind kind,
      String fromOrgUnitId,
      String fromPath,
      String toOrgUnitId,
      String toPath,
      LocalDate temporaryUntil,
      String reason,
      String by,
      Clock clock) {
    if (fromOrgUnitId.equals(toOrgUnitId)) {
      throw ProblemException.ruleViolated(
          "same-cell", "The member already belongs to " + toPath + ".");
    }
    LocalDate today = LocalDate.now(clock);
    if (kind == Kind.TEMPORARY && (temporaryUntil == null || !temporaryUntil.isAfter(today))) {
      throw ProblemException.ruleViolated(
          "temporary-needs-end", "A temporary transfer needs an end date in the future.");
    }
    Transfer t =
        new Transfer(
            UUID.randomUUID().toString(),
            memberId,
            kind,
            fromOrgUnitId,
            fromPath,
            toOrgUnitId,
            toPath,
            kind == Kind.TEMPORARY ? temporaryUntil : null,
            State.REQUESTED,
            null,
            null,
            List.of());
    t.step(State.REQUESTED, today, by, reason, "vn.digicell.member.transfer-requested.v1", clock);
    return t;
  }

  /** The source committee approves and issues the introduction letter; the clock starts. */
  void approve(String letter, int reportWithinDays, String by, Clock clock) {
    require(State.REQUESTED, "approve");
    LocalDate today = LocalDate.now(clock);
    letterNumber = letter;
    deadline = today.plusDays(reportWithinDays);
    step(State.APPROVED, today, by, letter, "vn.digicell.member.transfer-approved.v1", clock);
  }

  /** The destination committee receives the member's file. */
  void receive(String by, Clock clock) {
    require(State.APPROVED, "receive");
    step(
        State.RECEIVED,
        LocalDate.now(clock),
        by,
        null,
        "vn.digicell.member.transfer-received.v1",
        clock);
  }

  /** The destination cell accepts the member; the caller moves the member record. */
  void complete(String by, Clock clock) {
    require(State.RECEIVED, "complete");
    step(
        State.COMPLETED,
        LocalDate.now(clock),
        by,
        null,
        "vn.digicell.member.transfer-completed.v1",
        clock);
  }

  void reject(String reason, String by, Clock clock) {
    if (!state.isOpen()) {
      throw ProblemException.ruleViolated(
          "transfer-closed", "This transfer is " + state + "; it can no longer be rejected.");
    }
    step(
        State.REJECTED,
        LocalDate.now(clock),
        by,
        reason,
        "vn.digicell.member.transfer-rejected.v1",
        clock);
  }

  /** Whether the member failed to report by the deadline. */
  boolean isOverdue(LocalDate today) {
    return (state == State.APPROVED || state == State.RECEIVED)
        && deadline != null
        && deadline.isBefore(today);
  }

  void expire(Clock clock) {
    if (!isOverdue(LocalDate.now(clock))) {
      return;
    }
    step(
        State.EXPIRED,
        LocalDate.now(clock),
        "system",
        "the member did not report by " + deadline,
        "vn.digicell.member.transfer-expired.v1",
        clock);
  }

  private void require(State expected, String action) {
    if (state != expected) {
      throw ProblemException.ruleViolated(
          "transfer-step-out-of-order",
          "Cannot " + action + " a transfer that is " + state + "; it must be " + expected + ".");
    }
  }

  private void step(
      State next, LocalDate on, String by, String note, String eventType, Clock clock) {
    state = next;
    steps.add(new Step(next, on, by, note));
    record(
        eventType,
        new TransferStepped(
            id,
            memberId,
            kind.name(),
            next.name(),
            fromOrgUnitId,
            fromPath,
            toOrgUnitId,
            toPath,
            on,
            deadline,
            temporaryUntil,
            letterNumber,
            note),
        clock);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  protected String orgPath() {
    return fromPath;
  }

  public String memberId() {
    return memberId;
  }

  public Kind kind() {
    return kind;
  }

  public State state() {
    return state;
  }

  public String fromPath() {
    return fromPath;
  }

  public String toPath() {
    return toPath;
  }

  public String toOrgUnitId() {
    return toOrgUnitId;
  }

  public LocalDate deadline() {
    return deadline;
  }

  public LocalDate temporaryUntil() {
    return temporaryUntil;
  }

  public String letterNumber() {
    return letterNumber;
  }

  public List<Step> steps() {
    return List.copyOf(steps);
  }

  /** Payload of every {@code vn.digicell.member.transfer-*.v1} event. */
  record TransferStepped(
      String transferId,
      String memberId,
      String kind,
      String state,
      String fromOrgUnitId,
      String fromOrgPath,
      String toOrgUnitId,
      String toOrgPath,
      LocalDate effectiveOn,
      LocalDate deadline,
      LocalDate temporaryUntil,
      String letterNumber,
      String note) {}
}
