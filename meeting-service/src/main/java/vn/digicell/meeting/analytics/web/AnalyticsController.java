package vn.digicell.meeting.analytics.web;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.meeting.analytics.Figures;
import vn.digicell.meeting.analytics.Participation;

/** Participation figures for the committees' charts. */
@RestController
@RequestMapping("/api/analytics")
@Validated
class AnalyticsController {

  private static final String MONTH = "^\\d{4}-(0[1-9]|1[0-2])$";

  private final Participation participation;

  AnalyticsController(Participation participation) {
    this.participation = participation;
  }

  record FiguresView(Map<String, Long> counts, Map<String, Double> rates) {
    static FiguresView of(Figures f) {
      return new FiguresView(f.counts(), f.rates());
    }
  }

  record ChildView(String path, String meetingId, FiguresView figures) {}

  record MonthView(String month, FiguresView totals, List<ChildView> children) {}

  record ReportView(String path, String from, String to, List<MonthView> months) {}

  record MeetingView(
      String meetingId,
      String cellId,
      String orgPath,
      String kind,
      String status,
      java.time.Instant startsAt,
      String month,
      boolean recordedAfterwards,
      FiguresView figures) {}

  @GetMapping("/participation")
  ReportView participation(
      @RequestParam @Pattern(regexp = "^(/[A-Z0-9][A-Z0-9-]*)+$") String under,
      @RequestParam @Pattern(regexp = MONTH) String from,
      @RequestParam @Pattern(regexp = MONTH) String to) {
    Participation.Report report =
        participation.report(under, YearMonth.parse(from), YearMonth.parse(to));
    return new ReportView(
        report.path(),
        report.from(),
        report.to(),
        report.months().stream()
            .map(
                m ->
                    new MonthView(
                        m.month(),
                        FiguresView.of(m.totals()),
                        m.children().stream()
                            .map(
                                c ->
                                    new ChildView(
                                        c.path(), c.meetingId(), FiguresView.of(c.figures())))
                            .toList()))
            .toList());
  }

  @GetMapping("/meetings/{id}")
  MeetingView meeting(@PathVariable @Size(max = 64) String id) {
    Participation.MeetingReport r = participation.meeting(id);
    return new MeetingView(
        r.meetingId(),
        r.cellId(),
        r.orgPath(),
        r.kind(),
        r.status(),
        r.startsAt(),
        r.month(),
        r.recordedAfterwards(),
        FiguresView.of(r.figures()));
  }
}
