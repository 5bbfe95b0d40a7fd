package vn.digicell.platform.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.platform.security.AccessGuard;

/** The operator's view of dead letters: list, read, replay. IT administrators only. */
@RestController
@RequestMapping("/api/admin/dead-letters")
class DeadLetterController {

  private static final String IT_ADMIN = "it-admin";

  private final DeadLetters deadLetters;
  private final AccessGuard guard;

  DeadLetterController(DeadLetters deadLetters, AccessGuard guard) {
    this.deadLetters = deadLetters;
    this.guard = guard;
  }

  @GetMapping
  List<DeadLetters.TopicSummary> topics() {
    guard.requireRole(IT_ADMIN);
    return deadLetters.topics();
  }

  @GetMapping("/{topic}")
  List<DeadLetters.DeadLetter> read(
      @PathVariable String topic, @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
    guard.requireRole(IT_ADMIN);
    return deadLetters.read(topic, limit);
  }

  @PostMapping("/{topic}/{partition}/{offset}/replay")
  @ResponseStatus(HttpStatus.ACCEPTED)
  DeadLetters.DeadLetter replay(
      @PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
    guard.requireRole(IT_ADMIN);
    return deadLetters.replay(topic, partition, offset);
  }
}
