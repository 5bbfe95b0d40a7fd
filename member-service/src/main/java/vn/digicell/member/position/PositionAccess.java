package vn.digicell.member.position;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import vn.digicell.member.member.HistoryEntry;
import vn.digicell.member.member.Member;

/**
 * What a member's positions give them in Keycloak: the org paths they act for ({@code org_scope})
 * and the roles that come with the positions. Derived from the whole record every time, so applying
 * it twice, or late, gives the same result.
 */
public record PositionAccess(List<String> orgScope, Set<String> roles) {

  /** The roles positions grant; other roles (org-admin, auditor…) are never touched. */
  public static final Set<String> MANAGED_ROLES = Set.of("cell-secretary", "committee");

  public static PositionAccess of(Member member, LocalDate today) {
    Set<String> scope = new LinkedHashSet<>();
    scope.add(member.path());
    if (member.attachedTo() != null && !member.attachedTo().until().isBefore(today)) {
      scope.add(member.attachedTo().orgPath());
    }
    Set<String> roles = new TreeSet<>();
    for (HistoryEntry entry : member.history()) {
      if (entry.kind() != HistoryEntry.Kind.POSITION
          || member.isSuperseded(entry.entryId())
          || (entry.to() != null && entry.to().isBefore(today))) {
        continue;
      }
      switch (entry.classification()) {
        case "CELL_SECRETARY", "DEPUTY_SECRETARY" -> {
          scope.add(member.path());
          roles.add("cell-secretary");
        }
        case "COMMITTEE_MEMBER", "STANDING_COMMITTEE" -> {
          scope.add(parentOf(member.path()));
          roles.add("committee");
        }
        default -> {
          // the cell's digital core member: no extra scope or role
        }
      }
    }
    return new PositionAccess(List.copyOf(scope), Set.copyOf(roles));
  }

  private static String parentOf(String path) {
    int cut = path.lastIndexOf('/');
    return cut > 0 ? path.substring(0, cut) : path;
  }
}
