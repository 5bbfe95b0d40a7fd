package vn.digicell.platform.security;

import java.util.Arrays;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The one question every endpoint asks: may the caller act on a resource under org path P? A
 * request is allowed only when one of the caller's {@code org_scope} paths covers P and, where
 * roles are named, the caller holds one of them. Refusals become 403 problems.
 */
public class AccessGuard {

  /** The authenticated caller. */
  public CurrentUser currentUser() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof DigiCellAuthentication digiCell) {
      return digiCell.user();
    }
    throw new AuthenticationCredentialsNotFoundException("no DigiCell access token");
  }

  /** Whether the caller's scope covers {@code orgPath} and they hold one of {@code roles}. */
  public boolean mayActOn(String orgPath, String... roles) {
    CurrentUser user = currentUser();
    return user.actsFor(orgPath) && (roles.length == 0 || user.hasAnyRole(roles));
  }

  /** Refuses (403) unless {@link #mayActOn(String, String...)}. */
  public void requireActOn(String orgPath, String... roles) {
    if (!mayActOn(orgPath, roles)) {
      throw new AccessDeniedException(
          "not allowed under "
              + orgPath
              + (roles.length == 0 ? "" : " with roles " + Arrays.toString(roles)));
    }
  }

  /** Refuses (403) unless the caller holds one of {@code roles}. */
  public void requireRole(String... roles) {
    if (!currentUser().hasAnyRole(roles)) {
      throw new AccessDeniedException("requires one of " + Arrays.toString(roles));
    }
  }
}
