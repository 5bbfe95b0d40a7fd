package vn.digicell.meeting.analytics;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import vn.digicell.meeting.Roles;
import vn.digicell.meeting.meeting.Attendance;
import vn.digicell.meeting.meeting.Meeting;
import vn.digicell.meeting.meeting.MeetingKind;
import vn.digicell.meeting.meeting.MeetingStatus;
import vn.digicell.meeting.meeting.Opinion;
import vn.digicell.meeting.meeting.Participant;
import vn.digicell.meeting.vote.Motion;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.ProblemException;

/**
 * Participation analytics kept as monthly aggregates per org path ({@code participation_months}, id
 * {@code <path>|<YYYY-MM>}), so a commune's or province's figures are one read, never a scan of
 * meetings.
 *
 * <p>A cell's month document holds the figures of each of its meetings (keyed by meeting id) and
 * whether the month was found without a regular meeting; every level above holds the totals of each
 * direct child (keyed by the child's code) with the child's revision. Every write <em>sets</em>
 * values computed from the source (the meeting, its motions, the read receipts), never increments
 * them, and a parent takes a child's totals only when newer than what it holds: replays, retries
 * and concurrent updates all converge to the same figures.
 */
@Service
public class Participation {

  static final String MONTHS = "participation_months";
  private static final int MAX_MONTHS = 24;

  private final MongoTemplate mongo;
  private final AccessGuard guard;
  private final ZoneId zone;

  Participation(
      MongoTemplate mongo,
      AccessGuard guard,
      @Value("${digicell.meeting.reminders.zone:Asia/Ho_Chi_Minh}") ZoneId zone) {
    this.mongo = mongo;
    this.guard = guard;
    this.zone = zone;
  }

  /** The month a meeting counts in: its start, in the organisation's time zone. */
  public YearMonth monthOf(Instant startsAt) {
    return YearMonth.from(startsAt.atZone(zone));
  }

  /** A closed meeting's figures, from its record, its motions and the read receipts. */
  public Figures figuresOf(Meeting meeting) {
    List<Participant> participants = meeting.participants();
    long count = participants.size();
    List<Motion> motions =
        mongo.find(Query.query(Criteria.where("meetingId").is(meeting.id())), Motion.class);
    List<Motion> closedMotions =
        motions.stream().filter(m -> m.status() == Motion.VoteStatus.CLOSED).toList();
    long eligible = participants.stream().filter(Participant::mayVote).count();
    List<String> documents = meeting.documentIds();
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("meetings", meeting.status() == MeetingStatus.CLOSED ? 1L : 0L);
    c.put(
        "regularMeetings",
        meeting.status() == MeetingStatus.CLOSED && meeting.kind() == MeetingKind.REGULAR
            ? 1L
            : 0L);
    c.put("invited", count);
    c.put("present", attendance(participants, Attendance.PRESENT));
    c.put("late", attendance(participants, Attendance.LATE));
    c.put("absentWithReason", attendance(participants, Attendance.ABSENT_WITH_REASON));
    c.put("absentWithoutReason", attendance(participants, Attendance.ABSENT_WITHOUT_REASON));
    c.put("opinions", (long) meeting.opinions().size());
    c.put("speakers", meeting.opinions().stream().map(Opinion::memberId).distinct().count());
    c.put("motions", (long) closedMotions.size());
    c.put("eligibleVoters", eligible * closedMotions.size());
    c.put("votesCast", closedMotions.stream().mapToLong(Motion::votersCount).sum());
    c.put("inviteesWithDocuments", documents.isEmpty() ? 0L : count);
    c.put("readDocumentsBefore", documents.isEmpty() ? 0L : readersBefore(meeting, documents));
    return new Figures(c);
  }

  private static long attendance(List<Participant> participants, Attendance value) {
    return participants.stream().filter(p -> p.attendance() == value).count();
  }

