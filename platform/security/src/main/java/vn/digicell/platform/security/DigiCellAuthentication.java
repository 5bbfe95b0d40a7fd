package vn.digicell.platform.security;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A validated access token together with the {@link CurrentUser} it describes. */
public class DigiCellAuthentication extends JwtAuthenticationToken {

  private final CurrentUser user;

  public DigiCellAuthentication(
      Jwt jwt, Collection<? extends GrantedAuthority> authorities, CurrentUser user) {
    super(jwt, authorities, user.username());
    this.user = user;
  }

  public CurrentUser user() {
    return user;
  }
}
