package vn.digicell.platform.events;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import vn.digicell.platform.web.PlatformMessages;
import vn.digicell.platform.web.Problems;

/**
 * The store did not answer: the caller gets 503 with {@code Retry-After} (a command sent with an
 * {@code Idempotency-Key} may simply be sent again), never a 500, and readiness reports the store
 * down meanwhile. The aggregate write is one document, so nothing was half written.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class StoreUnavailableAdvice {

  private static final Logger log = LoggerFactory.getLogger(StoreUnavailableAdvice.class);

  private final PlatformMessages messages;

  StoreUnavailableAdvice(PlatformMessages messages) {
    this.messages = messages;
  }

  @ExceptionHandler({
    DataAccessResourceFailureException.class,
    MongoTimeoutException.class,
    MongoSocketException.class
  })
  ResponseEntity<ProblemDetail> storeUnavailable(Exception e) {
    log.warn("store unavailable: {}", e.toString());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "5")
        .body(
            Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "store-unavailable",
                messages.text("problem.store-unavailable", "Temporarily unavailable"),
                messages.text(
                    "problem.store-unavailable.detail",
                    "The data store is not answering; nothing was changed. Try again in a"
                        + " moment.")));
  }
}
