package vn.digicell.member.position;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keycloak's admin REST API, as member-service's service account uses it: find the login whose
 * {@code member_id} attribute names a member, set its {@code grants} (keeping those administrators
 * gave: only what the last sync wrote, remembered in {@code synced_grants}, is taken back) and its
 * {@code org_scope}, and grant or withdraw the realm roles positions bring. Failures throw, so the
 * caller's event is retried, then dead-lettered.
 */
public class KeycloakUsers {

  /**
   * {@code digicell.member.keycloak.*}.
   *
   * @param enabled whether positions are synced to Keycloak at all
   */
  @ConfigurationProperties("digicell.member.keycloak")
  public record Settings(
      boolean enabled, String baseUrl, String realm, String clientId, String clientSecret) {
    public Settings {
      baseUrl = baseUrl == null ? "http://localhost:8180" : baseUrl.replaceAll("/+$", "");
      realm = realm == null ? "digicell" : realm;
      clientId = clientId == null ? "digicell-member-service" : clientId;
    }
  }

  private static final JsonMapper JSON = JsonMapper.shared();

  private final Settings settings;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public KeycloakUsers(Settings settings) {
    this.settings = settings;
  }

  /** Applies {@code access} to the login of {@code memberId}; false when the member has none. */
  public boolean apply(String memberId, PositionAccess access) {
    String token = serviceToken();
    Optional<ObjectNode> found = findByMemberId(token, memberId);
    if (found.isEmpty()) {
      return false;
    }
    ObjectNode user = found.get();
    String userId = user.path("id").asString();
    ObjectNode attributes =
        user.has("attributes") ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
    List<String> grants =
        mergeGrants(
            values(attributes.path(GRANTS)),
            values(attributes.path(SYNCED_GRANTS)),
            access.grants());
    ArrayNode grantValues = attributes.putArray(GRANTS);
    grants.forEach(grantValues::add);
    ArrayNode synced = attributes.putArray(SYNCED_GRANTS);
    access.grants().forEach(synced::add);
    // kept for the migration window: readable, never the basis of a decision
    ArrayNode scope = attributes.putArray("org_scope");
    access.orgScope().forEach(scope::add);
    send(token, "PUT", admin("/users/" + userId), user.toString());

    Set<String> current = new java.util.HashSet<>();
    for (JsonNode role :
        JSON.readTree(
            send(token, "GET", admin("/users/" + userId + "/role-mappings/realm"), null))) {
      current.add(role.path("name").asString());
    }
    List<JsonNode> grant = new ArrayList<>();
    List<JsonNode> withdraw = new ArrayList<>();
    for (String role : PositionAccess.MANAGED_ROLES) {
      boolean wanted = access.roles().contains(role);
      if (wanted && !current.contains(role)) {
        grant.add(role(token, role));
      } else if (!wanted && current.contains(role)) {
        withdraw.add(role(token, role));
      }
    }
    String mappings = admin("/users/" + userId + "/role-mappings/realm");
    if (!grant.isEmpty()) {
      send(token, "POST", mappings, JSON.writeValueAsString(grant));
    }
    if (!withdraw.isEmpty()) {
      send(token, "DELETE", mappings, JSON.writeValueAsString(withdraw));
    }
    return true;
  }

  /** The user attribute tokens carry as the {@code grants} claim. */
  static final String GRANTS = "grants";

  /** The grants the last sync wrote: what the next sync may take back, and nothing else. */
  static final String SYNCED_GRANTS = "synced_grants";

  /**
   * The user's new grants: what they hold now, less what the last sync wrote, plus what their
   * record gives them today. Grants given by administrators (never written by a sync) are kept.
   */
  static List<String> mergeGrants(
      List<String> current, List<String> previouslySynced, List<String> computed) {
    java.util.LinkedHashSet<String> merged = new java.util.LinkedHashSet<>(current);
    merged.removeAll(previouslySynced);
    merged.addAll(computed);
    return List.copyOf(merged);
  }

  private static List<String> values(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }

  private Optional<ObjectNode> findByMemberId(String token, String memberId) {
    String query = URLEncoder.encode("member_id:" + memberId, StandardCharsets.UTF_8);
    JsonNode users = JSON.readTree(send(token, "GET", admin("/users?exact=true&q=" + query), null));
    for (JsonNode u : users) {
      // the search may match more loosely than asked: check the attribute itself
      for (JsonNode value : u.path("attributes").path("member_id")) {
        if (memberId.equals(value.asString())) {
          return Optional.of(
              (ObjectNode)
                  JSON.readTree(
                      send(token, "GET", admin("/users/" + u.path("id").asString()), null)));
        }
      }
    }
    return Optional.empty();
  }

  private JsonNode role(String token, String name) {
    return JSON.readTree(send(token, "GET", admin("/roles/" + name), null));
  }

  private String serviceToken() {
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(String.valueOf(settings.clientSecret()), StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    settings.baseUrl()
                        + "/realms/"
                        + settings.realm()
                        + "/protocol/openid-connect/token"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return JSON.readTree(exchange(request)).path("access_token").asString();
  }

  private String admin(String path) {
    return settings.baseUrl() + "/admin/realms/" + settings.realm() + path;
  }

  private String send(String token, String method, String url, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return exchange(request.build());
  }

  private String exchange(HttpRequest request) {
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            "Keycloak answered "
                + response.statusCode()
                + " to "
                + request.method()
                + " "
                + request.uri().getPath());
      }
      return response.body().isEmpty() ? "[]" : response.body();
    } catch (IOException e) {
      throw new IllegalStateException("Keycloak unreachable at " + settings.baseUrl(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
