package vn.digicell.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

final class BearerRequests {

  private BearerRequests() {}

  static boolean carriesBearerToken(ServerWebExchange exchange) {
    String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
  }
}
