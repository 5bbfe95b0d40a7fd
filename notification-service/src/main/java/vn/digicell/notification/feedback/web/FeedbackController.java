package vn.digicell.notification.feedback.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.digicell.notification.feedback.Feedback;
import vn.digicell.notification.feedback.FeedbackService;
import vn.digicell.notification.feedback.FeedbackStatistics;

/** The feedback channel: members and cells submit, committees handle, submitters follow. */
@RestController
@RequestMapping("/api/feedback")
@Validated
class FeedbackController {

  private static final String PATH = "(/[A-Za-z0-9][A-Za-z0-9_-]*)+";

  private final FeedbackService feedback;
  private final FeedbackStatistics statistics;

  FeedbackController(FeedbackService feedback, FeedbackStatistics statistics) {
    this.feedback = feedback;
    this.statistics = statistics;
  }

  record SubmitRequest(
      @NotNull Feedback.Category category,
      @NotBlank @Size(max = 5000) String text,
      @NotBlank @Size(max = 200) String location,
      Boolean anonymousToOthers,
      @Size(max = 200) @Pattern(regexp = PATH) String cellPath) {}

  record AssignRequest(@Size(max = 200) String assigneeName, @Size(max = 64) String memberId) {}

  record ResponseRequest(@NotBlank @Size(max = 5000) String response) {}

  record TextRequest(@NotBlank @Size(max = 5000) String text) {}

  record FeedbackView(
      String id,
      Feedback.Category category,
      String text,
      String location,
      boolean anonymousToOthers,
      boolean onBehalfOfCell,
      String submitterMemberId,
      String submitterName,
      String originPath,
      String routedTo,
      Feedback.Status status,
      Feedback.Assignee assignee,
      List<Feedback.Response> responses,
      List<Feedback.Escalation> escalations,
      List<Feedback.Attachment> attachments,
      Instant submittedAt,
      Instant escalateAt,
      Instant resolveBy,
      Instant closedAt) {

    /** Handlers do not see who sent an anonymous item; its submitter always does. */
    static FeedbackView of(Feedback f, boolean showSubmitter) {
      return new FeedbackView(
          f.id(),
          f.category(),
          f.text(),
          f.location(),
          f.anonymousToOthers(),
          f.onBehalfOfCell(),
          showSubmitter ? f.submitterMemberId() : null,
          showSubmitter ? f.submitterName() : null,
          f.originPath(),
          f.routedTo(),
          f.status(),
          f.assignee(),
          f.responses(),
          f.escalations(),
          f.attachments(),
          f.submittedAt(),
          f.escalateAt(),
          f.resolveBy(),
          f.closedAt());
    }
  }

  record Page(List<FeedbackView> items, String nextCursor) {}

  private FeedbackView view(Feedback f) {
    return FeedbackView.of(f, feedback.isSubmitter(f) || !f.anonymousToOthers());
  }

  @PostMapping
  ResponseEntity<FeedbackView> submit(@Valid @RequestBody SubmitRequest request) {
    Feedback submitted =
        feedback.submit(
            new FeedbackService.Submission(
                request.category(),
                request.text(),
                request.location(),
                Boolean.TRUE.equals(request.anonymousToOthers()),
                request.cellPath()));
    return ResponseEntity.created(URI.create("/api/feedback/" + submitted.id()))
        .body(view(submitted));
  }

  @GetMapping
  Page list(
      @RequestParam(defaultValue = "mine") @Pattern(regexp = "mine|inbox") String box,
      @RequestParam(required = false) Feedback.Status status,
      @RequestParam(required = false) @Size(max = 512) String cursor,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    var page =
        feedback.list(
            "inbox".equals(box) ? FeedbackService.Box.INBOX : FeedbackService.Box.MINE,
            status,
            cursor,
            size);
    return new Page(page.items().stream().map(this::view).toList(), page.nextCursor());
  }

  @GetMapping("/statistics")
  List<FeedbackStatistics.CommitteeFigures> statistics(
      @RequestParam @NotBlank @Size(max = 200) @Pattern(regexp = "/|" + PATH) String under) {
    return statistics.under(under);
  }

  @GetMapping("/{id}")
  FeedbackView find(@PathVariable @Size(max = 64) String id) {
    return view(feedback.find(id));
  }

  @PostMapping("/{id}/assign")
  FeedbackView assign(
      @PathVariable @Size(max = 64) String id, @Valid @RequestBody AssignRequest request) {
    return view(feedback.assign(id, request.assigneeName(), request.memberId()));
  }

  @PostMapping("/{id}/start")
  FeedbackView start(@PathVariable @Size(max = 64) String id) {
    return view(feedback.start(id));
  }

  @PostMapping("/{id}/resolve")
  FeedbackView resolve(
      @PathVariable @Size(max = 64) String id, @Valid @RequestBody ResponseRequest request) {
    return view(feedback.resolve(id, request.response()));
  }

  @PostMapping("/{id}/decline")
  FeedbackView decline(
      @PathVariable @Size(max = 64) String id, @Valid @RequestBody ResponseRequest request) {
    return view(feedback.decline(id, request.response()));
  }

  @PostMapping("/{id}/responses")
  FeedbackView respond(
      @PathVariable @Size(max = 64) String id, @Valid @RequestBody TextRequest request) {
    return view(feedback.respond(id, request.text()));
  }

  @PostMapping(path = "/{id}/attachment", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<FeedbackView> attach(
      @PathVariable @Size(max = 64) String id, @RequestPart("file") MultipartFile file) {
    byte[] content;
    try {
      content = file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Feedback updated =
        feedback.attach(id, new FeedbackService.Upload(file.getOriginalFilename(), content));
    return ResponseEntity.status(201).body(view(updated));
  }

  @GetMapping("/{id}/attachments/{fileId}")
  ResponseEntity<Resource> attachment(
      @PathVariable @Size(max = 64) String id, @PathVariable @Size(max = 64) String fileId) {
    FeedbackService.Content content = feedback.attachment(id, fileId);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(content.attachment().mediaType()))
        .contentLength(content.attachment().size())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(content.attachment().filename(), java.nio.charset.StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(content.resource());
  }
}
