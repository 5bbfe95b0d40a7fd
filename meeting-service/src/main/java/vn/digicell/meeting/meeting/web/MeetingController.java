package vn.digicell.meeting.meeting.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.meeting.meeting.AgendaDocument;
import vn.digicell.meeting.meeting.AgendaItem;
import vn.digicell.meeting.meeting.Attendance;
import vn.digicell.meeting.meeting.CheckInCodes;
import vn.digicell.meeting.meeting.Meeting;
import vn.digicell.meeting.meeting.MeetingKind;
import vn.digicell.meeting.meeting.MeetingMode;
import vn.digicell.meeting.meeting.MeetingService;
import vn.digicell.meeting.meeting.Opinion;
import vn.digicell.meeting.meeting.Participant;
import vn.digicell.meeting.meeting.Resolution;
import vn.digicell.platform.web.ProblemException;

/** Meetings of a cell: the secretary runs them, members read them and check themselves in. */
@RestController
@RequestMapping("/api/meetings")
@Validated
class MeetingController {

  private final MeetingService meetings;

  MeetingController(MeetingService meetings) {
    this.meetings = meetings;
  }

  record AgendaItemRequest(
      @NotBlank @Size(max = 300) String title,
      @Size(max = 50) List<@NotBlank @Size(max = 64) String> documentIds) {
    Meeting.NewAgendaItem toItem() {
      return new Meeting.NewAgendaItem(title, documentIds);
    }
  }

  record ScheduleRequest(
      @NotBlank @Size(max = 64) String cellId,
      @NotNull MeetingKind kind,
      @NotNull MeetingMode mode,
      @NotBlank @Size(max = 300) String title,
      @NotNull OffsetDateTime startsAt,
      @Size(max = 300) String location,
      @Size(max = 500) String onlineLink,
      @Size(max = 50) List<@Valid @NotNull AgendaItemRequest> agenda) {}

  record RescheduleRequest(@NotNull OffsetDateTime startsAt, @Size(max = 500) String reason) {}

  record SwitchOnlineRequest(
      @NotBlank @Size(max = 500) String onlineLink, @Size(max = 500) String reason) {}

  record CancelRequest(@NotBlank @Size(max = 500) String reason) {}

  record AttendanceRequest(
      @NotBlank @Size(max = 64) String memberId,
      @NotNull Attendance attendance,
      @Size(max = 500) String reason) {}

  record OpinionRequest(
      @NotBlank @Size(max = 64) String memberId,
      @NotBlank @Size(max = 64) String agendaItemId,
      @NotBlank @Size(max = 2000) String summary) {}

  record CheckInRequest(@NotBlank @Size(max = 512) String code) {}

  record RegisterLineRequest(
      @NotBlank @Size(max = 64) String memberId,
      @NotNull Attendance attendance,
      @Size(max = 500) String reason) {}

  record RegisterOpinionRequest(
      @NotBlank @Size(max = 64) String memberId,
      @Min(0) @Max(49) int agendaIndex,
      @NotBlank @Size(max = 2000) String summary) {}

  /** A meeting already held, entered from its paper register. */
  record RecordHeldRequest(
      @NotBlank @Size(max = 64) String cellId,
      @NotNull MeetingKind kind,
      @NotNull MeetingMode mode,
      @NotBlank @Size(max = 300) String title,
      @NotNull OffsetDateTime startsAt,
      @Size(max = 300) String location,
      @Size(max = 500) String onlineLink,
      @Size(max = 50) List<@Valid @NotNull AgendaItemRequest> agenda,
      @Size(max = 2000) List<@Valid @NotNull RegisterLineRequest> attendance,
      @Size(max = 2000) List<@Valid @NotNull RegisterOpinionRequest> opinions) {}

  /** A document on the agenda as the library last announced it (null fields: not known yet). */
  record AgendaDocumentView(String documentId, String title, Integer version, boolean retracted) {}

