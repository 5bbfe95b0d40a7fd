package vn.digicell.member.member.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.member.member.Gender;
import vn.digicell.member.member.HistoryEntry;
import vn.digicell.member.member.Member;
import vn.digicell.member.member.MemberPhotos;
import vn.digicell.member.member.MemberService;
import vn.digicell.member.member.PoliticalTheoryLevel;
import vn.digicell.platform.web.Cursor;
import vn.digicell.platform.web.Problems;

@RestController
@RequestMapping("/api/members")
@Validated
class MemberController {

  private final MemberService service;
  private final vn.digicell.member.member.MemberExport export;
  private final MemberPhotos photos;

  MemberController(
      MemberService service, vn.digicell.member.member.MemberExport export, MemberPhotos photos) {
    this.service = service;
    this.export = export;
    this.photos = photos;
  }

  record AdmitRequest(
      @NotBlank @Size(max = 120) String fullName,
      @NotNull Gender gender,
      @NotNull @Past LocalDate dateOfBirth,
      @NotBlank @Pattern(regexp = "\\d{12}") String citizenId,
      @NotBlank @Size(max = 64) String orgUnitId,
      @NotNull @PastOrPresent LocalDate admittedOn,
      @Size(max = 60) String ethnicity,
      @Size(max = 200) String hometown,
      @Pattern(regexp = "\\+?[0-9]{9,15}") String phone,
      @Email @Size(max = 200) String email,
      @Pattern(regexp = Member.ZALO_ID_PATTERN) String zaloId,
      @Size(max = Member.RELIGION_MAX) String religion,
      @Size(max = Member.RESIDENCE_MAX) String residence,
      @Pattern(regexp = Member.EDUCATION_PATTERN) String education,
      @Size(max = Member.QUALIFICATION_MAX) String professionalQualification,
      @Pattern(regexp = PoliticalTheoryLevel.CODES) String politicalTheoryLevel,
      @Size(max = Member.OCCUPATION_MAX) String occupation) {

    Member.Background background() {
      return new Member.Background(
          religion,
          residence,
          education,
          professionalQualification,
          politicalTheoryLevel == null ? null : PoliticalTheoryLevel.valueOf(politicalTheoryLevel),
          occupation);
    }
  }

  /** What a roster shows: nothing personal beyond name, gender and birth date. */
  record MemberSummary(
      String id,
      String partyNumber,
      String fullName,
      Gender gender,
      LocalDate dateOfBirth,
      String status,
      String orgUnitId,
      String orgPath,
      LocalDate admittedOn,
      LocalDate officialOn) {
    static MemberSummary of(Member m) {
      return new MemberSummary(
          m.id(),
          m.partyNumber(),
          m.fullName(),
          m.gender(),
          m.dateOfBirth(),
          m.status().name(),
          m.orgUnitId(),
          m.path(),
          m.admittedOn(),
          m.officialOn());
    }
  }

  /** The full record, for the member and those whose role and scope allow it. */
  record MemberProfile(
      String id,
      String partyNumber,
      String fullName,
      Gender gender,
      LocalDate dateOfBirth,
      String status,
      String orgUnitId,
      String orgPath,
      LocalDate admittedOn,
      String ethnicity,
      String hometown,
      String religion,
      String education,
      String professionalQualification,
      PoliticalTheoryLevel politicalTheoryLevel,
      String occupation,
      String citizenId,
      String phone,
      String email,
      String residence,
      String zaloId,
      boolean hasPhoto,
      LocalDate officialOn,
      List<Member.StatusChange> statusHistory,
      List<HistoryView> history,
      List<AmendmentView> amendments) {
    static MemberProfile of(MemberService.Profile p) {
      Member m = p.member();
      return new MemberProfile(
          m.id(),
          m.partyNumber(),
          m.fullName(),
          m.gender(),
          m.dateOfBirth(),
          m.status().name(),
          m.orgUnitId(),
          m.path(),
          m.admittedOn(),
          m.ethnicity(),
          m.hometown(),
          m.religion(),
          m.education(),
          m.professionalQualification(),
          m.politicalTheoryLevel(),
          m.occupation(),
          p.citizenId(),
          p.phone(),
          p.email(),
          p.residence(),
          p.zaloId(),
          m.photo() != null,
          m.officialOn(),
          m.statusHistory(),
          m.history().stream().map(h -> HistoryView.of(h, m.isSuperseded(h.entryId()))).toList(),
          m.amendmentHistory().stream()
              .map(a -> AmendmentView.of(a, m.isAmendmentSuperseded(a.entryId())))
              .toList());
    }
  }

