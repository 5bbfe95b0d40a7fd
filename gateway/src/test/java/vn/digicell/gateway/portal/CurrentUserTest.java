package vn.digicell.gateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.digicell.gateway.portal.CurrentUser.Grant;

class CurrentUserTest {

  @Test
  void readsTheGrantsClaim() {
    CurrentUser user =
        CurrentUser.fromClaims(
            Map.of(
                "preferred_username", "secretary",
                "name", "Nguyễn Thị Bí Thư",
                "grants",
                    List.of("cell-secretary:/AG/VB/C07", "member:/AG/VB/C07", "member:/AG/VB/C08"),
                "member_id", "m1"),
            "fallback");

    assertThat(user)
        .isEqualTo(
            new CurrentUser(
                "secretary",
                "Nguyễn Thị Bí Thư",
                List.of(
                    new Grant("cell-secretary", "/AG/VB/C07"),
                    new Grant("member", "/AG/VB/C07"),
                    new Grant("member", "/AG/VB/C08")),
                List.of("cell-secretary", "member"),
                List.of("/AG/VB/C07", "/AG/VB/C08"),
                "m1"));
  }

  @Test
  void realmRolesAndOrgScopeOutsideGrantsShowNothing() {
    // the old claims: roles and paths as two independent lists, a cross product nobody was given
    CurrentUser user =
        CurrentUser.fromClaims(
            Map.of(
                "realm_access", Map.of("roles", List.of("committee", "org-admin")),
                "org_scope", List.of("/AG")),
            "commune");
    assertThat(user.grants()).isEmpty();
    assertThat(user.roles()).isEmpty();
    assertThat(user.orgScope()).isEmpty();
  }

  @Test
  void aSingleValuedGrantBecomesAListAndMalformedOnesAreDropped() {
    CurrentUser user = CurrentUser.fromClaims(Map.of("grants", "committee:/AG/VB"), "commune");
    assertThat(user.grants()).containsExactly(new Grant("committee", "/AG/VB"));
    assertThat(user.orgScope()).containsExactly("/AG/VB");

    CurrentUser junk =
        CurrentUser.fromClaims(
            Map.of("grants", List.of("committee", ":/AG", "member:AG", "x:/A B")), "u");
    assertThat(junk.grants()).isEmpty();
  }

  @Test
  void aNameReadsFamilyNameFirstAsVietnameseWriteIt() {
    CurrentUser hoa =
        CurrentUser.fromClaims(
            Map.of("given_name", "Hoa", "family_name", "Trần Thị", "name", "Hoa Trần Thị"), "u");
    assertThat(hoa.name()).isEqualTo("Trần Thị Hoa");
    assertThat(CurrentUser.fromClaims(Map.of("name", "Hoa"), "u").name()).isEqualTo("Hoa");
    assertThat(CurrentUser.fromClaims(Map.of(), "u").name()).isEqualTo("u");
  }

  @Test
  void missingClaimsGiveEmptyValuesNotErrors() {
    CurrentUser user =
        CurrentUser.fromClaims(Map.of("given_name", "C07", "family_name", "Đảng viên"), "u1");
    assertThat(user.username()).isEqualTo("u1");
    assertThat(user.name()).isEqualTo("Đảng viên C07");
    assertThat(user.roles()).isEmpty();
    assertThat(user.orgScope()).isEmpty();
    assertThat(user.memberId()).isNull();
  }
}
