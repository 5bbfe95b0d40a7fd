package vn.digicell.notification.feedback;

import com.mongodb.client.gridfs.model.GridFSFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsResource;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import vn.digicell.notification.notice.NoticeIssuer;
import vn.digicell.notification.notice.NoticeRequest;
import vn.digicell.notification.notice.PortalLinks;
import vn.digicell.notification.recipient.Recipient;
import vn.digicell.notification.recipient.RecipientDirectory;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.security.CurrentUser;
import vn.digicell.platform.security.OrgPaths;
import vn.digicell.platform.web.Cursor;
import vn.digicell.platform.web.ProblemException;

/**
 * The grassroots feedback channel. Members submit for themselves, cell secretaries for their cell;
 * the item goes to the committee one level up. Only the submitter (and, for a cell's item, that
 * cell's secretaries) and committee members or org admins whose scope covers the unit it is routed
 * to see it; anyone else gets 404. The submitter is notified at every step.
 */
@Service
public class FeedbackService {

  private static final Logger log = LoggerFactory.getLogger(FeedbackService.class);
  static final String[] HANDLER_ROLES = {"committee", "org-admin"};
  static final String NOTICE_KIND = "FEEDBACK";

  private final MongoTemplate mongo;
  private final Outbox outbox;
  private final AccessGuard guard;
  private final RecipientDirectory directory;
  private final NoticeIssuer notices;
  private final GridFsTemplate files;
  private final FeedbackProperties properties;
  private final Clock clock;

