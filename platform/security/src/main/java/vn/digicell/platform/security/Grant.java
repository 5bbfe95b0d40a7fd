package vn.digicell.platform.security;

import java.util.Optional;

/**
 * One thing a user may do: act in {@code role} on everything under {@code orgPath}. Written in the
 * token's {@code grants} claim as {@code role:/org/path}, e.g. {@code cell-secretary:/AG/VB/C07}. A
 * role held for one path never applies to another.
 */
public record Grant(String role, String orgPath) {

  public Grant {
    if (role == null || role.isBlank() || role.contains(":")) {
      throw new IllegalArgumentException("a grant needs a role: " + role);
    }
    if (orgPath == null || !orgPath.startsWith("/")) {
      throw new IllegalArgumentException("a grant needs an org path: " + orgPath);
    }
  }

  /** Reads {@code role:/org/path}; empty for anything else (a bad value grants nothing). */
  public static Optional<Grant> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    int cut = value.indexOf(':');
    if (cut <= 0 || cut == value.length() - 1) {
      return Optional.empty();
    }
    String role = value.substring(0, cut).trim();
    String path = value.substring(cut + 1).trim();
    if (role.isEmpty() || !path.startsWith("/") || !path.matches("/|(/[A-Za-z0-9_-]+)+/?")) {
      return Optional.empty();
    }
    return Optional.of(new Grant(role, path));
  }

  /** Whether this grant's path covers {@code path}. */
  public boolean covers(String path) {
    return OrgPaths.covers(orgPath, path);
  }

  /** Whether this grant carries one of {@code roles} (any role when none is named). */
  public boolean carriesAny(String... roles) {
    if (roles.length == 0) {
      return true;
    }
    for (String candidate : roles) {
      if (role.equals(candidate)) {
        return true;
      }
    }
    return false;
  }

  /** The claim value, {@code role:/org/path}. */
  @Override
  public String toString() {
    return role + ":" + orgPath;
  }
}
