package vn.digicell.member.statistics.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.member.statistics.MemberStatistics;

@RestController
@Validated
class StatisticsController {

  /** An org path, or {@code /} for the nation. */
  static final String PATH = "/|(/[A-Z0-9][A-Z0-9-]*)+";

  private final MemberStatistics statistics;

  StatisticsController(MemberStatistics statistics) {
    this.statistics = statistics;
  }

  @GetMapping("/api/members/statistics")
  MemberStatistics.Figures figures(@RequestParam @NotBlank @Pattern(regexp = PATH) String under) {
    return statistics.of(under);
  }

  /**
   * Changes over a period, per direct child unit, in total and per month ({@code
   * from=2025-07&to=2025-12}) or per day ({@code granularity=day&from=2025-07-01&to=2025-07-31}).
   */
  @GetMapping({"/api/members/statistics/changes", "/api/statistics/changes"})
  MemberStatistics.PeriodFigures changes(
      @RequestParam @NotBlank @Pattern(regexp = PATH) String under,
      @RequestParam @NotBlank @Pattern(regexp = PERIOD) String from,
      @RequestParam @NotBlank @Pattern(regexp = PERIOD) String to,
      @RequestParam(defaultValue = "month") @Pattern(regexp = "day|month") String granularity) {
    return statistics.changes(under, granularity, from, to);
  }

  /** A month ({@code 2025-07}) or a day ({@code 2025-07-14}). */
  static final String PERIOD = "[0-9]{4}-[0-9]{2}(-[0-9]{2})?";

  /** Recomputes the counters from the member records (it-admin; run when writes are quiet). */
  @PostMapping("/api/admin/statistics/rebuild")
  Map<String, Long> rebuild() {
    return Map.of("membersRead", statistics.rebuild());
  }
}
