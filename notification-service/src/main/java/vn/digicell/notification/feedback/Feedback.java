package vn.digicell.notification.feedback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.platform.events.AggregateRoot;
import vn.digicell.platform.web.ProblemException;

/**
 * A member's or a cell's feedback on a local issue, routed to the committee responsible for the
 * unit it came from. Status goes RECEIVED → ASSIGNED → IN_PROGRESS → RESOLVED, or DECLINED from any
 * open state; an item nobody took up by {@code escalateAt} moves to the next level up.
 */
@Document("feedback")
@CompoundIndexes({
  @CompoundIndex(
      name = "inbox",
      def = "{'routedTo': 1, 'status': 1, 'submittedAt': -1, '_id': -1}"),
  @CompoundIndex(name = "mine", def = "{'submitterMemberId': 1, 'submittedAt': -1, '_id': -1}"),
  @CompoundIndex(name = "escalation", def = "{'status': 1, 'escalateAt': 1}")
})
public class Feedback extends AggregateRoot {

  static final String SUBMITTED = "vn.digicell.feedback.submitted.v1";
  static final String ASSIGNED = "vn.digicell.feedback.assigned.v1";
  static final String STARTED = "vn.digicell.feedback.started.v1";
  static final String RESOLVED = "vn.digicell.feedback.resolved.v1";
  static final String DECLINED = "vn.digicell.feedback.declined.v1";
  static final String ESCALATED = "vn.digicell.feedback.escalated.v1";
  static final String RESPONDED = "vn.digicell.feedback.responded.v1";

  /** What the feedback is about. */
  public enum Category {
    LAND,
    ENVIRONMENT,
    SECURITY_ORDER,
    SOCIAL_POLICY,
    PARTY_BUILDING,
    OTHER
  }

  /** Where the feedback stands. */
  public enum Status {
    RECEIVED,
    ASSIGNED,
    IN_PROGRESS,
    RESOLVED,
    DECLINED;

    public boolean isOpen() {
      return this != RESOLVED && this != DECLINED;
    }
  }

  /** Who at the committee handles it: a name, and the member id when they are a member. */
  public record Assignee(String name, String memberId) {}

  /** A committee's answer, visible to the submitter. */
  public record Response(int number, String text, String by, Instant at) {}

  /** The item moved up a level because nobody took it up in time. */
  public record Escalation(String from, String to, Instant at) {}

  /** A photo or document attached by the submitter; the bytes are in GridFS. */
  public record Attachment(
      String fileId, String filename, String mediaType, long size, Instant uploadedAt) {}

  @Id private final String id;
  private final Category category;
  private final String text;
  private final String location;
  private final boolean anonymousToOthers;
  private final String submitterMemberId;
  private final String submitterName;
  private final boolean onBehalfOfCell;
  private final String originPath;
  private String routedTo;
  private Status status;
  private Assignee assignee;
  private final List<Response> responses;
  private final List<Escalation> escalations;
  private final List<Attachment> attachments;
  private final Instant submittedAt;
  private Instant escalateAt;
  private Instant resolveBy;
  private Instant closedAt;
  private Long resolveMillis;
  @Version private Long version;

  @PersistenceCreator
  Feedback(
      String id,
      Category category,
      String text,
      String location,
      boolean anonymousToOthers,
      String submitterMemberId,
      String submitterName,
      boolean onBehalfOfCell,
      String originPath,
      String routedTo,
      Status status,
      Assignee assignee,
      List<Response> responses,
      List<Escalation> escalations,
      List<Attachment> attachments,
      Instant submittedAt,
      Instant escalateAt,
      Instant resolveBy,
      Instant closedAt,
      Long resolveMillis) {
    this.id = id;
    this.category = category;
    this.text = text;
    this.location = location;
    this.anonymousToOthers = anonymousToOthers;
    this.submitterMemberId = submitterMemberId;
    this.submitterName = submitterName;
    this.onBehalfOfCell = onBehalfOfCell;
    this.originPath = originPath;
    this.routedTo = routedTo;
    this.status = status;
    this.assignee = assignee;
    this.responses = responses == null ? new ArrayList<>() : new ArrayList<>(responses);
    this.escalations = escalations == null ? new ArrayList<>() : new ArrayList<>(escalations);
    this.attachments = attachments == null ? new ArrayList<>() : new ArrayList<>(attachments);
    this.submittedAt = submittedAt;
    this.escalateAt = escalateAt;
    this.resolveBy = resolveBy;
    this.closedAt = closedAt;
    this.resolveMillis = resolveMillis;
  }

