package vn.digicell.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.digicell.deploy.checks.Repo.at;
import static vn.digicell.deploy.checks.Repo.list;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Keycloak as production runs it: only the digicell realm's public endpoints on the public
 * hostname, a second factor for staff roles, refresh tokens revoked on use.
 */
class KeycloakProductionTest {

  static final List<String> OVERLAYS = Repo.OVERLAYS;
  static final Map<String, Object> REALM = Repo.yamlFile("deploy/keycloak/digicell-realm.json");

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void thePublicSsoHostnameServesOnlyTheDigicellRealmAndItsResources(String overlay) {
    Map<String, Object> ingress = Repo.render(overlay).ofKind("Ingress").getFirst();
    List<Map<String, Object>> rules = list(ingress, "spec", "rules");
    Map<String, Object> sso =
        rules.stream()
            .filter(
                r ->
                    list(r, "http", "paths").stream()
                        .anyMatch(
                            p ->
                                "digicell-keycloak-service"
                                    .equals(at(p, "backend", "service", "name"))))
            .findFirst()
            .orElseThrow();
    List<Object> paths = list(sso, "http", "paths").stream().map(p -> at(p, "path")).toList();
    assertThat(paths).containsExactlyInAnyOrder("/realms/digicell/", "/resources/");
    assertThat(paths).doesNotContain("/", "/admin", "/admin/", "/realms/master/", "/realms/");
    Map<String, Object> keycloak = Repo.render(overlay).ofKind("Keycloak").getFirst();
    Object admin = at(keycloak, "spec", "hostname", "admin");
    assertThat(admin).as("the admin console has its own hostname").isNotNull();
    assertThat(rules.stream().map(r -> at(r, "host")))
        .as("no ingress serves the admin hostname")
        .doesNotContain(admin.toString().replaceFirst("https://", ""));
  }

  @Test
  void refreshTokensAreRevokedOnUse() {
    assertThat(REALM.get("revokeRefreshToken")).isEqualTo(true);
    assertThat(REALM.get("refreshTokenMaxReuse")).isEqualTo(0);
  }

  @Test
  void staffRolesNeedAOneTimeCodeInTheBrowserFlow() {
    String browser = (String) REALM.get("browserFlow");
    assertThat(browser).isNotNull().isNotEqualTo("browser");
    Map<String, Map<String, Object>> flows = new java.util.HashMap<>();
    for (Map<String, Object> flow : list(REALM, "authenticationFlows")) {
      flows.put((String) flow.get("alias"), flow);
    }
    // the conditional subflow: a role condition on second-factor, then the OTP form, reached
    // from the browser flow
    Map<String, Object> otpFlow =
        flows.values().stream()
            .filter(
                f ->
                    list(f, "authenticationExecutions").stream()
                        .anyMatch(e -> "auth-otp-form".equals(e.get("authenticator"))))
            .findFirst()
            .orElseThrow();
    Map<String, Object> condition =
        list(otpFlow, "authenticationExecutions").stream()
            .filter(e -> "conditional-user-role".equals(e.get("authenticator")))
            .findFirst()
            .orElseThrow();
    Map<String, Object> config =
        list(REALM, "authenticatorConfig").stream()
            .filter(c -> c.get("alias").equals(condition.get("authenticatorConfig")))
            .findFirst()
            .orElseThrow();
    String role = (String) at(config, "config", "condUserRole");
    assertThat(at(config, "config", "negate")).isEqualTo("false");
    assertThat(reaches(flows, browser, (String) otpFlow.get("alias"))).isTrue();
    for (String staff : List.of("org-admin", "it-admin", "committee")) {
      Map<String, Object> realmRole =
          list(REALM, "roles", "realm").stream()
              .filter(r -> r.get("name").equals(staff))
              .findFirst()
              .orElseThrow();
      assertThat(
              staff.equals(role) || ((List<?>) at(realmRole, "composites", "realm")).contains(role))
          .as(staff + " triggers the OTP condition")
          .isTrue();
    }
    for (String plain : List.of("member", "cell-secretary", "analyst", "auditor")) {
      Map<String, Object> realmRole =
          list(REALM, "roles", "realm").stream()
              .filter(r -> r.get("name").equals(plain))
              .findFirst()
              .orElseThrow();
      assertThat(realmRole.get("composite")).as(plain).isEqualTo(false);
    }
  }

  private static boolean reaches(Map<String, Map<String, Object>> flows, String from, String to) {
    if (from.equals(to)) {
      return true;
    }
    for (Map<String, Object> execution : list(flows.get(from), "authenticationExecutions")) {
      if (execution.get("flowAlias") instanceof String sub
          && !"DISABLED".equals(execution.get("requirement"))
          && reaches(flows, sub, to)) {
        return true;
      }
    }
    return false;
  }
}
