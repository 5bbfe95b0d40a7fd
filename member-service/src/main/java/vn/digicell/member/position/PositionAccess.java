package vn.digicell.member.position;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import vn.digicell.member.member.HistoryEntry;
import vn.digicell.member.member.Member;

/**
 * What a member's record gives them in Keycloak: their {@code grants}, (role, org path) pairs
 * written {@code role:/org/path} — {@code member} on their own cell, {@code member} (only) on a
 * cell they are temporarily attached to while the attachment lasts, {@code cell-secretary} on their
 * cell for a secretary or deputy, {@code committee} on the unit above their cell for a committee
 * member. A role held for one path never applies to another: a secretary attached to another cell
 * is a plain member there.
 *
 * <p>{@code orgScope} and {@code roles} are still written for the migration window (readable, never
 * the basis of a decision). Derived from the whole record every time, so applying it twice, or
 * late, gives the same result.
 */
public record PositionAccess(List<String> orgScope, Set<String> roles, List<String> grants) {

  /** The roles positions grant; other roles (org-admin, auditor…) are never touched. */
  public static final Set<String> MANAGED_ROLES = Set.of("cell-secretary", "committee");

  public static PositionAccess of(Member member, LocalDate today) {
    Set<String> scope = new LinkedHashSet<>();
    Set<String> grants = new LinkedHashSet<>();
    scope.add(member.path());
    grants.add(grant("member", member.path()));
    if (member.attachedTo() != null && !member.attachedTo().until().isBefore(today)) {
      scope.add(member.attachedTo().orgPath());
      grants.add(grant("member", member.attachedTo().orgPath()));
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
          grants.add(grant("cell-secretary", member.path()));
        }
        case "COMMITTEE_MEMBER", "STANDING_COMMITTEE" -> {
          scope.add(parentOf(member.path()));
          roles.add("committee");
          grants.add(grant("committee", parentOf(member.path())));
        }
        default -> {
          // the cell's digital core member: no extra grant
        }
      }
    }
    return new PositionAccess(List.copyOf(scope), Set.copyOf(roles), List.copyOf(grants));
  }

  private static String grant(String role, String path) {
    return role + ":" + path;
  }

  private static String parentOf(String path) {
    int cut = path.lastIndexOf('/');
    return cut > 0 ? path.substring(0, cut) : path;
  }
}
