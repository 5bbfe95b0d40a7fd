package vn.digicell.notification.broadcast.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.notification.broadcast.Broadcast;
import vn.digicell.notification.broadcast.BroadcastRecipient;
import vn.digicell.notification.broadcast.BroadcastService;
import vn.digicell.notification.broadcast.BroadcastTally;
import vn.digicell.notification.broadcast.CellTally;
import vn.digicell.notification.broadcast.FanOutJob;
import vn.digicell.notification.broadcast.RemindRound;
import vn.digicell.platform.web.Cursor;

/**
 * Broadcasts: the senders' side (send, follow, remind) and the recipients' side (read,
 * acknowledge).
 */
@RestController
@RequestMapping("/api/broadcasts")
@Validated
class BroadcastController {

  private static final String PATH = "(/[A-Za-z0-9][A-Za-z0-9_-]*)+";

  private final BroadcastService broadcasts;

  BroadcastController(BroadcastService broadcasts) {
    this.broadcasts = broadcasts;
  }

  record SendRequest(
      @NotNull Broadcast.Kind kind,
      @NotBlank @Size(max = 200) String title,
      @NotBlank @Size(max = 10000) String body,
      @NotEmpty @Size(max = 100)
          List<@NotBlank @Size(max = 200) @Pattern(regexp = PATH) String> targets,
      @Size(max = 20) List<@NotBlank @Size(max = 64) String> documentIds,
      LocalDate dueOn) {}

  /** {@code completed}: the task is done (acknowledges it too); otherwise it is received. */
  record AcknowledgeRequest(@Size(max = 1000) String note, Boolean completed) {}

  record Totals(long recipients, long received, long read, long acknowledged) {
    static Totals of(BroadcastTally t) {
      return t == null
          ? new Totals(0, 0, 0, 0)
          : new Totals(t.recipients(), t.recipients(), t.read(), t.acknowledged());
    }
  }

  record Progress(String state, long batches, long visited, int attempts, Instant completedAt) {
    static Progress of(FanOutJob job) {
      return job == null
          ? null
          : new Progress(
              job.state().name(), job.batches(), job.visited(), job.attempts(), job.completedAt());
    }
  }

  /** The latest remind round: its state, batches done, reminders issued, takeovers. */
  record Reminding(
      int round,
      String state,
      long batches,
      long reminded,
      int attempts,
      Instant startedAt,
      Instant completedAt) {
    static Reminding of(RemindRound r) {
      return r == null
          ? null
          : new Reminding(
              r.round(),
              r.state().name(),
              r.batches(),
              r.reminded(),
              r.attempts(),
              r.startedAt(),
              r.completedAt());
    }
  }

  record BroadcastView(
      String id,
      Broadcast.Kind kind,
      String title,
      String body,
      List<String> targets,
      List<String> documentIds,
      LocalDate dueOn,
      String orgPath,
      String sender,
      String senderName,
      String senderUnit,
      Instant createdAt,
      Instant sentAt,
      Long recipientCount,
      int remindRound,
      Totals totals,
      Progress fanOut,
      Reminding reminding) {
    static BroadcastView of(BroadcastService.Details d) {
      Broadcast b = d.broadcast();
      return new BroadcastView(
          b.id(),
          b.kind(),
          b.title(),
          b.body(),
          b.targets(),
          b.documentIds(),
          b.dueOn(),
          b.path(),
          b.senderUsername(),
          b.senderName(),
          b.senderUnit(),
          b.createdAt(),
          b.sentAt(),
          b.recipientCount(),
          b.remindRound(),
          Totals.of(d.tally()),
          Progress.of(d.job()),
          Reminding.of(d.lastRound()));
    }
  }

  record CellView(String cellPath, long recipients, long read, long acknowledged) {
    static CellView of(CellTally c) {
      return new CellView(c.cellPath(), c.recipients(), c.read(), c.acknowledged());
    }
  }

  record RecipientView(
      String memberId,
      String fullName,
      String cellPath,
      Instant receivedAt,
      Instant readAt,
      Instant acknowledgedAt,
      String note,
      Instant completedAt) {
    static RecipientView of(BroadcastRecipient r) {
      return new RecipientView(
          r.memberId(),
          r.fullName(),
          r.cellPath(),
          r.receivedAt(),
          r.readAt(),
          r.acknowledgedAt(),
          r.note(),
          r.completedAt());
    }
  }

