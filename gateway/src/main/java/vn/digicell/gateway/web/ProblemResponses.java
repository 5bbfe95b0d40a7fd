package vn.digicell.gateway.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
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
public class ProblemResponses {

  /** The problems the gateway answers with; each has a title and detail in the bundles. */
  public enum Problem {
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED),
    INVALID_TOKEN("invalid-token", HttpStatus.UNAUTHORIZED),
    SESSION_EXPIRED("session-expired", HttpStatus.UNAUTHORIZED),
    CSRF("csrf", HttpStatus.FORBIDDEN),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    LOGIN_UNAVAILABLE("login-unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    GATEWAY_TIMEOUT("gateway-timeout", HttpStatus.GATEWAY_TIMEOUT),
    BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE),
    URI_TOO_LONG("uri-too-long", HttpStatus.URI_TOO_LONG),
    HEADERS_TOO_LARGE("headers-too-large", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
    TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR);

    private final String key;
    private final HttpStatus status;

    Problem(String key, HttpStatus status) {
      this.key = key;
      this.status = status;
    }

    HttpStatus status() {
      return status;
    }

    URI type() {
      return URI.create("https://digicell.vn/problems/" + key);
    }

    static Optional<Problem> forStatus(int status) {
      return switch (status) {
        case 400 -> Optional.of(BAD_REQUEST);
        case 401 -> Optional.of(UNAUTHENTICATED);
        case 403 -> Optional.of(FORBIDDEN);
        case 404 -> Optional.of(NOT_FOUND);
        case 413 -> Optional.of(PAYLOAD_TOO_LARGE);
        case 414 -> Optional.of(URI_TOO_LONG);
        case 431 -> Optional.of(HEADERS_TOO_LARGE);
        case 429 -> Optional.of(TOO_MANY_REQUESTS);
        case 500 -> Optional.of(INTERNAL);
        case 502, 503 -> Optional.of(SERVICE_UNAVAILABLE);
        case 504 -> Optional.of(GATEWAY_TIMEOUT);
        default -> Optional.empty();
      };
    }
  }

  private final MessageSource messages;
  private final JsonMapper json;

  ProblemResponses(MessageSource messages, JsonMapper json) {
    this.messages = messages;
    this.json = json;
  }

  public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
    return write(exchange, problem, Map.of());
  }

  public Mono<Void> write(
      ServerWebExchange exchange, Problem problem, Map<String, String> extraHeaders) {
    Locale locale = locale(exchange);
    return write(
        exchange,
        problem.status,
        problem.type().toString(),
        messages.getMessage("problem." + problem.key + ".title", null, locale),
        messages.getMessage("problem." + problem.key + ".detail", null, locale),
        locale,
        extraHeaders);
  }

  /** A problem for any status: a known one when there is one, else {@code about:blank}. */
  public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status) {
    Optional<Problem> known = Problem.forStatus(status.value());
    if (known.isPresent()) {
      return write(exchange, known.get());
    }
    HttpStatus resolved = HttpStatus.resolve(status.value());
    String title = resolved != null ? resolved.getReasonPhrase() : "HTTP " + status.value();
    return write(exchange, status, "about:blank", title, null, locale(exchange), Map.of());
  }

  private Mono<Void> write(
      ServerWebExchange exchange,
      HttpStatusCode status,
      String type,
      String title,
      String detail,
      Locale locale,
      Map<String, String> extraHeaders) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    byte[] bytes =
        render(status.value(), type, title, detail, exchange.getRequest().getPath().value());
    response.setStatusCode(status);
    HttpHeaders headers = response.getHeaders();
    headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    headers.set(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
    headers.setCacheControl("no-store");
    extraHeaders.forEach(headers::set);
    DataBuffer buffer = response.bufferFactory().wrap(bytes);
    return response.writeWith(Mono.just(buffer));
  }

  /**
   * The problem document's bytes, for a refusal written below Spring (a request Netty could not
   * decode); {@code instance} may be null.
   */
  byte[] render(Problem problem, Locale locale, String instance) {
    return render(
        problem.status.value(),
        problem.type().toString(),
        messages.getMessage("problem." + problem.key + ".title", null, locale),
        messages.getMessage("problem." + problem.key + ".detail", null, locale),
        instance);
  }

  private byte[] render(int status, String type, String title, String detail, String instance) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("title", title);
    body.put("status", status);
    if (detail != null) {
      body.put("detail", detail);
    }
    if (instance != null) {
      body.put("instance", instance);
    }
    return json.writeValueAsBytes(body);
  }

  /** Vietnamese first: English only when the caller prefers it. */
  static Locale locale(ServerWebExchange exchange) {
    return locale(exchange.getRequest().getHeaders());
  }

  static Locale locale(HttpHeaders headers) {
    List<Locale> accepted;
    try {
      accepted = headers.getAcceptLanguageAsLocales();
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