  record AgendaItemView(
      String itemId, String title, List<String> documentIds, List<AgendaDocumentView> documents) {
    static AgendaItemView of(AgendaItem item, Map<String, AgendaDocument> known) {
      return new AgendaItemView(
          item.itemId(),
          item.title(),
          item.documentIds(),
          item.documentIds().stream()
              .map(
                  id -> {
                    AgendaDocument d = known.get(id);
                    return d == null
                        ? new AgendaDocumentView(id, null, null, false)
                        : new AgendaDocumentView(id, d.title(), d.version(), d.retracted());
                  })
              .toList());
    }
  }

  record ParticipantView(
      String memberId,
      String fullName,
      String status,
      boolean temporary,
      boolean countsForQuorum,
      boolean mayVote,
      Attendance attendance,
      String absenceReason,
      String recordedVia) {
    static ParticipantView of(Participant p) {
      return new ParticipantView(
          p.memberId(),
          p.fullName(),
          p.status(),
          p.temporary(),
          p.countsForQuorum(),
          p.mayVote(),
          p.attendance(),
          p.absenceReason(),
          p.recordedVia());
    }
  }

  record MeetingView(
      String id,
      String cellId,
      String orgPath,
      MeetingKind kind,
      MeetingMode mode,
      String title,
      Instant startsAt,
      String location,
      String onlineLink,
      String status,
      boolean recordedAfterwards,
      List<AgendaItemView> agenda,
      List<ParticipantView> participants,
      List<Opinion> opinions,
      List<Resolution> resolutions,
      String cancelReason,
      Instant startedAt,
      Instant closedAt,
      Boolean quorumReached) {
    static MeetingView of(Meeting m, Map<String, AgendaDocument> known) {
      return new MeetingView(
          m.id(),
          m.cellId(),
          m.path(),
          m.kind(),
          m.mode(),
          m.title(),
          m.startsAt(),
          m.location(),
          m.onlineLink(),
          m.status().name(),
          m.isRecordedAfterwards(),
          m.agenda().stream().map(item -> AgendaItemView.of(item, known)).toList(),
          m.participants().stream().map(ParticipantView::of).toList(),
          m.opinions(),
          m.resolutions(),
          m.cancelReason(),
          m.startedAt(),
          m.closedAt(),
          m.quorumReached());
    }
  }

  record CheckInView(Attendance attendance) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  MeetingView schedule(@RequestBody @Valid ScheduleRequest r) {
    List<Meeting.NewAgendaItem> agenda =
        r.agenda() == null
            ? List.of()
            : r.agenda().stream().map(AgendaItemRequest::toItem).toList();
    return view(
        meetings.schedule(
            r.cellId(),
            new Meeting.Plan(
                r.kind(),
                r.mode(),
                r.title(),
                r.startsAt().toInstant(),
                r.location(),
                r.onlineLink(),
                agenda)));
  }

  private MeetingView view(Meeting m) {
    return MeetingView.of(m, meetings.agendaDocuments(List.of(m)));
  }

  @PostMapping("/recorded")
  @ResponseStatus(HttpStatus.CREATED)
  MeetingView recordHeld(@RequestBody @Valid RecordHeldRequest r) {
    List<Meeting.NewAgendaItem> agenda =
        r.agenda() == null
            ? List.of()
            : r.agenda().stream().map(AgendaItemRequest::toItem).toList();
    List<Meeting.RegisterLine> lines =
        r.attendance() == null
            ? List.of()
            : r.attendance().stream()
                .map(l -> new Meeting.RegisterLine(l.memberId(), l.attendance(), l.reason()))
                .toList();
    List<Meeting.RegisterOpinion> opinions =
        r.opinions() == null
            ? List.of()
            : r.opinions().stream()
                .map(o -> new Meeting.RegisterOpinion(o.memberId(), o.agendaIndex(), o.summary()))
                .toList();
    return view(
        meetings.recordHeld(
            r.cellId(),
            new Meeting.Plan(
                r.kind(),
                r.mode(),
                r.title(),
                r.startsAt().toInstant(),
                r.location(),
                r.onlineLink(),
                agenda),
            lines,
            opinions));
  }