  record ReceivedView(
      String id,
      Broadcast.Kind kind,
      String title,
      String body,
      List<String> documentIds,
      LocalDate dueOn,
      Instant receivedAt,
      Instant readAt,
      Instant acknowledgedAt,
      String note,
      Instant completedAt,
      String senderName,
      String senderUnit) {
    static ReceivedView of(BroadcastService.Received r) {
      Broadcast b = r.broadcast();
      BroadcastRecipient c = r.copy();
      return new ReceivedView(
          b.id(),
          b.kind(),
          b.title(),
          b.body(),
          b.documentIds(),
          b.dueOn(),
          c.receivedAt(),
          c.readAt(),
          c.acknowledgedAt(),
          c.note(),
          c.completedAt(),
          b.senderName(),
          b.senderUnit());
    }
  }

  record Page<T>(List<T> items, String nextCursor) {
    static <T> Page<T> of(Cursor.Page<T> page) {
      return new Page<>(page.items(), page.nextCursor());
    }
  }

  record Created(String id) {}

  @PostMapping
  ResponseEntity<Created> send(@Valid @RequestBody SendRequest request) {
    Broadcast sent =
        broadcasts.send(
            new BroadcastService.Send(
                request.kind(),
                request.title(),
                request.body(),
                request.targets(),
                request.documentIds(),
                request.dueOn()));
    return ResponseEntity.created(URI.create("/api/broadcasts/" + sent.id()))
        .body(new Created(sent.id()));
  }

  @GetMapping
  Page<BroadcastView> sent(
      @RequestParam(required = false) @Size(max = 200) @Pattern(regexp = "/|" + PATH) String under,
      @RequestParam(required = false) @Size(max = 512) String cursor,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    var page = broadcasts.sent(under, cursor, size);
    return new Page<>(page.items().stream().map(BroadcastView::of).toList(), page.nextCursor());
  }

  @GetMapping("/received")
  Page<ReceivedView> received(
      @RequestParam(required = false) @Size(max = 512) String cursor,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    var page = broadcasts.received(cursor, size);
    return new Page<>(page.items().stream().map(ReceivedView::of).toList(), page.nextCursor());
  }

  @GetMapping("/received/{id}")
  ReceivedView receivedOne(@PathVariable @Size(max = 64) String id) {
    return ReceivedView.of(broadcasts.receivedOne(id));
  }

  @GetMapping("/{id}")
  BroadcastView details(@PathVariable @Size(max = 64) String id) {
    return BroadcastView.of(broadcasts.details(id));
  }

  @GetMapping("/{id}/cells")
  Page<CellView> cells(
      @PathVariable @Size(max = 64) String id,
      @RequestParam(required = false) @Size(max = 512) String cursor,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    var page = broadcasts.cells(id, cursor, size);
    return new Page<>(page.items().stream().map(CellView::of).toList(), page.nextCursor());
  }

  @GetMapping("/{id}/recipients")
  Page<RecipientView> recipients(
      @PathVariable @Size(max = 64) String id,
      @RequestParam(required = false) @Size(max = 200) @Pattern(regexp = PATH) String cellPath,
      @RequestParam(required = false) BroadcastService.RecipientState state,
      @RequestParam(required = false) @Size(max = 512) String cursor,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    var page = broadcasts.recipients(id, cellPath, state, cursor, size);
    return new Page<>(page.items().stream().map(RecipientView::of).toList(), page.nextCursor());
  }

  @PostMapping("/{id}/remind")
  @ResponseStatus(HttpStatus.ACCEPTED)
  BroadcastService.Reminder remind(@PathVariable @Size(max = 64) String id) {
    return broadcasts.remind(id);
  }

  @PostMapping("/{id}/read")
  ReceivedView read(@PathVariable @Size(max = 64) String id) {
    return ReceivedView.of(broadcasts.read(id));
  }

  @PostMapping("/{id}/acknowledge")
  ReceivedView acknowledge(
      @PathVariable @Size(max = 64) String id,
      @Valid @RequestBody(required = false) AcknowledgeRequest request) {
    return ReceivedView.of(
        broadcasts.acknowledge(
            id,
            request == null ? null : request.note(),
            request != null && Boolean.TRUE.equals(request.completed())));
  }
}
