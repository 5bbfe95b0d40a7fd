package vn.digicell.document.pack;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import vn.digicell.document.Roles;
import vn.digicell.document.board.QrCodes;
import vn.digicell.document.board.ShortCodes;
import vn.digicell.document.library.DocumentService;
import vn.digicell.document.library.LibraryDocument;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.ProblemException;

/**
 * Keeps one paperless pack per meeting from meeting-service's events and opens it by its code for
 * the members of the meeting's cell and its staff (secretary, committees above it).
 */
@Service
public class PackService {

  private static final Logger LOG = LoggerFactory.getLogger(PackService.class);

  private final MongoTemplate mongo;
  private final AccessGuard guard;
  private final DocumentService documents;
  private final Clock clock;
  private final String publicBaseUrl;

  PackService(
      MongoTemplate mongo,
      AccessGuard guard,
      DocumentService documents,
      Clock clock,
      @Value("${digicell.documents.public-base-url:http://localhost:8080}") String publicBaseUrl) {
    this.mongo = mongo;
    this.guard = guard;
    this.documents = documents;
    this.clock = clock;
    this.publicBaseUrl =
        publicBaseUrl.endsWith("/")
            ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
            : publicBaseUrl;
  }

  /** A pack as its reader sees it: the documents they may see, by id, newest version each. */
  public record OpenedPack(MeetingPack pack, Map<String, LibraryDocument> documents) {}

  /** Creates the pack of a newly scheduled meeting with a fresh code; again, it is left as is. */
  public MeetingPack scheduled(MeetingEvents.Scheduled scheduled) {
    for (int attempt = 0; attempt < 5; attempt++) {
      MeetingPack existing = mongo.findById(scheduled.meetingId(), MeetingPack.class);
      if (existing != null) {
        return existing;
      }
      try {
        return mongo.insert(
            MeetingPack.scheduled(scheduled, ShortCodes.next(), Instant.now(clock)));
      } catch (DuplicateKeyException e) {
        // the meeting's pack was made meanwhile, or the code is taken: look again, draw again
      }
    }
    throw new IllegalStateException("no free pack code after 5 draws");
  }

  public void rescheduled(MeetingEvents.Rescheduled event) {
    change(event.meetingId(), p -> p.reschedule(event.startsAt(), Instant.now(clock)));
  }

  public void switchedOnline(MeetingEvents.SwitchedOnline event) {
    change(event.meetingId(), p -> p.switchOnline(event.onlineLink(), Instant.now(clock)));
  }

  public void started(MeetingEvents.Started event) {
    change(event.meetingId(), p -> p.start(Instant.now(clock)));
  }

  public void closed(MeetingEvents.Closed event) {
    change(event.meetingId(), p -> p.close(Instant.now(clock)));
  }

  public void cancelled(MeetingEvents.Cancelled event) {
    change(event.meetingId(), p -> p.cancel(event.reason(), Instant.now(clock)));
  }

  public void agendaItemAdded(MeetingEvents.AgendaItemAdded event) {
    MeetingPack.AgendaItem item =
        new MeetingPack.AgendaItem(
            event.itemId(),
            event.title(),
            List.copyOf(event.documentIds() == null ? List.of() : event.documentIds()));
    change(event.meetingId(), p -> p.addItem(item, Instant.now(clock)));
  }

  private void change(String meetingId, Function<MeetingPack, Boolean> change) {
    MeetingPack pack = mongo.findById(meetingId, MeetingPack.class);
    if (pack == null) {
      // scheduled before packs existed: there is nothing to follow
      LOG.info("no pack for meeting {}; event ignored", meetingId);
      return;
    }
    if (change.apply(pack)) {
      // optimistic version: a concurrent writer fails this save and the listener retries
      mongo.save(pack);
    }
  }

  /** The pack behind a printed or shared code. */
  public OpenedPack open(String code) {
    MeetingPack pack =
        mongo.findOne(Query.query(Criteria.where("code").is(code)), MeetingPack.class);
    if (pack == null) {
      throw packNotFound(code);
    }
    return opened(pack);
  }

  /** The pack of a meeting, for the meeting's page in the portal. */
  public OpenedPack ofMeeting(String meetingId) {
    MeetingPack pack = mongo.findById(meetingId, MeetingPack.class);
    if (pack == null) {
      throw ProblemException.notFound(
          "pack-not-found", "No meeting pack for meeting " + meetingId + ".");
    }
    return opened(pack);
  }

  /**
   * A pack follows the meeting read rule: a member of the meeting's cell (a {@code member} grant on
   * it) or a staff role on a covering path; an analyst, auditor or IT admin there does not read it.
   */
  private OpenedPack opened(MeetingPack pack) {
    guard.requireActOn(pack.orgPath(), Roles.MEETING_READERS);
    Map<String, LibraryDocument> visible =
        documents.visibleAmong(pack.documentIds(), guard.currentUser()).stream()
            .collect(Collectors.toMap(LibraryDocument::id, d -> d));
    return new OpenedPack(pack, visible);
  }

  /**
   * The newest version of a document of the pack, read by the caller: a member's read leaves the
   * same read receipt as any download (what "read before the meeting" counts).
   */
  public DocumentService.Content content(String code, String documentId) {
    OpenedPack opened = open(code);
    LibraryDocument doc = opened.documents().get(documentId);
    if (doc == null) {
      throw ProblemException.notFound(
          "pack-document-not-found", "No document " + documentId + " in pack " + code + ".");
    }
    return documents.content(documentId, doc.versions().getLast().number());
  }

  /** The URL a pack's QR code encodes: the portal's pack page. */
  public String packUrl(String code) {
    return publicBaseUrl + "/p/" + code;
  }

  public byte[] qrPng(String code) {
    requireKnown(code);
    return QrCodes.png(packUrl(code), 8);
  }

  public String qrSvg(String code) {
    requireKnown(code);
    return QrCodes.svg(packUrl(code));
  }

  private void requireKnown(String code) {
    if (!mongo.exists(Query.query(Criteria.where("code").is(code)), MeetingPack.class)) {
      throw packNotFound(code);
    }
  }

  private static ProblemException packNotFound(String code) {
    return ProblemException.notFound("pack-not-found", "No meeting pack " + code + ".");
  }
}