  @GetMapping
  List<MeetingView> list(
      @RequestParam(required = false) @Size(max = 64) String cellId,
      @RequestParam(required = false) @Pattern(regexp = "^(/[A-Z0-9][A-Z0-9-]*)+$") String under,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    if ((cellId == null) == (under == null)) {
      throw ProblemException.badRequest(
          "cell-or-path-required", "Give exactly one of cellId or under.");
    }
    List<Meeting> found =
        cellId != null ? meetings.ofCell(cellId, size) : meetings.under(under, size);
    Map<String, AgendaDocument> known = meetings.agendaDocuments(found);
    return found.stream().map(m -> MeetingView.of(m, known)).toList();
  }

  @GetMapping("/{id}")
  MeetingView read(@PathVariable @Size(max = 64) String id) {
    return view(meetings.read(id));
  }

  @GetMapping("/{id}/quorum")
  Meeting.Quorum quorum(@PathVariable @Size(max = 64) String id) {
    return meetings.quorum(id);
  }

  @PostMapping("/{id}/reschedule")
  MeetingView reschedule(
      @PathVariable @Size(max = 64) String id, @RequestBody @Valid RescheduleRequest r) {
    return view(meetings.reschedule(id, r.startsAt().toInstant(), r.reason()));
  }

  @PostMapping("/{id}/switch-online")
  MeetingView switchOnline(
      @PathVariable @Size(max = 64) String id, @RequestBody @Valid SwitchOnlineRequest r) {
    return view(meetings.switchToOnline(id, r.onlineLink(), r.reason()));
  }

  @PostMapping("/{id}/cancel")
  MeetingView cancel(@PathVariable @Size(max = 64) String id, @RequestBody @Valid CancelRequest r) {
    return view(meetings.cancel(id, r.reason()));
  }

  @PostMapping("/{id}/agenda")
  @ResponseStatus(HttpStatus.CREATED)
  MeetingView addAgendaItem(
      @PathVariable @Size(max = 64) String id, @RequestBody @Valid AgendaItemRequest r) {
    return view(meetings.addAgendaItem(id, r.toItem()));
  }

  @PostMapping("/{id}/start")
  MeetingView start(@PathVariable @Size(max = 64) String id) {
    return view(meetings.start(id));
  }

  @PostMapping("/{id}/close")
  MeetingView close(@PathVariable @Size(max = 64) String id) {
    return view(meetings.close(id));
  }

  @PostMapping("/{id}/attendance")
  MeetingView attendance(
      @PathVariable @Size(max = 64) String id, @RequestBody @Valid AttendanceRequest r) {
    return view(meetings.recordAttendance(id, r.memberId(), r.attendance(), r.reason()));
  }

  @PostMapping("/{id}/opinions")
  @ResponseStatus(HttpStatus.CREATED)
  MeetingView opinion(
      @PathVariable @Size(max = 64) String id, @RequestBody @Valid OpinionRequest r) {
    return view(meetings.recordOpinion(id, r.memberId(), r.agendaItemId(), r.summary()));
  }

  @GetMapping("/{id}/check-in-code")
  CheckInCodes.Code checkInCode(@PathVariable @Size(max = 64) String id) {
    return meetings.checkInCode(id);
  }

  @PostMapping("/{id}/join-online")
  MeetingService.Joined joinOnline(@PathVariable @Size(max = 64) String id) {
    return meetings.joinOnline(id);
  }

  @PostMapping("/{id}/check-in")
  CheckInView checkIn(
      @PathVariable @Size(max = 64) String id, @RequestBody @Valid CheckInRequest r) {
    return new CheckInView(meetings.checkIn(id, r.code()));
  }
}
