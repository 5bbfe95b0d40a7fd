package vn.digicell.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.URI;
import java.util.Set;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import vn.digicell.gateway.web.ProblemException;
import vn.digicell.gateway.web.ProblemResponses.Problem;

/**
 * The public API surface: each path family goes to the service that owns it, behind a circuit
 * breaker per service and a request size limit; each service's OpenAPI description is reachable as
 * {@code /v3/api-docs/<service>} for the documentation page.
 *
 * <p>{@code /api/admin/dead-letters/**} exists in every service and cannot be routed by path alone,
 * so it is deliberately not exposed here.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

  /** The live inbox: a long-lived stream, so no circuit breaker around it. */
  static final String NOTICE_STREAM = "/api/notifications/stream";

  @Bean
  RouteLocator digicellRoutes(
      RouteLocatorBuilder builder, RouteProperties services, RequestSizeProperties sizes) {
    RouteLocatorBuilder.Builder routes = builder.routes();
    routes.route(
        "notification-stream",
        r ->
            r.order(-1)
                .path(NOTICE_STREAM)
                .filters(f -> f.removeRequestHeader(HttpHeaders.COOKIE))
                .uri(services.notification()));
    api(
        routes,
        "member",
        services.member(),
        sizes.member(),
        "/api/org-units/**",
        "/api/members/**",
        "/api/transfers/**",
        "/api/imports/**",
        "/api/statistics/**",
        "/api/admin/statistics/**");
    api(
        routes,
        "meeting",
        services.meeting(),
        sizes.meeting(),
        "/api/meetings/**",
        "/api/motions/**",
        "/api/cells/**",
        "/api/analytics/**",
        "/api/alerts/**");
    api(
        routes,
        "document",
        services.document(),
        sizes.document(),
        "/api/documents/**",
        "/api/archive/**",
        "/api/boards/**",
        "/api/sections/**",
        "/api/packs/**");
    api(
        routes,
        "notification",
        services.notification(),
        sizes.notification(),
        "/api/notifications/**",
        "/api/broadcasts/**",
        "/api/feedback/**");
    apiDocs(routes, "member", services.member());
    apiDocs(routes, "meeting", services.meeting());
    apiDocs(routes, "document", services.document());
    apiDocs(routes, "notification", services.notification());
    return routes.build();
  }

  /** One breaker per service, configured from {@link CircuitBreakerProperties}. */
  @Bean
  Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakers(
      CircuitBreakerProperties breaker) {
    CircuitBreakerConfig config =
        CircuitBreakerConfig.custom()
            .failureRateThreshold(breaker.failureRatePercent())
            .slidingWindowSize(breaker.slidingWindow())
            .minimumNumberOfCalls(breaker.minimumCalls())
            .waitDurationInOpenState(breaker.waitInOpenState())
            .permittedNumberOfCallsInHalfOpenState(breaker.trialCalls())
            .build();
    return factory ->
        factory.configureDefault(
            id -> new Resilience4JConfigBuilder(id).circuitBreakerConfig(config).build());
  }

  private static void api(
      RouteLocatorBuilder.Builder routes,
      String service,
      URI uri,
      DataSize maxRequest,
      String... paths) {
    routes.route(
        service + "-api",
        r ->
            r.path(paths)
                .filters(
                    f ->
                        protect(f, service, maxRequest)
                            // services are stateless: the browser's session and CSRF cookies stay
                            .removeRequestHeader(HttpHeaders.COOKIE))
                .uri(uri));
  }

  private static GatewayFilterSpec protect(GatewayFilterSpec f, String service, DataSize max) {
    return f.filter(maxRequestSize(max))
        .circuitBreaker(
            breaker ->
                breaker
                    .setName(service)
                    .setFallbackUri("forward:/fallback/" + service)
                    .setStatusCodes(Set.of("502", "503", "504")));
  }

  private static GatewayFilter maxRequestSize(DataSize max) {
    return (exchange, chain) -> {
      long length = exchange.getRequest().getHeaders().getContentLength();
      if (length > max.toBytes()) {
        return Mono.error(new ProblemException(Problem.PAYLOAD_TOO_LARGE));
      }
      return chain.filter(exchange);
    };
  }

  private static void apiDocs(RouteLocatorBuilder.Builder routes, String service, URI uri) {
    routes.route(
        service + "-api-docs",
        r ->
            r.path("/v3/api-docs/" + service)
                .filters(f -> f.setPath("/v3/api-docs").removeRequestHeader(HttpHeaders.COOKIE))
                .uri(uri));
  }
}
