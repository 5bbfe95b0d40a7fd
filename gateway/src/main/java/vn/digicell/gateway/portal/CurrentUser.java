package vn.digicell.gateway.portal;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The logged-in person as the portal shows them: who they are, their realm roles, the org paths
 * they act for and their own member record.
 */
record CurrentUser(
    String username, String name, List<String> roles, List<String> orgScope, String memberId) {

  /** Reads Keycloak's claims ({@code realm_access.roles}, {@code org_scope}, {@code member_id}). */
  static CurrentUser fromClaims(Map<String, Object> claims, String fallbackUsername) {
    String username = text(claims.get("preferred_username"));
    if (username == null) {
      username = fallbackUsername;
    }
    String name = text(claims.get("name"));
    if (name == null) {
      name = joined(text(claims.get("given_name")), text(claims.get("family_name")), username);
    }
    List<String> roles =
        claims.get("realm_access") instanceof Map<?, ?> realmAccess
            ? texts(realmAccess.get("roles"))
            : List.of();
    return new CurrentUser(
        username, name, roles, texts(claims.get("org_scope")), text(claims.get("member_id")));
  }

  private static String joined(String given, String family, String fallback) {
    if (given == null && family == null) {
      return fallback;
    }
    return ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  /** A claim that Keycloak sends as an array, or as a single string when it has one value. */
  private static List<String> texts(Object value) {
    if (value instanceof Collection<?> values) {
      return values.stream().map(String::valueOf).toList();
    }
    String single = text(value);
    return single == null ? List.of() : List.of(single);
  }
}