  /**
   * A contact update or identity correction as shown: the fields it changed and, for identity, the
   * non-personal values (previous ones on the superseded entry); personal values never.
   */
  record AmendmentView(
      String entryId,
      Member.Amendment.Kind kind,
      List<String> fields,
      java.util.Map<String, String> values,
      String supersedes,
      boolean superseded,
      String reason,
      String decisionRef,
      String updatedBy,
      String recordedBy,
      java.time.Instant recordedAt) {
    static AmendmentView of(Member.Amendment a, boolean superseded) {
      return new AmendmentView(
          a.entryId(),
          a.kind(),
          a.fields(),
          a.values() == null ? java.util.Map.of() : a.values(),
          a.supersedes(),
          superseded,
          a.reason(),
          a.decisionRef(),
          a.updatedBy(),
          a.recordedBy(),
          a.recordedAt());
    }
  }

  @PostMapping
  ResponseEntity<MemberSummary> admit(@Valid @RequestBody AdmitRequest r) {
    Member member =
        service.admit(
            new MemberService.AdmitMember(
                r.fullName(),
                r.gender(),
                r.dateOfBirth(),
                r.citizenId(),
                r.orgUnitId(),
                r.admittedOn(),
                r.ethnicity(),
                r.hometown(),
                r.phone(),
                r.email(),
                r.zaloId(),
                r.background()));
    return ResponseEntity.created(URI.create("/api/members/" + member.id()))
        .body(MemberSummary.of(member));
  }

  @GetMapping("/{id}")
  MemberProfile profile(@PathVariable String id) {
    return MemberProfile.of(service.profile(id));
  }

  /** The complete new contact details and residence; a blank or absent field is cleared. */
  record ContactRequest(
      @Email @Size(max = 200) String email,
      @Pattern(regexp = "|\\+?[0-9]{9,15}") String phone,
      @Pattern(regexp = "|" + Member.ZALO_ID_PATTERN) String zaloId,
      @Size(max = Member.RESIDENCE_MAX) String residence) {}

  @PutMapping("/{id}/contact")
  MemberProfile updateContact(@PathVariable String id, @Valid @RequestBody ContactRequest r) {
    return MemberProfile.of(
        service.updateContact(
            id, new Member.Contact(r.email(), r.phone(), r.zaloId(), r.residence())));
  }

  /**
   * An identity correction: the fields to correct (at least one), why, and the decision or document
   * that supports it.
   */
  record CorrectionRequest(
      @Size(min = 1, max = 120) @Pattern(regexp = ".*\\S.*") String fullName,
      Gender gender,
      @Past LocalDate dateOfBirth,
      @Pattern(regexp = "\\d{12}") String citizenId,
      @Size(max = 60) String ethnicity,
      @Size(max = Member.RELIGION_MAX) String religion,
      @Size(max = 200) String hometown,
      @Pattern(regexp = "[0-9.]{4,20}") String partyNumber,
      @PastOrPresent LocalDate admittedOn,
      @PastOrPresent LocalDate officialOn,
      @NotBlank @Size(max = 500) String reason,
      @NotBlank @Size(max = 60) String decisionRef) {}

