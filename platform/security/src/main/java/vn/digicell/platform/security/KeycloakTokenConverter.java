package vn.digicell.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads a Keycloak access token of realm {@code digicell}: the {@code grants} claim ({@code
 * role:/org/path} values) becomes the {@link CurrentUser}'s grants, {@code member_id} their member
 * id. Realm roles and {@code org_scope} are not read: neither may be the basis of a decision. Each
 * granted role also becomes a {@code ROLE_<role>} authority (for logs and actuator views only).
 */
public class KeycloakTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

  /** The claim carrying the user's grants. */
  public static final String GRANTS_CLAIM = "grants";

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    List<Grant> grants =
        stringList(jwt.getClaims().get(GRANTS_CLAIM)).stream()
            .map(Grant::parse)
            .flatMap(Optional::stream)
            .toList();
    String username = jwt.getClaimAsString("preferred_username");
    CurrentUser user =
        new CurrentUser(
            jwt.getSubject(),
            username != null ? username : jwt.getSubject(),
            grants,
            jwt.getClaimAsString("member_id"));
    var authorities =
        user.roles().stream().sorted().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
    return new DigiCellAuthentication(jwt, authorities, user);
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