  /** Invitees who opened at least one of the agenda's documents before the meeting started. */
  private long readersBefore(Meeting meeting, List<String> documents) {
    List<String> invitees = meeting.participants().stream().map(Participant::memberId).toList();
    Query query =
        Query.query(
            Criteria.where("documentId")
                .in(documents)
                .and("memberId")
                .in(invitees)
                .and("readAt")
                .lt(meeting.startsAt()));
    query.fields().include("memberId");
    Set<String> readers = new HashSet<>();
    mongo.find(query, DocumentRead.class).forEach(r -> readers.add(r.memberId()));
    return readers.size();
  }

  /** (Re)computes a closed meeting's figures into its cell's month and every level above. */
  public void meetingChanged(String meetingId) {
    Meeting meeting = mongo.findById(meetingId, Meeting.class);
    if (meeting == null || meeting.status() != MeetingStatus.CLOSED) {
      return;
    }
    Figures figures = figuresOf(meeting);
    YearMonth month = monthOf(meeting.startsAt());
    Document cell =
        mongo.findAndModify(
            Query.query(Criteria.where("_id").is(idOf(meeting.path(), month))),
            new Update()
                .set("path", meeting.path())
                .set("month", month.toString())
                .set("level", "CELL")
                .set("children." + meeting.id(), figures.toBson())
                .inc("rev", 1),
            FindAndModifyOptions.options().upsert(true).returnNew(true),
            Document.class,
            MONTHS);
    propagate(meeting.path(), month, cell);
  }

  /** The month ended without a regular meeting in this cell (the regularity check found it). */
  public void regularMeetingMissed(String cellPath, YearMonth month) {
    Document cell =
        mongo.findAndModify(
            Query.query(Criteria.where("_id").is(idOf(cellPath, month))),
            new Update()
                .set("path", cellPath)
                .set("month", month.toString())
                .set("level", "CELL")
                .set("missedRegular", true)
                .inc("rev", 1),
            FindAndModifyOptions.options().upsert(true).returnNew(true),
            Document.class,
            MONTHS);
    propagate(cellPath, month, cell);
  }

  /**
   * A member opened a document for the first time: kept, and the figures of closed meetings that
   * had it on their agenda after that moment are computed again (a receipt can arrive late).
   */
  public void documentRead(String documentId, String memberId, Instant readAt) {
    mongo.upsert(
        Query.query(Criteria.where("_id").is(DocumentRead.idOf(documentId, memberId))),
        new Update()
            .setOnInsert("documentId", documentId)
            .setOnInsert("memberId", memberId)
            .min("readAt", readAt),
        DocumentRead.class);
    Query affected =
        Query.query(
                Criteria.where("status")
                    .is(MeetingStatus.CLOSED)
                    .and("participants.memberId")
                    .is(memberId)
                    .and("agenda.documentIds")
                    .is(documentId)
                    .and("startsAt")
                    .gt(readAt))
            .limit(100);
    affected.fields().include("_id");
    for (Document m : mongo.find(affected, Document.class, "meetings")) {
      meetingChanged(m.getString("_id"));
    }
  }

  /**
   * Sets a level's totals into its parent when newer than what the parent holds, then goes up. A
   * parent that already holds a newer revision of this child stops the climb: whoever wrote it
   * carries the newer totals up.
   */
  private void propagate(String path, YearMonth month, Document doc) {
    String childPath = path;
    Document child = doc;
    while (true) {
      int cut = childPath.lastIndexOf('/');
      if (cut <= 0) {
        return;
      }
      String parentPath = childPath.substring(0, cut);
      String key = childPath.substring(cut + 1);
      long rev = ((Number) child.get("rev")).longValue();
      Figures totals = totalsOf(child);
      Document parent;
      try {
        parent =
            mongo.findAndModify(
                Query.query(
                    Criteria.where("_id")
                        .is(idOf(parentPath, month))
                        .orOperator(
                            Criteria.where("revs." + key).lt(rev),
                            Criteria.where("revs." + key).exists(false))),
                new Update()
                    .set("path", parentPath)
                    .set("month", month.toString())
                    .set("level", "UNIT")
                    .set("children." + key, totals.toBson())
                    .set("revs." + key, rev)
                    .inc("rev", 1),
                FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class,
                MONTHS);
      } catch (DuplicateKeyException newerAlreadyThere) {
        return;
      }
      if (parent == null) {
        return;
      }
      childPath = parentPath;
      child = parent;
    }
  }