  FeedbackService(
      MongoTemplate mongo,
      Outbox outbox,
      AccessGuard guard,
      RecipientDirectory directory,
      NoticeIssuer notices,
      GridFsTemplate files,
      FeedbackProperties properties,
      Clock clock) {
    this.mongo = mongo;
    this.outbox = outbox;
    this.guard = guard;
    this.directory = directory;
    this.notices = notices;
    this.files = files;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * What a member or secretary submits; {@code cellPath} only when a secretary speaks for a cell.
   */
  public record Submission(
      Feedback.Category category,
      String text,
      String location,
      boolean anonymousToOthers,
      String cellPath) {}

  /** Which list to show. */
  public enum Box {
    MINE,
    INBOX
  }

  /** An uploaded file, as received. */
  public record Upload(String filename, byte[] content) {}

  /** An attachment's bytes, for someone who may see the item. */
  public record Content(Feedback.Attachment attachment, GridFsResource resource) {}

  /** Records the feedback and routes it to the responsible committee. */
  public Feedback submit(Submission submission) {
    CurrentUser user = guard.currentUser();
    String origin;
    boolean forCell;
    String name = null;
    if (submission.cellPath() != null) {
      guard.requireActOn(submission.cellPath(), "cell-secretary");
      origin = submission.cellPath();
      forCell = true;
    } else {
      String me =
          user.ownMemberId()
              .orElseThrow(
                  () ->
                      ProblemException.ruleViolated(
                          "submitter-not-a-member",
                          "Only a member submits feedback for themself; a secretary names the"
                              + " cell (cellPath)."));
      Optional<Recipient> known = directory.find(me);
      name = known.map(Recipient::fullName).orElse(null);
      origin =
          known
              .map(Recipient::orgPath)
              .or(
                  () ->
                      user.pathsWith("member").size() == 1
                          ? Optional.of(user.pathsWith("member").get(0))
                          : Optional.empty())
              .orElseThrow(
                  () ->
                      ProblemException.ruleViolated(
                          "submitter-unit-unknown",
                          "Your cell is not known yet; try again later."));
      forCell = false;
    }
    Feedback feedback =
        Feedback.submit(
            submission.category(),
            submission.text(),
            submission.location(),
            submission.anonymousToOthers(),
            user.memberId(),
            name,
            forCell,
            origin,
            properties.resolveWithin(),
            clock);
    Feedback saved = outbox.saveAndPublish(feedback);
    notifySubmitter(saved, "received");
    notifyCommittee(saved, "arrived");
    return saved;
  }

  /** The caller's own items (MINE) or the items routed to units they handle (INBOX). */
  public Cursor.Page<Feedback> list(Box box, Feedback.Status status, String cursor, int size) {
    CurrentUser user = guard.currentUser();
    Criteria criteria;
    if (box == Box.MINE) {
      if (user.memberId() == null) {
        return new Cursor.Page<>(List.of(), null);
      }
      criteria = Criteria.where("submitterMemberId").is(user.memberId());
    } else {
      // only the paths where the caller holds a handler role, never their other grants
      List<String> handled = user.pathsWith(HANDLER_ROLES);
      if (handled.isEmpty()) {
        return new Cursor.Page<>(List.of(), null);
      }
      criteria =
          new Criteria()
              .orOperator(
                  handled.stream()
                      .map(scope -> Criteria.where("routedTo").regex(under(scope)))
                      .toArray(Criteria[]::new));
    }
    List<Criteria> all = new ArrayList<>(List.of(criteria));
    if (status != null) {
      all.add(Criteria.where("status").is(status));
    }
    String after = Cursor.decode(cursor);
    if (after != null) {
      String[] parts = after.split("\\|", 2);
      Instant at = instant(parts);
      all.add(
          new Criteria()
              .orOperator(
                  Criteria.where("submittedAt").lt(at),
                  new Criteria()
                      .andOperator(
                          Criteria.where("submittedAt").is(at),
                          Criteria.where("_id").lt(parts[1]))));
    }
    List<Feedback> fetched =
        mongo.find(
            Query.query(new Criteria().andOperator(all.toArray(Criteria[]::new)))
                .with(Sort.by(Sort.Direction.DESC, "submittedAt", "_id"))
                .limit(size + 1),
            Feedback.class);
    return Cursor.Page.of(fetched, size, f -> f, f -> f.submittedAt() + "|" + f.id());
  }

  /** One item, for its submitter or its handlers. */
  public Feedback find(String id) {
    Feedback feedback = mongo.findById(id, Feedback.class);
    if (feedback == null || !(isSubmitter(feedback) || isHandler(feedback))) {
      throw notFound(id);
    }
    return feedback;
  }

  /** Whether the caller handles this item (they see who submitted it unless it is anonymous). */
  public boolean isHandler(Feedback feedback) {
    return guard.mayActOn(feedback.routedTo(), HANDLER_ROLES);
  }

  /** Whether the caller submitted this item (or is a secretary of the cell that did). */
  public boolean isSubmitter(Feedback feedback) {
    CurrentUser user = guard.currentUser();
    return user.isMember(feedback.submitterMemberId())
        || (feedback.onBehalfOfCell() && user.holds(feedback.originPath(), "cell-secretary"));
  }

  public Feedback assign(String id, String assigneeName, String assigneeMemberId) {
    Feedback feedback = asHandler(id);
    String name = assigneeName;
    if (assigneeMemberId != null) {
      // only a member of the units under the committee the item is routed to: anyone else is
      // answered exactly like an unknown id, so assign never tells a name outside the subtree
      Recipient assignee =
          directory
              .find(assigneeMemberId)
              .filter(r -> r.orgPath() != null && OrgPaths.covers(feedback.routedTo(), r.orgPath()))
              .orElseThrow(
                  () ->
                      ProblemException.ruleViolated(
                          "assignee-unknown",
                          "No member "
                              + assigneeMemberId
                              + " is known in the units handled here."));
      name = name != null ? name : assignee.fullName();
    }
    if (name == null || name.isBlank()) {
      throw ProblemException.badRequest(
          "assignee-required", "Name the person who handles it (assigneeName or memberId).");
    }
    feedback.assign(new Feedback.Assignee(name, assigneeMemberId), clock);
    return saveAndNotify(feedback, "assigned");
  }

  public Feedback start(String id) {
    Feedback feedback = asHandler(id);
    feedback.start(clock);
    return saveAndNotify(feedback, "started");
  }

  public Feedback resolve(String id, String response) {
    Feedback feedback = asHandler(id);
    feedback.resolve(response, guard.currentUser().username(), clock);
    return saveAndNotify(feedback, "resolved");
  }

  public Feedback decline(String id, String response) {
    Feedback feedback = asHandler(id);
    feedback.decline(response, guard.currentUser().username(), clock);
    return saveAndNotify(feedback, "declined");
  }

  public Feedback respond(String id, String text) {
    Feedback feedback = asHandler(id);
    feedback.respond(text, guard.currentUser().username(), clock);
    return saveAndNotify(feedback, "responded");
  }

  /** The submitter adds a photo or a PDF, checked by its bytes and size, stored in GridFS. */
  public Feedback attach(String id, Upload upload) {
    Feedback feedback = mongo.findById(id, Feedback.class);
    if (feedback == null || !isSubmitter(feedback)) {
      throw notFound(id);
    }
    if (upload.content().length == 0) {
      throw ProblemException.badRequest("empty-file", "The file is empty.");
    }
    if (upload.content().length > properties.maxAttachmentSize().toBytes()) {
      throw new ProblemException(
          HttpStatus.CONTENT_TOO_LARGE,
          "attachment-too-large",
          "An attachment may be at most " + properties.maxAttachmentSize().toMegabytes() + " MB.");
    }
    String type;
    try {
      type = AttachmentPolicy.detect(new ByteArrayInputStream(upload.content()));
    } catch (IOException e) {
      throw ProblemException.badRequest("unreadable-file", "The file could not be read.");
    }
    if (!AttachmentPolicy.ACCEPTED.contains(type)) {
      throw new ProblemException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported-attachment",
          "Attach a photo (JPEG, PNG, WebP) or a PDF; this file is " + type + ".");
    }
    // checked before the bytes are stored, so a refused item leaves no orphan file
    feedback.requireRoomForAttachment(properties.maxAttachments());
    // a photo's metadata (EXIF: GPS position, camera, owner, time) can name the sender: images are
    // stored re-encoded from their pixels only; an anonymous item's file also loses its name
    byte[] content = upload.content();
    if (ImageSanitizer.handles(type)) {
      try {
        content = ImageSanitizer.withoutMetadata(content, type);
      } catch (IOException | RuntimeException unreadable) {
        throw ProblemException.badRequest("unreadable-file", "The photo could not be read.");
      }
    }
    String filename =
        feedback.anonymousToOthers()
            ? ImageSanitizer.neutralName(feedback.attachments().size() + 1, type)
            : safeName(upload.filename());
    ObjectId fileId =
        files.store(
            new ByteArrayInputStream(content), filename, type, new Document("feedbackId", id));
    feedback.attach(
        new Feedback.Attachment(
            fileId.toHexString(), filename, type, content.length, Instant.now(clock)),
        properties.maxAttachments());
    try {
      return outbox.saveAndPublish(feedback);
    } catch (RuntimeException e) {
      files.delete(Query.query(Criteria.where("_id").is(fileId)));
      throw e;
    }
  }

