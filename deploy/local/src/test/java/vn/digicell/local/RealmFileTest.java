package vn.digicell.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class RealmFileTest {

  // surefire runs in the module directory
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode client(JsonNode realm, String clientId) {
    for (JsonNode client : realm.path("clients")) {
      if (client.path("clientId").asString().equals(clientId)) {
        return client;
      }
    }
    return null;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }

  @Test
  void productionRealmHasNoUsersNoPasswordGrantAndAPkceGateway() throws Exception {
    JsonNode realm = JSON.readTree(Files.readString(ROOT.resolve(RealmFile.PRODUCTION_REALM)));

    // no people, only member-service's service account (it keeps org_scope in step)
    realm
        .path("users")
        .forEach(u -> assertThat(u.path("serviceAccountClientId").asString()).isNotBlank());
    assertThat(client(realm, "digicell-member-service").path("serviceAccountsEnabled").asBoolean())
        .isTrue();
    assertThat(client(realm, "digicell-member-service").has("secret")).isFalse();
    assertThat(client(realm, "digicell-cli")).isNull();
    for (JsonNode c : realm.path("clients")) {
      assertThat(c.path("directAccessGrantsEnabled").asBoolean()).isFalse();
    }
    JsonNode gateway = client(realm, "digicell-gateway");
    assertThat(gateway.path("publicClient").asBoolean()).isFalse();
    assertThat(gateway.path("attributes").path("pkce.code.challenge.method").asString())
        .isEqualTo("S256");
    assertThat(gateway.has("secret")).isFalse();
    assertThat(strings(realm.path("defaultDefaultClientScopes"))).contains("digicell", "roles");
    assertThat(strings(gateway.path("defaultClientScopes"))).contains("digicell", "basic");
  }

  @Test
  void localRealmAddsTheCliClientTheSecretAndTheDemoUsers() throws Exception {
    ObjectNode realm = RealmFile.localRealm(ROOT, 8080);

    assertThat(client(realm, "digicell-cli").path("directAccessGrantsEnabled").asBoolean())
        .isTrue();
    assertThat(RealmFile.gatewaySecret(realm)).isNotBlank();
    // merged by clientId, not appended: still one gateway, still with PKCE
    assertThat(realm.path("clients")).hasSize(3);
    assertThat(RealmFile.clientSecret(realm, "digicell-member-service")).isNotBlank();
    assertThat(
            client(realm, "digicell-gateway")
                .path("attributes")
                .path("pkce.code.challenge.method")
                .asString())
        .isEqualTo("S256");
    List<String> users = new ArrayList<>();
    realm.path("users").forEach(u -> users.add(u.path("username").asString()));
    assertThat(users)
        .containsExactly(
            "service-account-digicell-member-service",
            "admin",
            "commune",
            "secretary",
            "member",
            "analyst");
  }

  @Test
  void aPortOffsetAlsoAllowsTheShiftedGatewayUrls() throws Exception {
    JsonNode gateway = client(RealmFile.localRealm(ROOT, 18080), "digicell-gateway");

    assertThat(strings(gateway.path("redirectUris")))
        .contains(
            "http://localhost:8080/login/oauth2/code/*",
            "http://localhost:18080/login/oauth2/code/*");
    assertThat(strings(gateway.path("webOrigins"))).contains("http://localhost:18080");
    assertThat(gateway.path("attributes").path("post.logout.redirect.uris").asString())
        .contains("http://localhost:18080/*");
  }

  @Test
  void portsShiftTogether() {
    Ports ports = Ports.withOffset(10000);

    assertThat(ports.gateway()).isEqualTo(18080);
    assertThat(ports.member()).isEqualTo(18081);
    assertThat(ports.keycloak()).isEqualTo(18180);
    assertThat(ports.keycloakManagement()).isEqualTo(19180);
    assertThat(ports.kafka()).isEqualTo(19092);
    assertThat(ports.kafkaController()).isEqualTo(19093);
    assertThat(ports.mongo()).isEqualTo(37017);
  }
}