  /**
   * New feedback from a unit (the submitter's cell), routed to the committee one level up (the
   * commune's for a cell). A unit at the top of the tree handles its own.
   */
  static Feedback submit(
      Category category,
      String text,
      String location,
      boolean anonymousToOthers,
      String submitterMemberId,
      String submitterName,
      boolean onBehalfOfCell,
      String originPath,
      Duration resolveWithin,
      Clock clock) {
    Instant now = Instant.now(clock);
    String routedTo = parentOf(originPath).orElse(originPath);
    Feedback feedback =
        new Feedback(
            UUID.randomUUID().toString(),
            category,
            text,
            location,
            anonymousToOthers,
            submitterMemberId,
            submitterName,
            onBehalfOfCell,
            originPath,
            routedTo,
            Status.RECEIVED,
            null,
            List.of(),
            List.of(),
            List.of(),
            now,
            // one rule: nobody took it up by the deadline it shows, it moves up a level
            parentOf(routedTo).isPresent() ? now.plus(resolveWithin) : null,
            now.plus(resolveWithin),
            null,
            null);
    feedback.record(
        SUBMITTED,
        new Submitted(
            feedback.id,
            category.name(),
            originPath,
            routedTo,
            onBehalfOfCell,
            anonymousToOthers,
            now),
        clock);
    return feedback;
  }

  /** Gives it to someone at the committee; again to hand it to someone else. */
  void assign(Assignee to, Clock clock) {
    require(status == Status.RECEIVED || status == Status.ASSIGNED, "assign");
    status = Status.ASSIGNED;
    assignee = to;
    record(ASSIGNED, new Assigned(id, routedTo, to.memberId(), Instant.now(clock)), clock);
  }

  /** Work on it has begun: from now on it no longer escalates. */
  void start(Clock clock) {
    require(status == Status.ASSIGNED, "start");
    status = Status.IN_PROGRESS;
    escalateAt = null;
    record(STARTED, new Started(id, routedTo, Instant.now(clock)), clock);
  }

  /** Resolved, with an answer the submitter reads. */
  void resolve(String response, String by, Clock clock) {
    require(status == Status.IN_PROGRESS, "resolve");
    close(Status.RESOLVED, response, by, clock);
  }

  /** Declined, with the reason the submitter reads. */
  void decline(String response, String by, Clock clock) {
    require(status.isOpen(), "decline");
    close(Status.DECLINED, response, by, clock);
  }

  private void close(Status to, String response, String by, Clock clock) {
    Instant now = Instant.now(clock);
    status = to;
    escalateAt = null;
    closedAt = now;
    resolveMillis = Duration.between(submittedAt, now).toMillis();
    responses.add(new Response(responses.size() + 1, response, by, now));
    record(
        to == Status.RESOLVED ? RESOLVED : DECLINED,
        new Closed(id, category.name(), routedTo, responses.size(), resolveMillis / 1000, now),
        clock);
  }

  /** An answer while it is open, visible to the submitter. */
  void respond(String text, String by, Clock clock) {
    require(status.isOpen(), "respond to");
    Instant now = Instant.now(clock);
    responses.add(new Response(responses.size() + 1, text, by, now));
    record(RESPONDED, new Responded(id, routedTo, responses.size(), now), clock);
  }

  /** Whether nobody took it up in time (received or assigned, never started). */
  boolean isDueForEscalation(Instant now) {
    return (status == Status.RECEIVED || status == Status.ASSIGNED)
        && escalateAt != null
        && !escalateAt.isAfter(now);
  }

