package vn.digicell.platform.events;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import vn.digicell.platform.web.PlatformMessages;
import vn.digicell.platform.web.Problems;

/** Two people changed the same record at once: the second is told to reload, nothing is lost. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ConcurrentChangeAdvice {

  private final PlatformMessages messages;

  ConcurrentChangeAdvice(PlatformMessages messages) {
    this.messages = messages;
  }

  @ExceptionHandler(OptimisticLockingFailureException.class)
  ResponseEntity<ProblemDetail> concurrentChange() {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(
            Problems.of(
                HttpStatus.CONFLICT,
                "concurrent-change",
                messages.text("problem.concurrent-change", "Changed by someone else"),
                messages.text(
                    "problem.concurrent-change.detail",
                    "Someone changed this record at the same time; reload it and try again.")));
  }
}