  @PostMapping("/{id}/corrections")
  ResponseEntity<AmendmentView> correctIdentity(
      @PathVariable String id, @Valid @RequestBody CorrectionRequest r) {
    Member.Amendment entry =
        service.correctIdentity(
            id,
            new Member.IdentityCorrection(
                r.fullName(),
                r.gender(),
                r.dateOfBirth(),
                r.citizenId(),
                r.ethnicity(),
                r.religion(),
                r.hometown(),
                r.partyNumber(),
                r.admittedOn(),
                r.officialOn(),
                r.reason(),
                r.decisionRef()));
    return ResponseEntity.status(HttpStatus.CREATED).body(AmendmentView.of(entry, false));
  }

  /**
   * The complete new background (a blank or absent field is cleared) and what the change rests on
   * (a diploma, a certificate, a decision).
   */
  record BackgroundRequest(
      @Pattern(regexp = "|" + Member.EDUCATION_PATTERN) String education,
      @Size(max = Member.QUALIFICATION_MAX) String professionalQualification,
      @Pattern(regexp = PoliticalTheoryLevel.CODES) String politicalTheoryLevel,
      @Size(max = Member.OCCUPATION_MAX) String occupation,
      @Size(max = 200) String basis) {}

  /** 201 with the update entry, or 200 with none when nothing differs. */
  @PutMapping("/{id}/background")
  ResponseEntity<AmendmentView> updateBackground(
      @PathVariable String id, @Valid @RequestBody BackgroundRequest r) {
    return service
        .updateBackground(
            id,
            r.education(),
            r.professionalQualification(),
            r.politicalTheoryLevel() == null
                ? null
                : PoliticalTheoryLevel.valueOf(r.politicalTheoryLevel()),
            r.occupation(),
            r.basis())
        .map(e -> ResponseEntity.status(HttpStatus.CREATED).body(AmendmentView.of(e, false)))
        .orElseGet(() -> ResponseEntity.ok().build());
  }

  /** The photo as stored: its detected type and size. */
  record PhotoView(String contentType, long size, String changedBy, java.time.Instant changedAt) {}

