package vn.digicell.meeting.vote.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.meeting.meeting.Meeting;
import vn.digicell.meeting.vote.Motion;
import vn.digicell.meeting.vote.MotionService;

/** Motions and votes of a meeting. */
@RestController
@Validated
class MotionController {

  private final MotionService motions;

  MotionController(MotionService motions) {
    this.motions = motions;
  }

  record OpenRequest(
      @NotBlank @Size(max = 1000) String question,
      @NotNull @Size(min = 2, max = 20) List<@NotBlank @Size(max = 200) String> options,
      @NotNull Motion.BallotKind ballot) {}

  record VoteRequest(@NotBlank @Size(max = 200) String option) {}

  record ReceiptRequest(@NotBlank @Size(max = 100) String receipt) {}

  record MotionView(
      String id,
      String meetingId,
      String question,
      List<String> options,
      Motion.BallotKind ballot,
      Motion.VoteStatus status,
      int voted,
      Motion.Result result) {
    static MotionView of(Motion m) {
      return new MotionView(
          m.id(),
          m.meetingId(),
          m.question(),
          m.options(),
          m.ballot(),
          m.status(),
          m.votersCount(),
          m.result().orElse(null));
    }
  }

  record VoteReceipt(String receipt) {}

  record ResolutionRequest(@NotBlank @Size(max = 5000) String text) {}

  record ResolutionView(String resolutionId, String meetingId, String motionId, String text) {}

  record ReceiptCheck(boolean counted, String option) {}

  @PostMapping("/api/meetings/{meetingId}/motions")
  @ResponseStatus(HttpStatus.CREATED)
  MotionView open(
      @PathVariable @Size(max = 64) String meetingId, @RequestBody @Valid OpenRequest r) {
    return MotionView.of(motions.open(meetingId, r.question(), r.options(), r.ballot()));
  }

  @GetMapping("/api/meetings/{meetingId}/motions")
  List<MotionView> list(@PathVariable @Size(max = 64) String meetingId) {
    return motions.ofMeeting(meetingId).stream().map(MotionView::of).toList();
  }

  @GetMapping("/api/motions/{id}")
  MotionView read(@PathVariable @Size(max = 64) String id) {
    return MotionView.of(motions.read(id));
  }

  @PostMapping("/api/motions/{id}/votes")
  @ResponseStatus(HttpStatus.CREATED)
  VoteReceipt vote(@PathVariable @Size(max = 64) String id, @RequestBody @Valid VoteRequest r) {
    return new VoteReceipt(motions.vote(id, r.option()));
  }

  @PostMapping("/api/motions/{id}/close")
  MotionView close(@PathVariable @Size(max = 64) String id) {
    return MotionView.of(motions.close(id));
  }

  @PostMapping("/api/motions/{id}/resolution")
  @ResponseStatus(HttpStatus.CREATED)
  ResolutionView adoptResolution(
      @PathVariable @Size(max = 64) String id, @RequestBody @Valid ResolutionRequest r) {
    Meeting meeting = motions.adoptResolution(id, r.text());
    return meeting.resolutions().stream()
        .filter(res -> res.motionId().equals(id))
        .findFirst()
        .map(res -> new ResolutionView(res.resolutionId(), meeting.id(), id, res.text()))
        .orElseThrow();
  }

  @PostMapping("/api/motions/{id}/receipts/check")
  ReceiptCheck checkReceipt(
      @PathVariable @Size(max = 64) String id, @RequestBody @Valid ReceiptRequest r) {
    return motions
        .checkReceipt(id, r.receipt())
        .map(option -> new ReceiptCheck(true, option))
        .orElse(new ReceiptCheck(false, null));
  }
}
