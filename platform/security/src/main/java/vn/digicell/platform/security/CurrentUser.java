package vn.digicell.platform.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as the access token says: their realm roles, the org paths they act for ({@code
 * org_scope}) and their own member id ({@code member_id}), when they are a member.
 */
public record CurrentUser(
    String subject, String username, Set<String> roles, List<String> orgScope, String memberId) {

  public CurrentUser {
    roles = Set.copyOf(roles);
    orgScope = List.copyOf(orgScope);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  public boolean hasAnyRole(String... candidates) {
    for (String role : candidates) {
      if (roles.contains(role)) {
        return true;
      }
    }
    return false;
  }

  /** Whether some org path this user acts for covers {@code orgPath}. */
  public boolean actsFor(String orgPath) {
    return orgScope.stream().anyMatch(scope -> OrgPaths.covers(scope, orgPath));
  }

  /** Whether this user is the member with this id. */
  public boolean isMember(String id) {
    return memberId != null && memberId.equals(id);
  }

  public Optional<String> ownMemberId() {
    return Optional.ofNullable(memberId);
  }
}
