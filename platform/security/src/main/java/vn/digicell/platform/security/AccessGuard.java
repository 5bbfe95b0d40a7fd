package vn.digicell.platform.security;

import java.util.Arrays;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The one question every endpoint asks: may the caller act on a resource under org path P? A
 * request is allowed only when ONE of the caller's grants covers P and, where roles are named,
 * carries one of them. Refusals become 403 problems.
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

  /** Whether one grant of the caller covers {@code orgPath} and carries one of {@code roles}. */
  public boolean mayActOn(String orgPath, String... roles) {
    return currentUser().holds(orgPath, roles);
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

  /**
   * Refuses (403) unless some grant of the caller carries one of {@code roles}, on whatever path:
   * only for actions that concern no org path (the caller's own data); an action on a resource
   * under a path uses {@link #requireActOn(String, String...)}.
   */
  public void requireRole(String... roles) {
    if (!currentUser().hasAnyRole(roles)) {
      throw new AccessDeniedException("requires one of " + Arrays.toString(roles));
    }
  }
}
