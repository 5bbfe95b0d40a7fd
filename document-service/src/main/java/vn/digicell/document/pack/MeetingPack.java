package vn.digicell.document.pack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The paperless pack of one meeting: what meeting-service announced about it (title, time, place,
 * link, agenda with the documents to study) behind a short code drawn when the meeting was
 * scheduled, which never changes. The documents themselves are resolved when the pack is opened, so
 * a retracted document drops out and the newest version is always the one served.
 */
@Document("meeting_packs")
public class MeetingPack {

  static final int MAX_AGENDA_ITEMS = 200;

  /** Whether the meeting still takes place. */
  public enum Status {
    SCHEDULED,
    IN_PROGRESS,
    CLOSED,
    CANCELLED
  }

  /** An agenda item and the library documents to study for it, in the order given. */
  public record AgendaItem(String itemId, String title, List<String> documentIds) {}

  @Id private final String meetingId;

  @Indexed(unique = true)
  private final String code;

  private final String cellId;
  @Indexed private String orgPath;
  private final String kind;
  private String mode;
  private final String title;
  private Instant startsAt;
  private final String location;
  private String onlineLink;
  private Status status;
  private String cancelReason;
  private final List<AgendaItem> agenda;
  private final Instant createdAt;
  private Instant updatedAt;
  @Version private Long version;

  @PersistenceCreator
  MeetingPack(
      String meetingId,
      String code,
      String cellId,
      String orgPath,
      String kind,
      String mode,
      String title,
      Instant startsAt,
      String location,
      String onlineLink,
      Status status,
      String cancelReason,
      List<AgendaItem> agenda,
      Instant createdAt,
      Instant updatedAt) {
    this.meetingId = meetingId;
    this.code = code;
    this.cellId = cellId;
    this.orgPath = orgPath;
    this.kind = kind;
    this.mode = mode;
    this.title = title;
    this.startsAt = startsAt;
    this.location = location;
    this.onlineLink = onlineLink;
    this.status = status;
    this.cancelReason = cancelReason;
    this.agenda = new ArrayList<>(agenda == null ? List.of() : agenda);
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
  }

  static MeetingPack scheduled(MeetingEvents.Scheduled s, String code, Instant now) {
    List<AgendaItem> items =
        s.agenda() == null
            ? List.of()
            : s.agenda().stream()
                .limit(MAX_AGENDA_ITEMS)
                .map(
                    i ->
                        new AgendaItem(
                            i.itemId(),
                            i.title(),
                            List.copyOf(i.documentIds() == null ? List.of() : i.documentIds())))
                .toList();
    return new MeetingPack(
        s.meetingId(),
        code,
        s.cellId(),
        s.orgPath(),
        s.kind(),
        s.mode(),
        s.title(),
        s.startsAt(),
        s.location(),
        s.onlineLink(),
        Status.SCHEDULED,
        null,
        items,
        now,
        now);
  }

  /** Moves the meeting; false when it already starts then. */
  boolean reschedule(Instant startsAt, Instant now) {
    if (Objects.equals(this.startsAt, startsAt)) {
      return false;
    }
    this.startsAt = startsAt;
    this.updatedAt = now;
    return true;
  }

  /** The meeting is held online (or hybrid stays hybrid) behind this link. */
  boolean switchOnline(String link, Instant now) {
    if (Objects.equals(onlineLink, link) && !"IN_PERSON".equals(mode)) {
      return false;
    }
    this.onlineLink = link;
    if ("IN_PERSON".equals(mode)) {
      this.mode = "ONLINE";
    }
    this.updatedAt = now;
    return true;
  }

  /** The meeting has started; a closed or cancelled one stays as it is. */
  boolean start(Instant now) {
    if (status != Status.SCHEDULED) {
      return false;
    }
    this.status = Status.IN_PROGRESS;
    this.updatedAt = now;
    return true;
  }

  /** The meeting is over (its pack stays readable, saying so). */
  boolean close(Instant now) {
    if (status == Status.CLOSED || status == Status.CANCELLED) {
      return false;
    }
    this.status = Status.CLOSED;
    this.updatedAt = now;
    return true;
  }

  boolean cancel(String reason, Instant now) {
    if (status == Status.CANCELLED) {
      return false;
    }
    this.status = Status.CANCELLED;
    this.cancelReason = reason;
    this.updatedAt = now;
    return true;
  }

  /** Adds an agenda item; an item id already on the agenda is left as it is. */
  boolean addItem(AgendaItem item, Instant now) {
    if (agenda.size() >= MAX_AGENDA_ITEMS
        || agenda.stream().anyMatch(i -> i.itemId().equals(item.itemId()))) {
      return false;
    }
    agenda.add(item);
    this.updatedAt = now;
    return true;
  }

  /** Every document id on the agenda, once. */
  List<String> documentIds() {
    return agenda.stream().flatMap(i -> i.documentIds().stream()).distinct().toList();
  }

  public String meetingId() {
    return meetingId;
  }

  public String code() {
    return code;
  }

  public String cellId() {
    return cellId;
  }

  public String orgPath() {
    return orgPath;
  }

  public String kind() {
    return kind;
  }

  public String mode() {
    return mode;
  }

  public String title() {
    return title;
  }

  public Instant startsAt() {
    return startsAt;
  }

  public String location() {
    return location;
  }

  public String onlineLink() {
    return onlineLink;
  }

  public Status status() {
    return status;
  }

  public String cancelReason() {
    return cancelReason;
  }

  public List<AgendaItem> agenda() {
    return List.copyOf(agenda);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