  /** The totals of a month document: its children summed, plus a cell's own regularity. */
  static Figures totalsOf(Document doc) {
    Figures sum = Figures.zero();
    Object children = doc.get("children");
    if (children instanceof Document map) {
      for (Object value : map.values()) {
        sum = sum.plus(Figures.fromBson(value));
      }
    }
    if ("CELL".equals(doc.getString("level"))) {
      boolean held = sum.get("regularMeetings") > 0;
      sum = sum.with("cellsHeldRegular", held ? 1 : 0);
      sum =
          sum.with(
              "cellsMissedRegular", !held && Boolean.TRUE.equals(doc.get("missedRegular")) ? 1 : 0);
    }
    return sum;
  }

  static String idOf(String path, YearMonth month) {
    return path + "|" + month;
  }

  /** One child's figures: a unit below (by path) or, in a cell, one meeting (by id). */
  public record Child(String path, String meetingId, Figures figures) {}

  /** One month of a path: its totals and those of each direct child. */
  public record Month(String month, Figures totals, List<Child> children) {}

  /** The figures of a path, month by month, for the committees' charts. */
  public record Report(String path, String from, String to, List<Month> months) {}

  /**
   * Month by month from {@code from} to {@code to}, for a path the caller reads: a committee, org
   * admin or analyst its subtree, a secretary their cell.
   */
  public Report report(String path, YearMonth from, YearMonth to) {
    guard.requireActOn(path, Roles.COMMITTEE, Roles.ORG_ADMIN, Roles.ANALYST, Roles.SECRETARY);
    if (to.isBefore(from)) {
      throw ProblemException.badRequest("invalid-range", "'from' must not be after 'to'.");
    }
    if (from.plusMonths(MAX_MONTHS).isBefore(to.plusMonths(1))) {
      throw ProblemException.badRequest(
          "range-too-long", "At most " + MAX_MONTHS + " months at a time.");
    }
    List<String> ids = new ArrayList<>();
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      ids.add(idOf(path, m));
    }
    Map<String, Document> found = new LinkedHashMap<>();
    mongo
        .find(Query.query(Criteria.where("_id").in(ids)), Document.class, MONTHS)
        .forEach(d -> found.put(d.getString("_id"), d));
    List<Month> months = new ArrayList<>();
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      Document doc = found.get(idOf(path, m));
      if (doc == null) {
        months.add(new Month(m.toString(), Figures.zero(), List.of()));
        continue;
      }
      boolean cell = "CELL".equals(doc.getString("level"));
      List<Child> children = new ArrayList<>();
      if (doc.get("children") instanceof Document map) {
        map.forEach(
            (key, value) ->
                children.add(
                    cell
                        ? new Child(null, key, Figures.fromBson(value))
                        : new Child(path + "/" + key, null, Figures.fromBson(value))));
      }
      children.sort(
          java.util.Comparator.comparing(c -> c.path() != null ? c.path() : c.meetingId()));
      months.add(new Month(m.toString(), totalsOf(doc), children));
    }
    return new Report(path, from.toString(), to.toString(), months);
  }

  /** One meeting's figures as they stand (also before it closes), for whoever reads its path. */
  public record MeetingReport(
      String meetingId,
      String cellId,
      String orgPath,
      String kind,
      String status,
      Instant startsAt,
      String month,
      boolean recordedAfterwards,
      Figures figures) {}

  public MeetingReport meeting(String meetingId) {
    Meeting meeting = mongo.findById(meetingId, Meeting.class);
    if (meeting == null) {
      throw ProblemException.notFound("meeting-not-found", "No meeting with id " + meetingId + ".");
    }
    guard.requireActOn(
        meeting.path(), Roles.COMMITTEE, Roles.ORG_ADMIN, Roles.ANALYST, Roles.SECRETARY);
    return new MeetingReport(
        meeting.id(),
        meeting.cellId(),
        meeting.path(),
        meeting.kind().name(),
        meeting.status().name(),
        meeting.startsAt(),
        monthOf(meeting.startsAt()).toString(),
        meeting.isRecordedAfterwards(),
        figuresOf(meeting));
  }
}
