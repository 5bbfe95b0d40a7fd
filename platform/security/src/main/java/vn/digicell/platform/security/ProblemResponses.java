package vn.digicell.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.platform.web.PlatformMessages;
import vn.digicell.platform.web.Problems;

/** 401 and 403 as RFC 9457 problems, in the caller's language, from the security filters. */
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final JsonMapper json;
  private final PlatformMessages messages;
  private final LocaleResolver locales;

  ProblemResponses(JsonMapper json, PlatformMessages messages, LocaleResolver locales) {
    this.json = json;
    this.messages = messages;
    this.locales = locales;
  }

  @Override
  public void commence(
      HttpServletRequest request,
      HttpServletResponse response,
      AuthenticationException authException)
      throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer");
    write(request, response, unauthorized(locales.resolveLocale(request)));
  }

  @Override
  public void handle(
      HttpServletRequest request,
      HttpServletResponse response,
      AccessDeniedException accessDeniedException)
      throws IOException {
    write(request, response, forbidden(locales.resolveLocale(request)));
  }

  ProblemDetail unauthorized(Locale locale) {
    return Problems.of(
        HttpStatus.UNAUTHORIZED,
        "unauthorized",
        messages.text("problem.unauthorized", "Not signed in", locale),
        messages.text(
            "problem.unauthorized.detail",
            "Sign in first: this request needs a valid access token.",
            locale));
  }

  ProblemDetail forbidden(Locale locale) {
    return Problems.of(
        HttpStatus.FORBIDDEN,
        "forbidden",
        messages.text("problem.forbidden", "Not allowed", locale),
        messages.text(
            "problem.forbidden.detail",
            "You are signed in, but your role or organisation scope does not allow this.",
            locale));
  }

  private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail p)
      throws IOException {
    p.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(p.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), p);
  }
}
