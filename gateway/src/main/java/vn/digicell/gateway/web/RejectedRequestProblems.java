package vn.digicell.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Requests the security firewall turns away before any route sees them (an encoded slash, {@code
 * %00}, a backslash or {@code ..} in the path) get the same 400 problem document as any other bad
 * request, instead of an empty answer.
 */
@Component
class RejectedRequestProblems implements ServerExchangeRejectedHandler {

  private static final Logger log = LoggerFactory.getLogger(RejectedRequestProblems.class);

  private final ProblemResponses problems;

  RejectedRequestProblems(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
    log.debug("rejected a malformed request: {}", rejected.getMessage());
    return problems.write(exchange, ProblemResponses.Problem.BAD_REQUEST);
  }
}
