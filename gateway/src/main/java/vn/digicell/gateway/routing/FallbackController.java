package vn.digicell.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.digicell.gateway.web.ProblemResponses;
import vn.digicell.gateway.web.ProblemResponses.Problem;

/**
 * Where a route's circuit breaker sends a failed call: a problem document instead of a hang or a
 * bare error — 504 when the service was too slow, 503 when it is down or its circuit is open.
 */
@RestController
class FallbackController {

  private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

  private final ProblemResponses problems;

  FallbackController(ProblemResponses problems) {
    this.problems = problems;
  }

  @RequestMapping("/fallback/{service}")
  Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
    Throwable failure = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
    log.warn(
        "{} is failing: {}",
        service,
        failure == null ? "circuit open" : failure.getClass().getSimpleName());
    return problems.write(
        exchange, tooSlow(failure) ? Problem.GATEWAY_TIMEOUT : Problem.SERVICE_UNAVAILABLE);
  }

  private static boolean tooSlow(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException
          || t.getClass().getName().endsWith("ReadTimeoutException")
          || (t instanceof ResponseStatusException status
              && status.getStatusCode().value() == 504)) {
        return true;
      }
    }
    return false;
  }
}
