package vn.digicell.notification.recipient;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Meetings projection and their invitees: the active members of the meeting's cell, or for a
 * committee meeting the unit's committee, read from the local roster.
 */
@Service
public class Meetings {

  static final int BATCH = 500;

  private final MongoTemplate mongo;
  private final RecipientDirectory directory;
  private final Clock clock;

  Meetings(MongoTemplate mongo, RecipientDirectory directory, Clock clock) {
    this.mongo = mongo;
    this.directory = directory;
    this.clock = clock;
  }

  public void scheduled(MeetingEntry meeting) {
    mongo.save(meeting);
  }

  public Optional<MeetingEntry> find(String meetingId) {
    return Optional.ofNullable(mongo.findById(meetingId, MeetingEntry.class));
  }

  public void rescheduled(String meetingId, Instant startsAt) {
    update(meetingId, new Update().set("startsAt", startsAt));
  }

  public void switchedOnline(String meetingId, String onlineLink) {
    update(meetingId, new Update().set("mode", "ONLINE").set("onlineLink", onlineLink));
  }

  public void status(String meetingId, String status) {
    update(meetingId, new Update().set("status", status));
  }

  private void update(String meetingId, Update update) {
    mongo.updateFirst(Query.query(Criteria.where("_id").is(meetingId)), update, MeetingEntry.class);
  }

  /** A unit moved: meetings under it follow (bounded batches; re-running finds none left). */
  public void unitMoved(String oldPath, String newPath) {
    if (oldPath == null || newPath == null || oldPath.equals(newPath)) {
      return;
    }
    Query under =
        Query.query(
                Criteria.where("orgPath")
                    .regex("^" + java.util.regex.Pattern.quote(oldPath) + "(/|$)"))
            .limit(BATCH);
    while (true) {
      List<MeetingEntry> page = mongo.find(under, MeetingEntry.class);
      if (page.isEmpty()) {
        return;
      }
      for (MeetingEntry m : page) {
        update(
            m.meetingId(),
            new Update().set("orgPath", newPath + m.orgPath().substring(oldPath.length())));
      }
    }
  }

  /** Walks the meeting's invitees in batches. */
  public void forEachInvitee(MeetingEntry meeting, Consumer<List<Recipient>> batch) {
    if ("COMMITTEE".equals(meeting.kind())) {
      List<Recipient> committee = directory.committeeOf(meeting.orgPath());
      if (!committee.isEmpty()) {
        batch.accept(committee);
      }
      return;
    }
    directory.forEachUnder(List.of(meeting.orgPath()), BATCH, batch);
    // members temporarily attached to the cell are invited too (meeting-service does the same)
    List<Recipient> attached = directory.attachedTo(meeting.orgPath(), LocalDate.now(clock));
    if (!attached.isEmpty()) {
      batch.accept(attached);
    }
  }
}
