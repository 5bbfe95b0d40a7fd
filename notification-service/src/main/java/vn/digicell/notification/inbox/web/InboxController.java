package vn.digicell.notification.inbox.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.notification.inbox.InboxService;
import vn.digicell.notification.inbox.Notice;

/** The caller's own inbox; nobody reads another member's notices. */
@RestController
@RequestMapping("/api/notifications")
@Validated
class InboxController {

  private final InboxService inbox;

  InboxController(InboxService inbox) {
    this.inbox = inbox;
  }

  record NoticeView(
      String id, String kind, String title, String body, Instant createdAt, boolean read) {
    static NoticeView of(Notice n) {
      return new NoticeView(n.id(), n.kind(), n.title(), n.body(), n.createdAt(), n.isRead());
    }
  }

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
    return NoticeView.of(inbox.markRead(id));
  }
}
