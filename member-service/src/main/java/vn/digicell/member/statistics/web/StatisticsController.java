package vn.digicell.member.statistics.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.YearMonth;
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

  /** Changes over a period of months ({@code from=2025-07&to=2025-12}), per direct child unit. */
  @GetMapping({"/api/members/statistics/changes", "/api/statistics/changes"})
  MemberStatistics.PeriodFigures changes(
      @RequestParam @NotBlank @Pattern(regexp = PATH) String under,
      @RequestParam @NotNull YearMonth from,
      @RequestParam @NotNull YearMonth to) {
    return statistics.changes(under, from, to);
  }

  /** Recomputes the counters from the member records (it-admin; run when writes are quiet). */
  @PostMapping("/api/admin/statistics/rebuild")
  Map<String, Long> rebuild() {
    return Map.of("membersRead", statistics.rebuild());
  }
}
