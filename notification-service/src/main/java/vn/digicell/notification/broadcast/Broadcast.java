package vn.digicell.notification.broadcast;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
 * An announcement or a task a committee sends to one or more org subtrees. The text and targets
 * never change once sent; who received, read and acknowledged it is kept beside it ({@link
 * BroadcastRecipient}, counted in {@link BroadcastTally}) so 100,000 readers never contend on this
 * document.
 */
@Document("broadcasts")
@CompoundIndex(name = "sender_list", def = "{'orgPath': 1, 'createdAt': -1, '_id': -1}")
public class Broadcast extends AggregateRoot {

  static final String SENT = "vn.digicell.notification.broadcast-sent.v1";
  static final String REMINDED = "vn.digicell.notification.broadcast-reminded.v1";
  static final String TALLIED = "vn.digicell.notification.broadcast-tallied.v1";

  /** What the recipients are asked to do: read an announcement, or carry out a task. */
  public enum Kind {
    ANNOUNCEMENT,
    TASK
  }

  @Id private final String id;
  private final Kind kind;
  private final String title;
  private final String body;
  private final List<String> targets;
  private final List<String> documentIds;
  private final LocalDate dueOn;
  private final String orgPath;
  private final String senderUsername;
  private final String senderName;
  private final String senderUnit;
  private final Instant createdAt;
  private Instant sentAt;
  private Long recipientCount;
  private int remindRound;
  private Instant lastRemindedAt;
  @Version private Long version;

  @PersistenceCreator
  Broadcast(
      String id,
      Kind kind,
      String title,
      String body,
      List<String> targets,
      List<String> documentIds,
      LocalDate dueOn,
      String orgPath,
      String senderUsername,
      String senderName,
      String senderUnit,
      Instant createdAt,
      Instant sentAt,
      Long recipientCount,
      int remindRound,
      Instant lastRemindedAt) {
    this.id = id;
    this.kind = kind;
    this.title = title;
    this.body = body;
    this.targets = targets == null ? List.of() : List.copyOf(targets);
    this.documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
    this.dueOn = dueOn;
    this.orgPath = orgPath;
    this.senderUsername = senderUsername;
    this.senderName = senderName;
    this.senderUnit = senderUnit;
    this.createdAt = createdAt;
    this.sentAt = sentAt;
    this.recipientCount = recipientCount;
    this.remindRound = remindRound;
    this.lastRemindedAt = lastRemindedAt;
  }

  /**
   * A new broadcast to the given subtrees; targets covered by another target are dropped, so no one
   * is counted twice. A due date belongs to tasks only and may not lie in the past.
   */
  static Broadcast draft(
      Kind kind,
      String title,
      String body,
      List<String> targets,
      List<String> documentIds,
      LocalDate dueOn,
      String senderUsername,
      Clock clock) {
    return draft(kind, title, body, targets, documentIds, dueOn, senderUsername, null, null, clock);
  }

  /**
   * The same, with who sends it as recipients read it: the person's name (from their login) and the
   * unit whose committee sends it (its name, not its path).
   */
  static Broadcast draft(
      Kind kind,
      String title,
      String body,
      List<String> targets,
      List<String> documentIds,
      LocalDate dueOn,
      String senderUsername,
      String senderName,
      String senderUnit,
      Clock clock) {
    List<String> minimal = TargetPaths.minimal(targets);
    if (dueOn != null && dueOn.isBefore(LocalDate.now(clock))) {
      throw ProblemException.ruleViolated(
          "broadcast-due-in-past", "The due date " + dueOn + " has already passed.");
    }
    return new Broadcast(
        UUID.randomUUID().toString(),
        kind,
        title,
        body,
        minimal,
        documentIds == null ? List.of() : documentIds.stream().distinct().toList(),
        dueOn,
        TargetPaths.commonAncestor(minimal),
        senderUsername,
        senderName,
        senderUnit,
        Instant.now(clock),
        null,
        null,
        0,
        null);
  }

  /** The fan-out reached everyone: records how many recipients it has. Only once. */
  void sent(long recipients, Clock clock) {
    if (sentAt != null) {
      return;
    }
    sentAt = Instant.now(clock);
    recipientCount = recipients;
    record(
        SENT,
        new BroadcastSent(id, kind.name(), title, targets, orgPath, recipients, dueOn, sentAt),
        clock);
  }

  /**
   * Opens the next remind round. A round may not follow the previous one sooner than {@code
   * interval}, and there is nothing to remind before the fan-out completed.
   */
  int remind(java.time.Duration interval, long outstanding, Clock clock) {
    if (sentAt == null) {
      throw ProblemException.conflict(
          "broadcast-not-sent", "The broadcast is still being delivered; remind later.");
    }
    Instant now = Instant.now(clock);
    if (lastRemindedAt != null && lastRemindedAt.plus(interval).isAfter(now)) {
      throw ProblemException.conflict(
          "remind-too-soon",
          "Recipients were reminded at "
              + lastRemindedAt
              + "; the next reminder is possible at "
              + lastRemindedAt.plus(interval)
              + ".");
    }
    remindRound++;
    lastRemindedAt = now;
    record(REMINDED, new BroadcastReminded(id, remindRound, outstanding, now), clock);
    return remindRound;
  }

  /** A periodic summary of read and acknowledgement rates (instead of one event per reader). */
  void tallied(BroadcastTally tally, Clock clock) {
    record(
        TALLIED,
        new BroadcastTallied(
            id,
            kind.name(),
            tally.recipients(),
            tally.read(),
            tally.acknowledged(),
            dueOn,
            Instant.now(clock)),
        clock);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  protected String orgPath() {
    return orgPath;
  }

  public String path() {
    return orgPath;
  }

  public Kind kind() {
    return kind;
  }

  public String title() {
    return title;
  }

  public String body() {
    return body;
  }

  public List<String> targets() {
    return targets;
  }

  public List<String> documentIds() {
    return documentIds;
  }

  public LocalDate dueOn() {
    return dueOn;
  }

  public String senderUsername() {
    return senderUsername;
  }

  /** The sender's full name as their login carries it; null when it carries none. */
  public String senderName() {
    return senderName;
  }

  /** The name of the unit whose committee sent it. */
  public String senderUnit() {
    return senderUnit;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant sentAt() {
    return sentAt;
  }

  public Long recipientCount() {
    return recipientCount;
  }

  public int remindRound() {
    return remindRound;
  }

  public Instant lastRemindedAt() {
    return lastRemindedAt;
  }

  /** Payload of {@code broadcast-sent.v1}: no body text, no personal data. */
  record BroadcastSent(
      String broadcastId,
      String kind,
      String title,
      List<String> targets,
      String orgPath,
      long recipientCount,
      LocalDate dueOn,
      Instant sentAt) {}

  /** Payload of {@code broadcast-reminded.v1}. */
  record BroadcastReminded(String broadcastId, int round, long outstanding, Instant remindedAt) {}

  /** Payload of {@code broadcast-tallied.v1}. */
  record BroadcastTallied(
      String broadcastId,
      String kind,
      long recipients,
      long read,
      long acknowledged,
      LocalDate dueOn,
      Instant talliedAt) {}
}
