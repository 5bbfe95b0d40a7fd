package vn.digicell.gateway.portal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The logged-in person as the portal shows them: who they are, their grants (a role on an org path,
 * from the token's {@code grants} claim) and their own member record. {@code roles} and {@code
 * orgScope} are read from the grants (the roles held somewhere, the paths of all grants) for the
 * portal's menus; what a role allows on a path is only what one grant says: realm roles and the
 * {@code org_scope} attribute are not read.
 */
record CurrentUser(
    String username,
    String name,
    List<Grant> grants,
    List<String> roles,
    List<String> orgScope,
    String memberId) {

  /** One grant: {@code role} on everything under {@code orgPath}. */
  record Grant(String role, String orgPath) {

    /** Reads {@code role:/org/path}; empty for anything else (a bad value grants nothing). */
    static Optional<Grant> parse(String value) {
      int cut = value.indexOf(':');
      if (cut <= 0 || cut == value.length() - 1) {
        return Optional.empty();
      }
      String role = value.substring(0, cut).strip();
      String path = value.substring(cut + 1).strip();
      if (role.isEmpty() || !path.matches("/|(/[A-Za-z0-9_-]+)+/?")) {
        return Optional.empty();
      }
      return Optional.of(new Grant(role, path));
    }
  }

  /** Reads Keycloak's claims ({@code grants}, {@code member_id} and the names). */
  static CurrentUser fromClaims(Map<String, Object> claims, String fallbackUsername) {
    String username = text(claims.get("preferred_username"));
    if (username == null) {
      username = fallbackUsername;
    }
    String name = vn.digicell.platform.web.PersonName.of(claims::get);
    if (name == null) {
      name = username;
    }
    List<Grant> grants =
        List.copyOf(
            new LinkedHashSet<>(
                texts(claims.get("grants")).stream()
                    .map(Grant::parse)
                    .flatMap(Optional::stream)
                    .toList()));
    List<String> roles = grants.stream().map(Grant::role).distinct().toList();
    List<String> orgScope = grants.stream().map(Grant::orgPath).distinct().toList();
    return new CurrentUser(username, name, grants, roles, orgScope, text(claims.get("member_id")));
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  /** A claim that Keycloak sends as an array, or as a single string when it has one value. */
  private static List<String> texts(Object value) {
    if (value instanceof Collection<?> values) {
      return values.stream().filter(v -> v != null).map(String::valueOf).toList();
    }
    String single = text(value);
    return single == null ? List.of() : List.of(single);
  }
}
