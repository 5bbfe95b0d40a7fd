package vn.digicell.platform.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as the access token says: their grants, (role, org path) pairs from the {@code
 * grants} claim, and their own member id ({@code member_id}), when they are a member. Every
 * decision asks whether ONE grant carries both a permitted role and a path covering the resource: a
 * role held for one cell never applies to another.
 */
public record CurrentUser(String subject, String username, List<Grant> grants, String memberId) {

  public CurrentUser {
    grants = List.copyOf(new LinkedHashSet<>(grants));
  }

  /** The roles of all grants, whatever their path: for display and coarse routing only. */
  public Set<String> roles() {
    Set<String> roles = new LinkedHashSet<>();
    grants.forEach(g -> roles.add(g.role()));
    return Set.copyOf(roles);
  }

  /** Whether some grant carries {@code role}, on whatever path. Never enough to act on a path. */
  public boolean hasRole(String role) {
    return grants.stream().anyMatch(g -> g.role().equals(role));
  }

  /** Whether some grant carries one of {@code candidates}, on whatever path. */
  public boolean hasAnyRole(String... candidates) {
    return grants.stream().anyMatch(g -> g.carriesAny(candidates));
  }

  /** Whether some grant, with whatever role, covers {@code orgPath}. */
  public boolean actsFor(String orgPath) {
    return grants.stream().anyMatch(g -> g.covers(orgPath));
  }

  /**
   * Whether ONE grant carries one of {@code roles} (any role when none is named) and covers {@code
   * orgPath}: the rule of every decision on a resource under a path.
   */
  public boolean holds(String orgPath, String... roles) {
    return grants.stream().anyMatch(g -> g.carriesAny(roles) && g.covers(orgPath));
  }

  /** The paths of the grants carrying one of {@code roles} (all grants when none is named). */
  public List<String> pathsWith(String... roles) {
    return grants.stream().filter(g -> g.carriesAny(roles)).map(Grant::orgPath).distinct().toList();
  }

  /** The paths of all grants, whatever their role. */
  public List<String> orgScope() {
    return pathsWith();
  }

  /** Whether this user is the member with this id. */
  public boolean isMember(String id) {
    return memberId != null && memberId.equals(id);
  }

  public Optional<String> ownMemberId() {
    return Optional.ofNullable(memberId);
  }
}
