package vn.digicell.gateway.security;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.gateway.GatewayApplication;

/**
 * Writes RFC 9457 problem details ({@code application/problem+json}) for failures the gateway
 * itself decides, in the caller's language (Vietnamese unless English is asked for).
 */
@Component
class ProblemResponses {

  /** The problems the gateway answers with; each has a title and detail in the bundles. */
  enum Problem {
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED),
    INVALID_TOKEN("invalid-token", HttpStatus.UNAUTHORIZED),
    SESSION_EXPIRED("session-expired", HttpStatus.UNAUTHORIZED),
    CSRF("csrf", HttpStatus.FORBIDDEN),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN);

    private final String key;
    private final HttpStatus status;

    Problem(String key, HttpStatus status) {
      this.key = key;
      this.status = status;
    }

    URI type() {
      return URI.create("https://digicell.vn/problems/" + key);
    }
  }

  private final MessageSource messages;
  private final JsonMapper json;

  ProblemResponses(MessageSource messages, JsonMapper json) {
    this.messages = messages;
    this.json = json;
  }

  Mono<Void> write(ServerWebExchange exchange, Problem problem) {
    return write(exchange, problem, Map.of());
  }

  Mono<Void> write(ServerWebExchange exchange, Problem problem, Map<String, String> extraHeaders) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    Locale locale = locale(exchange);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.type().toString());
    body.put("title", messages.getMessage("problem." + problem.key + ".title", null, locale));
    body.put("status", problem.status.value());
    body.put("detail", messages.getMessage("problem." + problem.key + ".detail", null, locale));
    body.put("instance", exchange.getRequest().getPath().value());
    byte[] bytes = json.writeValueAsBytes(body);
    response.setStatusCode(problem.status);
    HttpHeaders headers = response.getHeaders();
    headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    headers.set(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
    headers.setCacheControl("no-store");
    extraHeaders.forEach(headers::set);
    DataBuffer buffer = response.bufferFactory().wrap(bytes);
    return response.writeWith(Mono.just(buffer));
  }

  /** Vietnamese first: English only when the caller prefers it. */
  static Locale locale(ServerWebExchange exchange) {
    List<Locale> accepted;
    try {
      accepted = exchange.getRequest().getHeaders().getAcceptLanguageAsLocales();
    } catch (IllegalArgumentException malformed) {
      return GatewayApplication.VIETNAMESE;
    }
    for (Locale candidate : accepted) {
      if ("vi".equals(candidate.getLanguage())) {
        return GatewayApplication.VIETNAMESE;
      }
      if ("en".equals(candidate.getLanguage())) {
        return Locale.ENGLISH;
      }
    }
    return GatewayApplication.VIETNAMESE;
  }
}
