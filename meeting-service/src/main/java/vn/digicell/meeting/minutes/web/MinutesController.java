package vn.digicell.meeting.minutes.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.meeting.minutes.Amendment;
import vn.digicell.meeting.minutes.Minutes;
import vn.digicell.meeting.minutes.MinutesService;
import vn.digicell.meeting.minutes.SigningKeys;

/** Minutes of a meeting (draft, edit, sign) and the public registry of signing keys. */
@RestController
@RequestMapping("/api/meetings")
@Validated
class MinutesController {

  private final MinutesService minutes;

  MinutesController(MinutesService minutes) {
    this.minutes = minutes;
  }

  record DraftRequest(@NotBlank @Size(max = 64) String chairMemberId) {}

  record EditRequest(@NotBlank @Size(max = 200_000) String content) {}

  record SignRequest(@NotNull Minutes.Role role, @NotBlank @Size(max = 200) String signature) {}

  record KeyRequest(@NotBlank @Size(max = 200) String publicKey) {}

  record MinutesView(
      String meetingId,
      String orgPath,
      String status,
      String chairMemberId,
      String secretaryMemberId,
      String content,
      String contentSha256,
      int version,
      List<SignatureView> signatures,
      Instant draftedAt,
      Instant editedAt,
      Instant finalizedAt,
      Minutes.Seal seal) {
    static MinutesView of(Minutes m) {
      return new MinutesView(
          m.meetingId(),
          m.path(),
          m.status().name(),
          m.chairMemberId(),
          m.secretaryMemberId(),
          m.content(),
          m.contentSha256(),
          m.version(),
          m.signatures().stream().map(SignatureView::of).toList(),
          m.draftedAt(),
          m.editedAt(),
          m.finalizedAt(),
          m.seal());
    }
  }

  record SignatureView(
      String role,
      String signerMemberId,
      String publicKey,
      String signature,
      Instant signedAt,
      String keyId,
      String scheme) {
    static SignatureView of(Minutes.OfficerSignature s) {
      return new SignatureView(
          s.role().name().toLowerCase(java.util.Locale.ROOT),
          s.signerMemberId(),
          s.publicKey(),
          s.signature(),
          s.signedAt(),
          s.keyIdOrDerived(),
          s.schemeOrRaw().wire());
    }
  }

  /**
   * A member's key in force ({@code publicKey}, {@code keyId}, {@code registeredAt} = its
   * validFrom) and every key they have had, oldest first.
   */
  record KeyView(
      String memberId,
      String publicKey,
      String keyId,
      Instant registeredAt,
      List<SigningKeys.Key> history) {
    static KeyView of(SigningKeys keys) {
      SigningKeys.Key current = keys.current().orElseThrow();
      return new KeyView(
          keys.memberId(), current.publicKey(), current.keyId(), current.validFrom(), keys.keys());
    }
  }

  record AmendRequest(
      @NotBlank @Size(max = 200_000) String content, @NotBlank @Size(max = 1000) String reason) {}

  record AmendmentView(
      String meetingId,
      int amendmentNumber,
      String amendsMeetingId,
      long amendsLogIndex,
      String reason,
      String orgPath,
      String status,
      String chairMemberId,
      String secretaryMemberId,
      String content,
      String contentSha256,
      int version,
      List<SignatureView> signatures,
      Instant draftedAt,
      Instant finalizedAt,
      Minutes.Seal seal) {
    static AmendmentView of(Amendment a) {
      return new AmendmentView(
          a.meetingId(),
          a.number(),
          a.meetingId(),
          a.amendsLogIndex(),
          a.reason(),
          a.path(),
          a.status().name(),
          a.chairMemberId(),
          a.secretaryMemberId(),
          a.content(),
          a.contentSha256(),
          a.number(),
          a.signatures().stream().map(SignatureView::of).toList(),
          a.draftedAt(),
          a.finalizedAt(),
          a.seal());
    }
  }

  @PostMapping("/{id}/amendments")
  @ResponseStatus(HttpStatus.CREATED)
  AmendmentView amend(@PathVariable @Size(max = 64) String id, @RequestBody @Valid AmendRequest r) {
    return AmendmentView.of(minutes.amend(id, r.content(), r.reason()));
  }

  @GetMapping("/{id}/amendments")
  List<AmendmentView> amendments(@PathVariable @Size(max = 64) String id) {
    return minutes.amendments(id).stream().map(AmendmentView::of).toList();
  }

  @GetMapping("/{id}/amendments/{number}")
  AmendmentView amendment(
      @PathVariable @Size(max = 64) String id, @PathVariable @Min(1) @Max(50) int number) {
    return AmendmentView.of(minutes.readAmendment(id, number));
  }

  @PostMapping("/{id}/amendments/{number}/signatures")
  AmendmentView signAmendment(
      @PathVariable @Size(max = 64) String id,
      @PathVariable @Min(1) @Max(50) int number,
      @RequestBody @Valid SignRequest r) {
    return AmendmentView.of(minutes.signAmendment(id, number, r.role(), r.signature()));
  }

  @PostMapping("/{id}/minutes")
  @ResponseStatus(HttpStatus.CREATED)
  MinutesView draft(@PathVariable @Size(max = 64) String id, @RequestBody @Valid DraftRequest r) {
    return MinutesView.of(minutes.draft(id, r.chairMemberId()));
  }

  @PutMapping("/{id}/minutes")
  MinutesView edit(@PathVariable @Size(max = 64) String id, @RequestBody @Valid EditRequest r) {
    return MinutesView.of(minutes.edit(id, r.content()));
  }

  @GetMapping("/{id}/minutes")
  MinutesView read(@PathVariable @Size(max = 64) String id) {
    return MinutesView.of(minutes.read(id));
  }

  @PostMapping("/{id}/minutes/signatures")
  MinutesView sign(@PathVariable @Size(max = 64) String id, @RequestBody @Valid SignRequest r) {
    return MinutesView.of(minutes.sign(id, r.role(), r.signature()));
  }

  @PutMapping("/signing-keys/{memberId}")
  KeyView registerKey(
      @PathVariable @Size(max = 64) String memberId, @RequestBody @Valid KeyRequest r) {
    return KeyView.of(minutes.registerKey(memberId, r.publicKey()));
  }

  @GetMapping("/signing-keys/{memberId}")
  KeyView key(@PathVariable @Size(max = 64) String memberId) {
    return KeyView.of(minutes.key(memberId));
  }
}
