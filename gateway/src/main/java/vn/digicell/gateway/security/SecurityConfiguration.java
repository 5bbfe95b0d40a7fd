package vn.digicell.gateway.security;

import java.net.URI;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import vn.digicell.gateway.web.ProblemResponses;
import vn.digicell.gateway.web.ProblemResponses.Problem;

/**
 * One filter chain for two kinds of callers.
 *
 * <ul>
 *   <li>Browsers log in with OpenID Connect (authorization code + PKCE); the session keeps the
 *       tokens, and state-changing requests need the CSRF token from the {@code XSRF-TOKEN} cookie
 *       echoed as {@code X-XSRF-TOKEN}.
 *   <li>API clients send {@code Authorization: Bearer}; the token is validated here and passed on
 *       unchanged. Such requests carry no ambient credentials, so CSRF does not apply.
 * </ul>
 *
 * Unauthenticated API calls get a 401 problem; a browser navigating to a page is sent to login.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

  static final String LOGIN_PATH =
      "/oauth2/authorization/" + KeycloakClientConfiguration.REGISTRATION_ID;

  /** document-service's latest signed checkpoint of the archive log, public by design. */
  static final String PUBLIC_CHECKPOINT = "/api/archive/log/checkpoint";

  /** Where providers post delivery receipts, one path per channel. */
  static final String DELIVERY_RECEIPTS = "/api/notifications/delivery-receipts/*";

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

  @Bean
  SecurityWebFilterChain securityWebFilterChain(
      ServerHttpSecurity http,
      ReactiveJwtDecoder jwtDecoder,
      ReactiveClientRegistrationRepository registrations,
      ProblemResponses problems) {
    CookieServerCsrfTokenRepository csrfTokens =
        CookieServerCsrfTokenRepository.withHttpOnlyFalse();
    csrfTokens.setCookiePath("/");
    csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
    return http.authorizeExchange(
            exchanges ->
                exchanges
                    // the portal's files, the pages a printed QR code opens (they ask for a login
                    // themselves when the section or pack is not public) and the texts
                    .pathMatchers(
                        "/",
                        "/index.html",
                        "/*.js",
                        "/*.css",
                        "/*.svg",
                        "/*.png",
                        "/*.webmanifest",
                        "/favicon.ico",
                        "/s/*",
                        "/p/*",
                        "/portal/messages")
                    .permitAll()
                    // what a printed QR code opens: document-service decides what a caller without
                    // a token may see (public sections; a pack answers 401, so the portal asks for
                    // a login), and a pack's QR image is printed on the invitation anyway
                    .pathMatchers(
                        HttpMethod.GET,
                        "/api/sections/*",
                        "/api/sections/*/**",
                        "/api/packs/*",
                        "/api/packs/*/qr.png",
                        "/api/packs/*/qr.svg")
                    .permitAll()
                    // the sealed archive's signed checkpoint: for anyone keeping copies (witnesses)
                    .pathMatchers(HttpMethod.GET, PUBLIC_CHECKPOINT)
                    .permitAll()
                    // SMS/Zalo providers' delivery receipts carry no user token:
                    // notification-service
                    // checks their shared secret (X-Receipt-Secret, set per deployment, no default)
                    .pathMatchers(HttpMethod.POST, DELIVERY_RECEIPTS)
                    .permitAll()
                    .pathMatchers("/api-docs", "/swagger-ui/**", "/webjars/swagger-ui/**")
                    .permitAll()
                    .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                    .permitAll()
                    .pathMatchers("/v3/api-docs/**")
                    .permitAll()
                    .anyExchange()
                    .authenticated())
        .oauth2Login(
            login ->
                login
                    .authorizationRequestResolver(new FreshLoginRequestResolver(registrations))
                    .authenticationFailureHandler(
                        new RedirectServerAuthenticationFailureHandler("/?loginError")))
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    .jwt(jwt -> jwt.jwtDecoder(jwtDecoder))
                    .authenticationEntryPoint(
                        (exchange, failure) ->
                            problems.write(
                                exchange,
                                Problem.INVALID_TOKEN,
                                Map.of(
                                    HttpHeaders.WWW_AUTHENTICATE,
                                    "Bearer error=\"invalid_token\""))))
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(new LoginOrProblemEntryPoint(LOGIN_PATH, problems))
                    .accessDeniedHandler(
                        (exchange, denied) -> problems.write(exchange, Problem.FORBIDDEN)))
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(csrfTokens)
                    // the portal reads the raw cookie value and sends it back as a header
                    .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                    .requireCsrfProtectionMatcher(sessionStateChange())
                    .accessDeniedHandler(
                        (exchange, denied) -> problems.write(exchange, Problem.CSRF)))
        .addFilterAfter(new CsrfCookieWebFilter(), SecurityWebFiltersOrder.CSRF)
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .frameOptions(frames -> frames.mode(Mode.DENY))
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
        .logout(
            logout ->
                logout
                    .logoutHandler(handlers -> handlers.add(new WebSessionServerLogoutHandler()))
                    .logoutSuccessHandler(keycloakLogout(registrations)))
        .build();
  }

  /** Ends the Keycloak session too (RP-initiated logout) and comes back to the portal. */
  private static OidcClientInitiatedServerLogoutSuccessHandler keycloakLogout(
      ReactiveClientRegistrationRepository registrations) {
    OidcClientInitiatedServerLogoutSuccessHandler handler =
        new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
    handler.setPostLogoutRedirectUri("{baseUrl}/");
    handler.setLogoutSuccessUrl(URI.create("/"));
    return handler;
  }

  /**
   * CSRF only matters where the browser adds credentials by itself: a state-changing request in an
   * existing session. Bearer requests and requests without a session have nothing to forge.
   */
  private static ServerWebExchangeMatcher sessionStateChange() {
    return exchange ->
        CsrfWebFilter.DEFAULT_CSRF_MATCHER
            .matches(exchange)
            .filter(MatchResult::isMatch)
            .filter(unsafe -> !BearerRequests.carriesBearerToken(exchange))
            .flatMap(unsafe -> exchange.getSession())
            .filter(session -> session.isStarted())
            .flatMap(session -> MatchResult.match())
            .switchIfEmpty(MatchResult.notMatch());
  }
}
