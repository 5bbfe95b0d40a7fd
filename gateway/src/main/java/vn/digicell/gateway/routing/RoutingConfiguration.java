package vn.digicell.gateway.routing;

import java.net.URI;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * The public API surface: each path family goes to the service that owns it, and each service's
 * OpenAPI description is reachable as {@code /v3/api-docs/<service>} for later aggregation.
 *
 * <p>{@code /api/admin/dead-letters/**} exists in every service and cannot be routed by path alone,
 * so it is deliberately not exposed here.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

  @Bean
  RouteLocator digicellRoutes(RouteLocatorBuilder builder, RouteProperties services) {
    RouteLocatorBuilder.Builder routes = builder.routes();
    api(
        routes,
        "member",
        services.member(),
        "/api/org-units/**",
        "/api/members/**",
        "/api/transfers/**",
        "/api/imports/**");
    api(
        routes,
        "meeting",
        services.meeting(),
        "/api/meetings/**",
        "/api/motions/**",
        "/api/cells/**");
    api(
        routes,
        "document",
        services.document(),
        "/api/documents/**",
        "/api/archive/**",
        "/api/boards/**",
        "/api/sections/**");
    api(routes, "notification", services.notification(), "/api/notifications/**");
    apiDocs(routes, "member", services.member());
    apiDocs(routes, "meeting", services.meeting());
    apiDocs(routes, "document", services.document());
    apiDocs(routes, "notification", services.notification());
    return routes.build();
  }

  private static void api(
      RouteLocatorBuilder.Builder routes, String service, URI uri, String... paths) {
    routes.route(
        service + "-api",
        r ->
            r.path(paths)
                // services are stateless: the browser's session and CSRF cookies stay here
                .filters(f -> f.removeRequestHeader(HttpHeaders.COOKIE))
                .uri(uri));
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