  /**
   * Moves it to the committee one level up, unassigned, with a new deadline to show and to escalate
   * by (it is not escalated again at the top of the tree). Returns false when it was not due.
   */
  boolean escalate(Duration resolveWithin, Clock clock) {
    Instant now = Instant.now(clock);
    if (!isDueForEscalation(now)) {
      return false;
    }
    String from = routedTo;
    String to = parentOf(from).orElseThrow();
    routedTo = to;
    status = Status.RECEIVED;
    assignee = null;
    resolveBy = now.plus(resolveWithin);
    escalateAt = parentOf(to).isPresent() ? resolveBy : null;
    escalations.add(new Escalation(from, to, now));
    record(ESCALATED, new Escalated(id, from, to, escalations.size(), now), clock);
    return true;
  }

  /** A photo or document the submitter added. */
  void attach(Attachment attachment, int max) {
    requireRoomForAttachment(max);
    attachments.add(attachment);
  }

  /** Refuses (409) unless it is open and has room for one more attachment. */
  void requireRoomForAttachment(int max) {
    require(status.isOpen(), "attach a file to");
    if (attachments.size() >= max) {
      throw ProblemException.conflict(
          "too-many-attachments", "Feedback carries at most " + max + " attachments.");
    }
  }

  private void require(boolean allowed, String action) {
    if (!allowed) {
      throw ProblemException.conflict(
          "invalid-feedback-transition",
          "Cannot " + action + " feedback that is " + status.name().toLowerCase() + ".");
    }
  }

  /** The parent of {@code /AG/VB/C07} is {@code /AG/VB}; a top-level unit has none. */
  static java.util.Optional<String> parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(path.substring(0, slash));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  protected String orgPath() {
    return routedTo;
  }

  public Category category() {
    return category;
  }

  public String text() {
    return text;
  }

  public String location() {
    return location;
  }

  public boolean anonymousToOthers() {
    return anonymousToOthers;
  }

  public String submitterMemberId() {
    return submitterMemberId;
  }

  public String submitterName() {
    return submitterName;
  }

  public boolean onBehalfOfCell() {
    return onBehalfOfCell;
  }

  public String originPath() {
    return originPath;
  }

  public String routedTo() {
    return routedTo;
  }

  public Status status() {
    return status;
  }

  public Assignee assignee() {
    return assignee;
  }

  public List<Response> responses() {
    return List.copyOf(responses);
  }

  public List<Escalation> escalations() {
    return List.copyOf(escalations);
  }

  public List<Attachment> attachments() {
    return List.copyOf(attachments);
  }

  public Instant submittedAt() {
    return submittedAt;
  }

  public Instant escalateAt() {
    return escalateAt;
  }

  public Instant resolveBy() {
    return resolveBy;
  }

  public Instant closedAt() {
    return closedAt;
  }

  /** Payload of {@code feedback.submitted.v1}: ids, paths and category only. */
  record Submitted(
      String feedbackId,
      String category,
      String originPath,
      String routedTo,
      boolean onBehalfOfCell,
      boolean anonymous,
      Instant submittedAt) {}

  /** Payload of {@code feedback.assigned.v1}. */
  record Assigned(
      String feedbackId, String routedTo, String assigneeMemberId, Instant assignedAt) {}

  /** Payload of {@code feedback.started.v1}. */
  record Started(String feedbackId, String routedTo, Instant startedAt) {}

  /** Payload of {@code feedback.resolved.v1} and {@code feedback.declined.v1}. */
  record Closed(
      String feedbackId,
      String category,
      String routedTo,
      int responses,
      long secondsOpen,
      Instant closedAt) {}

  /** Payload of {@code feedback.escalated.v1}. */
  record Escalated(String feedbackId, String fromPath, String toPath, int level, Instant at) {}

  /** Payload of {@code feedback.responded.v1}: never the text. */
  record Responded(String feedbackId, String routedTo, int responseNumber, Instant respondedAt) {}
}
