package vn.digicell.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class OrgScopeTest {

  @Test
  void aScopeCoversItselfAndWhatLiesUnderItOnWholeSegments() {
    assertThat(OrgPaths.covers("/AG/VB", "/AG/VB")).isTrue();
    assertThat(OrgPaths.covers("/AG/VB", "/AG/VB/C07")).isTrue();
    assertThat(OrgPaths.covers("/AG/VB/", "/AG/VB/C07")).isTrue();
    assertThat(OrgPaths.covers("/AG/VB", "/AG/VBX")).isFalse();
    assertThat(OrgPaths.covers("/AG/VB/C07", "/AG/VB")).isFalse();
    assertThat(OrgPaths.covers("/AG/VB/C07", "/AG/VB/C08")).isFalse();
    assertThat(OrgPaths.covers("/", "/HN/BD")).isTrue();
    assertThat(OrgPaths.covers("", "/AG")).isFalse();
    assertThat(OrgPaths.covers("AG", "AG/VB")).isFalse();
  }

  @Test
  void theKeycloakTokenBecomesGrantsAndMemberId() {
    Jwt jwt =
        token()
            .claim("preferred_username", "secretary")
            .claim("grants", List.of("cell-secretary:/AG/VB/C07", "member:/AG/VB/C07"))
            .claim("member_id", "m-7")
            .build();
    DigiCellAuthentication auth =
        (DigiCellAuthentication) new KeycloakTokenConverter().convert(jwt);
    CurrentUser user = auth.user();
    assertThat(user.username()).isEqualTo("secretary");
    assertThat(user.roles()).containsExactlyInAnyOrder("cell-secretary", "member");
    assertThat(auth.getAuthorities())
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("ROLE_cell-secretary", "ROLE_member");
    assertThat(user.actsFor("/AG/VB/C07")).isTrue();
    assertThat(user.actsFor("/AG/VB/C08")).isFalse();
    assertThat(user.holds("/AG/VB/C07", "cell-secretary")).isTrue();
    assertThat(user.isMember("m-7")).isTrue();
    assertThat(user.isMember("m-8")).isFalse();
  }

  @Test
  void aRoleHeldForOneCellNeverAppliesToAnAttachedCell() {
    // secretary of C07, temporarily attached to C08 as a plain member
    Jwt jwt =
        token().claim("grants", List.of("cell-secretary:/AG/VB/C07", "member:/AG/VB/C08")).build();
    CurrentUser user = ((DigiCellAuthentication) new KeycloakTokenConverter().convert(jwt)).user();
    assertThat(user.holds("/AG/VB/C08", "member")).isTrue();
    assertThat(user.holds("/AG/VB/C08", "cell-secretary")).isFalse();
    assertThat(user.holds("/AG/VB/C07", "cell-secretary")).isTrue();
    assertThat(user.pathsWith("cell-secretary")).containsExactly("/AG/VB/C07");
  }

  @Test
  void rolesAndOrgScopeOutsideGrantsGiveNothing() {
    Jwt jwt =
        token()
            .claim("realm_access", Map.of("roles", List.of("committee", "org-admin")))
            .claim("org_scope", List.of("/AG"))
            .build();
    CurrentUser user = ((DigiCellAuthentication) new KeycloakTokenConverter().convert(jwt)).user();
    assertThat(user.grants()).isEmpty();
    assertThat(user.holds("/AG/VB", "committee")).isFalse();
    assertThat(user.actsFor("/AG")).isFalse();
  }

  @Test
  void aSingleValuedGrantAndMalformedGrantsAreTolerated() {
    Jwt jwt = token().claim("grants", "committee:/AG/VB").build();
    CurrentUser user = ((DigiCellAuthentication) new KeycloakTokenConverter().convert(jwt)).user();
    assertThat(user.orgScope()).containsExactly("/AG/VB");
    assertThat(user.roles()).containsExactly("committee");
    assertThat(user.ownMemberId()).isEmpty();
    assertThat(user.username()).isEqualTo("s-2");

    Jwt junk =
        token().claim("grants", List.of("committee", ":/AG", "member:AG", "x:/A B", "")).build();
    assertThat(
            ((DigiCellAuthentication) new KeycloakTokenConverter().convert(junk)).user().grants())
        .isEmpty();
  }

  private static Jwt.Builder token() {
    return Jwt.withTokenValue("t")
        .header("alg", "RS256")
        .subject("s-2")
        .issuedAt(Instant.now())
        .expiresAt(Instant.now().plusSeconds(60));
  }
}
