package vn.digicell.gateway.portal;

import java.util.Set;
import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The language a person chose in the portal, remembered in the {@code dc_lang} cookie (the portal
 * writes it): Vietnamese unless they switched to English. It, not the phone's or browser's own
 * language, decides what Keycloak's login page and every service answer in, so a member whose phone
 * is set to English still reads the portal, the login and a downloaded template in Vietnamese.
 */
public final class PortalLanguage {

  public static final String COOKIE = "dc_lang";
  public static final String DEFAULT = "vi";
  private static final Set<String> KNOWN = Set.of("vi", "en");

  private PortalLanguage() {}

  /** The chosen language when the cookie names a known one, else null. */
  public static String chosen(ServerHttpRequest request) {
    HttpCookie cookie = request.getCookies().getFirst(COOKIE);
    return cookie != null && KNOWN.contains(cookie.getValue()) ? cookie.getValue() : null;
  }

  /** The chosen language, or Vietnamese. */
  public static String of(ServerHttpRequest request) {
    String chosen = chosen(request);
    return chosen != null ? chosen : DEFAULT;
  }
}
