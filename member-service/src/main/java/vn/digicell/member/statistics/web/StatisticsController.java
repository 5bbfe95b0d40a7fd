package vn.digicell.member.statistics.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.member.statistics.MemberStatistics;

@RestController
@Validated
class StatisticsController {

  private final MemberStatistics statistics;

  StatisticsController(MemberStatistics statistics) {
    this.statistics = statistics;
  }

  @GetMapping("/api/members/statistics")
  MemberStatistics.Figures figures(
      @RequestParam @NotBlank @Pattern(regexp = "(/[A-Z0-9][A-Z0-9-]*)+") String under) {
    return statistics.of(under);
  }
}
