package vn.digicell.notification.inbox.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import vn.digicell.notification.delivery.Deliveries;
import vn.digicell.notification.inbox.InboxService;
import vn.digicell.notification.notice.Notice;

/** The caller's own inbox; nobody reads another member's notices. */
@RestController
@RequestMapping("/api/notifications")
@Validated
class InboxController {

  private final InboxService inbox;
  private final LiveInbox live;
  private final Deliveries deliveries;

  InboxController(InboxService inbox, LiveInbox live, Deliveries deliveries) {
    this.inbox = inbox;
    this.live = live;
    this.deliveries = deliveries;
  }

  record NoticeView(
      String id,
      String kind,
      String title,
      String body,
      String link,
      Instant createdAt,
      boolean read) {
    static NoticeView of(Notice n) {
      return new NoticeView(
          n.id(), n.kind(), n.title(), n.body(), n.link(), n.createdAt(), n.isRead());
    }
  }

  record UnreadCount(long unread) {}

  record ReadAll(long marked, long unread) {}

  record InboxPage(java.util.List<NoticeView> items, String nextCursor, long unread) {}

  @GetMapping
  InboxPage inbox(
      @RequestParam(required = false) @Size(max = 512) String cursor,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    InboxService.Page page = inbox.inbox(cursor, size);
    return new InboxPage(
        page.items().stream().map(NoticeView::of).toList(), page.nextCursor(), page.unread());
  }

  @PostMapping("/{id}/read")
  NoticeView markRead(@PathVariable @Size(max = 64) String id) {
    // live streams get the new unread count from the NoticesRead event
    return NoticeView.of(inbox.markRead(id));
  }

  @GetMapping("/unread-count")
  UnreadCount unreadCount() {
    return new UnreadCount(inbox.unreadCount());
  }

  @PostMapping("/read-all")
  ReadAll readAll() {
    long marked = inbox.readAll();
    inbox.currentMemberIfAny().ifPresent(live::pushUnread);
    return new ReadAll(marked, inbox.unreadCount());
  }

  /**
   * Live updates for the signed-in member: {@code event: notice} (a new notice), {@code event:
   * unread} ({"unread": n}) first and after each change, and a comment line every heartbeat.
   */
  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  ResponseEntity<SseEmitter> stream() {
    SseEmitter emitter = live.open(inbox.currentMember());
    return ResponseEntity.ok()
        .header(HttpHeaders.CACHE_CONTROL, "no-cache, no-transform")
        .header("X-Accel-Buffering", "no")
        .contentType(MediaType.TEXT_EVENT_STREAM)
        .body(emitter);
  }

  /** Status per channel of one notice: the recipient or an it-admin. */
  @GetMapping("/{id}/deliveries")
  List<Deliveries.Status> deliveries(@PathVariable @Size(max = 64) String id) {
    return deliveries.of(id);
  }
}
