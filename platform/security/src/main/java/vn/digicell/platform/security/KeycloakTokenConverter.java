package vn.digicell.platform.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads a Keycloak access token of realm {@code digicell}: realm roles ({@code realm_access.roles})
 * become {@code ROLE_<role>} authorities; {@code org_scope} and {@code member_id} become the {@link
 * CurrentUser}'s scope and member id.
 */
public class KeycloakTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    Set<String> roles = new LinkedHashSet<>(stringList(realmAccessRoles(jwt)));
    List<String> scope = stringList(jwt.getClaims().get("org_scope"));
    String username = jwt.getClaimAsString("preferred_username");
    CurrentUser user =
        new CurrentUser(
            jwt.getSubject(),
            username != null ? username : jwt.getSubject(),
            roles,
            scope,
            jwt.getClaimAsString("member_id"));
    var authorities = roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
    return new DigiCellAuthentication(jwt, authorities, user);
  }

  private static Object realmAccessRoles(Jwt jwt) {
    Object realmAccess = jwt.getClaims().get("realm_access");
    return realmAccess instanceof Map<?, ?> map ? map.get("roles") : null;
  }

  /** Keycloak writes a single-valued attribute as a string and a multivalued one as an array. */
  private static List<String> stringList(Object claim) {
    if (claim instanceof Collection<?> values) {
      return values.stream().filter(v -> v != null).map(Object::toString).toList();
    }
    if (claim instanceof String value && !value.isBlank()) {
      return List.of(value);
    }
    return List.of();
  }
}
