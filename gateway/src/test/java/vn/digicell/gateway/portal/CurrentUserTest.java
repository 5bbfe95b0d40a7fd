package vn.digicell.gateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CurrentUserTest {

  @Test
  void readsKeycloakClaims() {
    CurrentUser user =
        CurrentUser.fromClaims(
            Map.of(
                "preferred_username", "secretary",
                "name", "Nguyễn Thị Bí Thư",
                "realm_access", Map.of("roles", List.of("member", "cell-secretary")),
                "org_scope", List.of("/AG/VB/C07", "/AG/VB/C08"),
                "member_id", "m1"),
            "fallback");

    assertThat(user)
        .isEqualTo(
            new CurrentUser(
                "secretary",
                "Nguyễn Thị Bí Thư",
                List.of("member", "cell-secretary"),
                List.of("/AG/VB/C07", "/AG/VB/C08"),
                "m1"));
  }

  @Test
  void singleValuedOrgScopeBecomesAList() {
    CurrentUser user = CurrentUser.fromClaims(Map.of("org_scope", "/AG/VB"), "commune");
    assertThat(user.orgScope()).containsExactly("/AG/VB");
  }

  @Test
  void missingClaimsGiveEmptyValuesNotErrors() {
    CurrentUser user =
        CurrentUser.fromClaims(Map.of("given_name", "Đảng viên", "family_name", "C07"), "u1");
    assertThat(user.username()).isEqualTo("u1");
    assertThat(user.name()).isEqualTo("Đảng viên C07");
    assertThat(user.roles()).isEmpty();
    assertThat(user.orgScope()).isEmpty();
    assertThat(user.memberId()).isNull();
  }
}
