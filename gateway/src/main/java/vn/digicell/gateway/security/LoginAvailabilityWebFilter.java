package vn.digicell.gateway.security;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.util.matcher.MediaTypeServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.digicell.gateway.web.ProblemResponses;
import vn.digicell.gateway.web.ProblemResponses.Problem;

/**
 * A login started while Keycloak does not answer would send the browser to a page that cannot load
 * (the browser's own "site can't be reached"). Before the gateway sends anyone to Keycloak it asks
 * whether the realm answers (its OpenID configuration, at most every {@link #RECHECK_EVERY} and
 * within {@link #PROBE_TIMEOUT}); while it does not, a person is brought back to the portal's
 * welcome page, which says in their language that logging in is briefly unavailable and that pages
 * already open keep working; anything else gets a 503 problem {@code login-unavailable} with {@code
 * Retry-After}. As soon as the realm answers again, logins go through as before.
 */
@Component
class LoginAvailabilityWebFilter implements WebFilter, Ordered {

  static final String LOGIN_PREFIX = "/oauth2/authorization/";
  static final String UNAVAILABLE_PAGE = "/?loginUnavailable";
  static final Duration RECHECK_EVERY = Duration.ofSeconds(5);
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final Mono<Boolean> realmAnswers;
  private final ProblemResponses problems;
  private final MediaTypeServerWebExchangeMatcher htmlNavigation;

  LoginAvailabilityWebFilter(IdentityProviderProperties provider, ProblemResponses problems) {
    WebClient realm = WebClient.create();
    String configuration = provider.issuerUri() + "/.well-known/openid-configuration";
    this.realmAnswers =
        Mono.defer(
                () ->
                    realm
                        .get()
                        .uri(configuration)
                        .retrieve()
                        .toBodilessEntity()
                        .map(response -> response.getStatusCode().is2xxSuccessful())
                        .timeout(PROBE_TIMEOUT)
                        .onErrorReturn(false))
            .cache(answers -> RECHECK_EVERY, failure -> Duration.ZERO, () -> Duration.ZERO);
    this.problems = problems;
    this.htmlNavigation = new MediaTypeServerWebExchangeMatcher(MediaType.TEXT_HTML);
    this.htmlNavigation.setIgnoredMediaTypes(Set.of(MediaType.ALL));
  }

  @Override
  public int getOrder() {
    // before Spring Security's chain (-100), which would redirect to Keycloak
    return -200;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (exchange.getRequest().getMethod() != HttpMethod.GET
        || !exchange
            .getRequest()
            .getPath()
            .pathWithinApplication()
            .value()
            .startsWith(LOGIN_PREFIX)) {
      return chain.filter(exchange);
    }
    return realmAnswers.flatMap(up -> up ? chain.filter(exchange) : unavailable(exchange));
  }

  private Mono<Void> unavailable(ServerWebExchange exchange) {
    return htmlNavigation
        .matches(exchange)
        .filter(MatchResult::isMatch)
        .flatMap(
            page -> {
              exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
              exchange
                  .getResponse()
                  .getHeaders()
                  .setLocation(java.net.URI.create(UNAVAILABLE_PAGE));
              exchange.getResponse().getHeaders().setCacheControl("no-store");
              return exchange.getResponse().setComplete().thenReturn(Boolean.TRUE);
            })
        .switchIfEmpty(
            Mono.defer(
                () ->
                    problems
                        .write(
                            exchange,
                            Problem.LOGIN_UNAVAILABLE,
                            Map.of(
                                HttpHeaders.RETRY_AFTER,
                                Long.toString(RECHECK_EVERY.toSeconds() * 6)))
                        .thenReturn(Boolean.TRUE)))
        .then();
  }
}