  /** Sets or replaces the photo: multipart part {@code file}, JPEG or PNG judged from the bytes. */
  @PutMapping(
      path = "/{id}/photo",
      consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
  PhotoView putPhoto(
      @PathVariable String id,
      @RequestPart("file") org.springframework.web.multipart.MultipartFile file) {
    Member.Photo photo =
        photos.put(
            id,
            new MemberPhotos.Upload(file.getContentType(), file.getSize(), file::getInputStream));
    return new PhotoView(photo.contentType(), photo.size(), photo.changedBy(), photo.changedAt());
  }

  @GetMapping("/{id}/photo")
  ResponseEntity<byte[]> photo(@PathVariable String id) {
    MemberPhotos.Image image = photos.get(id);
    return ResponseEntity.ok()
        .contentType(org.springframework.http.MediaType.parseMediaType(image.contentType()))
        .header(org.springframework.http.HttpHeaders.CACHE_CONTROL, "private, no-store")
        .body(image.bytes());
  }

  @DeleteMapping("/{id}/photo")
  ResponseEntity<Void> removePhoto(@PathVariable String id) {
    photos.remove(id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping
  Cursor.Page<MemberSummary> inCell(
      @RequestParam @NotBlank @Size(max = 64) String orgUnit,
      @RequestParam(required = false) @Size(max = 1024) String cursor,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    Cursor.Page<Member> page = service.inCell(orgUnit, cursor, size);
    return new Cursor.Page<>(
        page.items().stream().map(MemberSummary::of).toList(), page.nextCursor());
  }

  /** A status decision: when it takes effect, the decision's number and the reason. */
  record DecisionRequest(
      @NotNull @PastOrPresent LocalDate effectiveOn,
      @Size(max = 60) String decisionNumber,
      @Size(max = 500) String reason) {}

  private static final java.util.Map<String, MemberService.StatusDecision> DECISIONS =
      java.util.Map.of(
          "recognise-official", MemberService.StatusDecision.RECOGNISE_OFFICIAL,
          "exempt", MemberService.StatusDecision.EXEMPT,
          "return-to-activities", MemberService.StatusDecision.RETURN_TO_ACTIVITIES,
          "remove", MemberService.StatusDecision.REMOVE,
          "expel", MemberService.StatusDecision.EXPEL,
          "record-death", MemberService.StatusDecision.RECORD_DEATH);

  @PostMapping("/{id}/{decision}")
  MemberSummary decide(
      @PathVariable String id,
      @PathVariable String decision,
      @Valid @RequestBody DecisionRequest request) {
    MemberService.StatusDecision kind = DECISIONS.get(decision);
    if (kind == null) {
      throw vn.digicell.platform.web.ProblemException.notFound(
          "no-such-decision",
          "Unknown decision '"
              + decision
              + "'; one of "
              + new java.util.TreeSet<>(DECISIONS.keySet()));
    }
    return MemberSummary.of(
        service.decide(
            id, kind, request.effectiveOn(), request.decisionNumber(), request.reason()));
  }

  /**
   * The members of a subtree as a CSV or XLSX file, streamed a batch at a time. Access is checked
   * and the export logged before the first byte, so a refusal is still a problem document.
   */
  @GetMapping("/export")
  void export(
      @RequestParam @NotBlank @Pattern(regexp = "/|(/[A-Z0-9][A-Z0-9-]*)+") String under,
      @RequestParam(defaultValue = "csv") @Size(max = 10) String format,
      jakarta.servlet.http.HttpServletResponse response)
      throws java.io.IOException {
    vn.digicell.member.member.MemberExport.Prepared export =
        this.export.prepare(under, vn.digicell.member.member.MemberExport.format(format));
    String name =
        "dang-vien"
            + ("/".equals(under) ? "" : under.replace('/', '-'))
            + "."
            + export.format().extension;
    response.setContentType(export.format().contentType);
    response.setHeader(
        org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
        org.springframework.http.ContentDisposition.attachment().filename(name).build().toString());
    response.setHeader(org.springframework.http.HttpHeaders.CACHE_CONTROL, "no-store");
    export.writeTo(response.getOutputStream());
  }

  record EndAttachmentRequest(@PastOrPresent LocalDate endedOn) {}

  /** Ends a temporary attachment early (secretary or committee of either cell). */
  @PostMapping("/{id}/attachment/end")
  MemberSummary endAttachment(
      @PathVariable String id, @Valid @RequestBody(required = false) EndAttachmentRequest r) {
    return MemberSummary.of(service.endAttachmentEarly(id, r == null ? null : r.endedOn()));
  }

  /** A member due or overdue for official recognition. */
  record DueView(MemberSummary member, LocalDate probationEnds, boolean overdue) {}

  @GetMapping("/due/official-recognition")
  Cursor.Page<DueView> dueForOfficialRecognition(
      @RequestParam(required = false) @Pattern(regexp = "(/[A-Z0-9][A-Z0-9-]*)+") String under,
      @RequestParam(required = false) @Size(max = 1024) String cursor,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    Cursor.Page<MemberService.Due> page = service.dueForOfficialRecognition(under, cursor, size);
    return new Cursor.Page<>(
        page.items().stream()
            .map(d -> new DueView(MemberSummary.of(d.member()), d.probationEnds(), d.overdue()))
            .toList(),
        page.nextCursor());
  }

  @GetMapping("/search")
  Cursor.Page<MemberSummary> search(
      @RequestParam(required = false) @Size(max = 100) String q,
      @RequestParam(required = false) @Pattern(regexp = "(/[A-Z0-9][A-Z0-9-]*)+") String under,
      @RequestParam(required = false) vn.digicell.member.member.MemberStatus status,
      @RequestParam(required = false) Gender gender,
      @RequestParam(required = false) @Min(0) @Max(130) Integer minAge,
      @RequestParam(required = false) @Min(0) @Max(130) Integer maxAge,
      @RequestParam(required = false) @Size(max = 1024) String cursor,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    Cursor.Page<Member> page =
        service.search(
            new MemberService.SearchQuery(q, under, status, gender, minAge, maxAge), cursor, size);
    return new Cursor.Page<>(
        page.items().stream().map(MemberSummary::of).toList(), page.nextCursor());
  }

  /** A history entry as shown: superseded entries stay visible, flagged. */
  record HistoryView(
      String entryId,
      HistoryEntry.Kind kind,
      LocalDate from,
      LocalDate to,
      Integer year,
      String title,
      String organisation,
      String classification,
      String decisionNumber,
      String supersedes,
      boolean superseded,
      String recordedBy,
      java.time.Instant recordedAt) {
    static HistoryView of(HistoryEntry h, boolean superseded) {
      return new HistoryView(
          h.entryId(),
          h.kind(),
          h.from(),
          h.to(),
          h.year(),
          h.title(),
          h.organisation(),
          h.classification(),
          h.decisionNumber(),
          h.supersedes(),
          superseded,
          h.recordedBy(),
          h.recordedAt());
    }
  }

  record HistoryRequest(
      @NotNull HistoryEntry.Kind kind,
      @PastOrPresent LocalDate from,
      LocalDate to,
      @Min(1930) @Max(2200) Integer year,
      @Size(max = 300) String title,
      @Size(max = 300) String organisation,
      @Size(max = 40) @Pattern(regexp = "[A-Z0-9_]+") String classification,
      @Size(max = 60) String decisionNumber,
      @Size(max = 64) String supersedes) {}

  @PostMapping("/{id}/history")
  ResponseEntity<HistoryView> recordHistory(
      @PathVariable String id, @Valid @RequestBody HistoryRequest r) {
    HistoryEntry entry =
        service.recordHistory(
            id,
            new MemberService.RecordHistory(
                r.kind(),
                r.from(),
                r.to(),
                r.year(),
                r.title(),
                r.organisation(),
                r.classification(),
                r.decisionNumber(),
                r.supersedes()));
    return ResponseEntity.status(org.springframework.http.HttpStatus.CREATED)
        .body(HistoryView.of(entry, false));
  }

  record BadgeDueView(MemberSummary member, int years, String badge, LocalDate reachedOn) {}

  @GetMapping("/due/party-badges")
  List<BadgeDueView> badgesDue(
      @RequestParam(required = false) @Pattern(regexp = "(/[A-Z0-9][A-Z0-9-]*)+") String under,
      @RequestParam(defaultValue = "90") @Min(0) @Max(366) int withinDays) {
    return service.badgesDue(under, withinDays).stream()
        .map(
            d ->
                new BadgeDueView(MemberSummary.of(d.member()), d.years(), d.badge(), d.reachedOn()))
        .toList();
  }

  @GetMapping("/audit/profile-reads")
  Cursor.Page<vn.digicell.member.member.ProfileReads.ProfileRead> profileReads(
      @RequestParam(required = false) @Pattern(regexp = "(/[A-Z0-9][A-Z0-9-]*)+") String under,
      @RequestParam(required = false) @Size(max = 64) String member,
      @RequestParam(required = false) @Size(max = 100) String reader,
      @RequestParam(required = false) @Size(max = 1024) String cursor,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    return service.profileReads(under, member, reader, cursor, size);
  }

  @ExceptionHandler(MemberService.InvalidCitizenIdException.class)
  ResponseEntity<ProblemDetail> invalidCitizenId(MemberService.InvalidCitizenIdException e) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "validation-failed",
            "Validation failed",
            "The citizen id does not match its structure or the person's birth date and gender.");
    return ResponseEntity.badRequest()
        .body(
            Problems.withFieldErrors(
                problem, List.of(new Problems.FieldError("citizenId", e.getMessage()))));
  }
}
