package vn.digicell.meeting.alerts.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.meeting.alerts.Alerts;

/** The alerts raised under a committee's path, newest first. */
@RestController
@RequestMapping("/api/alerts")
@Validated
class AlertsController {

  private final Alerts alerts;
  private final vn.digicell.meeting.alerts.RegularityCheck regularity;

  AlertsController(Alerts alerts, vn.digicell.meeting.alerts.RegularityCheck regularity) {
    this.alerts = alerts;
    this.regularity = regularity;
  }

  record CheckView(String month, int raised) {}

  /** Runs the missed-regular-meeting check of a month that is over (IT admins). */
  @org.springframework.web.bind.annotation.PostMapping("/regular-meetings/check")
  CheckView check(@RequestParam @Pattern(regexp = "^\\d{4}-(0[1-9]|1[0-2])$") String month) {
    return new CheckView(month, regularity.checkNow(java.time.YearMonth.parse(month)));
  }

  @GetMapping
  List<Alerts.AlertView> list(
      @RequestParam @Pattern(regexp = "^(/[A-Z0-9][A-Z0-9-]*)+$") String under,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    return alerts.under(under, size);
  }
}
