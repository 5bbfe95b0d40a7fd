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
  void theKeycloakTokenBecomesRolesScopeAndMemberId() {
    Jwt jwt =
        Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .subject("s-1")
            .issuedAt(Instant.now())
            .expiresAt(Instant.now().plusSeconds(60))
            .claim("preferred_username", "secretary")
            .claim("realm_access", Map.of("roles", List.of("cell-secretary", "member")))
            .claim("org_scope", List.of("/AG/VB/C07"))
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
    assertThat(user.isMember("m-7")).isTrue();
    assertThat(user.isMember("m-8")).isFalse();
  }

  @Test
  void aSingleValuedScopeAttributeAndMissingClaimsAreTolerated() {
    Jwt jwt =
        Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .subject("s-2")
            .claim("org_scope", "/AG/VB")
            .build();
    CurrentUser user = ((DigiCellAuthentication) new KeycloakTokenConverter().convert(jwt)).user();
    assertThat(user.orgScope()).containsExactly("/AG/VB");
    assertThat(user.roles()).isEmpty();
    assertThat(user.ownMemberId()).isEmpty();
    assertThat(user.username()).isEqualTo("s-2");
  }
}
