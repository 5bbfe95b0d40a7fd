package vn.digicell.gateway.web;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import vn.digicell.gateway.web.ProblemResponses.Problem;

/**
 * Every failure the gateway itself answers becomes a problem document: an unknown path, a service
 * that is down or too slow, or a bug here. Stack traces go to the log, never to the caller.
 */
@Component
@Order(-2) // before Spring Boot's default error handler, which answers with its own JSON
class ProblemExceptionHandler implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

  private final ProblemResponses problems;

  ProblemExceptionHandler(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(failure);
    }
    if (failure instanceof ProblemException known) {
      return problems.write(exchange, known.problem());
    }
    if (failure instanceof ResponseStatusException status) {
      if (status.getStatusCode().is5xxServerError()) {
        log.warn("{} {}: {}", method(exchange), path(exchange), status.getMessage());
      }
      return problems.write(exchange, status.getStatusCode());
    }
    if (causedBy(failure, ConnectException.class)) {
      log.warn(
          "{} {}: service unreachable: {}", method(exchange), path(exchange), failure.getMessage());
      return problems.write(exchange, Problem.SERVICE_UNAVAILABLE);
    }
    if (causedBy(failure, TimeoutException.class)
        || failure.getClass().getName().endsWith("ReadTimeoutException")) {
      log.warn("{} {}: service timed out", method(exchange), path(exchange));
      return problems.write(exchange, Problem.GATEWAY_TIMEOUT);
    }
    log.error("{} {} failed", method(exchange), path(exchange), failure);
    return problems.write(exchange, Problem.INTERNAL);
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String method(ServerWebExchange exchange) {
    return exchange.getRequest().getMethod().name();
  }

  private static String path(ServerWebExchange exchange) {
    return exchange.getRequest().getPath().value();
  }
}