  /** An attachment's content, for whoever may see the item. */
  public Content attachment(String id, String fileId) {
    Feedback feedback = find(id);
    Feedback.Attachment attachment =
        feedback.attachments().stream()
            .filter(a -> a.fileId().equals(fileId))
            .findFirst()
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "attachment-not-found", "No attachment " + fileId + " on " + id + "."));
    GridFSFile file =
        files.findOne(Query.query(Criteria.where("_id").is(new ObjectId(attachment.fileId()))));
    if (file == null) {
      throw new IllegalStateException("content of attachment " + fileId + " is missing");
    }
    return new Content(attachment, files.getResource(file));
  }

  /** Moves one due item up a level; false if it was no longer due. Used by the escalation job. */
  boolean escalate(Feedback feedback) {
    if (!feedback.escalate(properties.resolveWithin(), clock)) {
      return false;
    }
    Feedback saved = outbox.saveAndPublish(feedback);
    notifySubmitter(saved, "escalated");
    notifyCommittee(saved, "arrived");
    return true;
  }

  private Feedback saveAndNotify(Feedback feedback, String step) {
    Feedback saved = outbox.saveAndPublish(feedback);
    notifySubmitter(saved, step);
    return saved;
  }

  /** The submitter hears of every step; the cause is the item's step, so a retry adds nothing. */
  private void notifySubmitter(Feedback feedback, String step) {
    if (feedback.submitterMemberId() == null) {
      return;
    }
    issue(
        List.of(
            new NoticeRequest(
                feedback.submitterMemberId(),
                NOTICE_KIND,
                "feedback." + step,
                Map.of("category", feedback.category().name(), "status", feedback.status().name()),
                feedback.id() + ":" + feedback.sequence(),
                PortalLinks.myFeedback(feedback.id()),
                feedback.originPath())));
  }

  /** The committee it is routed to hears that something arrived in their inbox. */
  private void notifyCommittee(Feedback feedback, String step) {
    List<NoticeRequest> requests =
        directory.committeeOf(feedback.routedTo()).stream()
            .filter(r -> !r.memberId().equals(feedback.submitterMemberId()))
            .map(
                r ->
                    new NoticeRequest(
                        r.memberId(),
                        NOTICE_KIND,
                        "feedback." + step,
                        Map.of("category", feedback.category().name()),
                        feedback.id() + ":" + feedback.sequence() + ":committee",
                        PortalLinks.committeeFeedback(feedback.id()),
                        feedback.routedTo()))
            .toList();
    issue(requests);
  }

  private void issue(List<NoticeRequest> requests) {
    if (requests.isEmpty()) {
      return;
    }
    try {
      notices.issue(requests);
    } catch (RuntimeException e) {
      // the step itself is recorded and published; a lost notice must not undo it
      log.warn("could not issue {} feedback notice(s)", requests.size(), e);
    }
  }

  private Feedback asHandler(String id) {
    Feedback feedback = mongo.findById(id, Feedback.class);
    if (feedback == null) {
      throw notFound(id);
    }
    if (!isHandler(feedback)) {
      if (isSubmitter(feedback)) {
        throw new org.springframework.security.access.AccessDeniedException(
            "only the committee handles feedback");
      }
      throw notFound(id);
    }
    return feedback;
  }

  private static ProblemException notFound(String id) {
    return ProblemException.notFound("feedback-not-found", "No feedback " + id + " for you.");
  }

  static String under(String scope) {
    return "^" + Pattern.quote(scope.equals("/") ? "" : scope) + "(/|$)";
  }

  private static String safeName(String filename) {
    if (filename == null || filename.isBlank()) {
      return "attachment";
    }
    String name = filename.replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
    return name.length() > 200 ? name.substring(0, 200) : name;
  }

  private static Instant instant(String[] parts) {
    try {
      if (parts.length == 2) {
        return Instant.parse(parts[0]);
      }
    } catch (java.time.format.DateTimeParseException e) {
      // falls through to the problem below
    }
    throw ProblemException.badRequest("invalid-cursor", "The paging cursor is not valid.");
  }
}
