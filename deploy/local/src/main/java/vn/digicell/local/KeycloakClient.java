package vn.digicell.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The few Keycloak calls the launcher, the demo loader and the e2e suite need: password-grant
 * tokens through the local-only {@code digicell-cli} client, and user administration through the
 * admin REST API with the local bootstrap admin of the master realm.
 */
public final class KeycloakClient {

  public static final String REALM = "digicell";
  public static final String CLI_CLIENT = "digicell-cli";
  static final String BOOTSTRAP_ADMIN = "admin";
  static final String BOOTSTRAP_PASSWORD = "admin";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI baseUrl;
  private final HttpClient http;

  public KeycloakClient(URI baseUrl) {
    this.baseUrl = baseUrl;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A user of realm {@code digicell}: what e2e needs to create someone like {@code newmember}. */
  public record NewUser(
      String username,
      String password,
      String firstName,
      String lastName,
      String email,
      List<String> realmRoles,
      Map<String, List<String>> attributes) {

    public NewUser {
      realmRoles = List.copyOf(realmRoles);
      attributes = Map.copyOf(attributes);
    }

    /** A member with names and an e-mail, which Keycloak's user profile asks of every user. */
    public static NewUser member(
        String username, String password, String memberId, String orgPath) {
      return new NewUser(
          username,
          password,
          "Đảng viên",
          username,
          username + "@demo.digicell.vn",
          List.of("member"),
          Map.of("member_id", List.of(memberId), "org_scope", List.of(orgPath)));
    }
  }

  /** An access token for a user of realm {@code digicell} (password grant, local only). */
  public String accessToken(String username, String password) {
    return token(REALM, CLI_CLIENT, username, password).path("access_token").asString();
  }

  /** The whole token response (access, refresh, expiry) for the same grant. */
  public JsonNode token(String realm, String clientId, String username, String password) {
    String form =
        form(
            Map.of(
                "grant_type", "password",
                "client_id", clientId,
                "username", username,
                "password", password,
                "scope", "openid"));
    HttpRequest request =
        HttpRequest.newBuilder(uri("/realms/" + realm + "/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() != 200) {
      throw new KeycloakException(
          "Keycloak refused a token for '%s' via %s (HTTP %d): %s"
              .formatted(username, clientId, response.statusCode(), response.body()));
    }
    return JSON.readTree(response.body());
  }

  /**
   * The user's attributes with {@code grants}: as given, or, when none are given, each realm role
   * on each {@code org_scope} path (a user whose roles all hold on the same paths).
   */
  static Map<String, List<String>> withGrants(NewUser user) {
    if (user.attributes().containsKey("grants")) {
      return user.attributes();
    }
    List<String> grants = new ArrayList<>();
    for (String path : user.attributes().getOrDefault("org_scope", List.of())) {
      for (String role : user.realmRoles()) {
        grants.add(role + ":" + path);
      }
    }
    Map<String, List<String>> attributes = new LinkedHashMap<>(user.attributes());
    attributes.put("grants", List.copyOf(grants));
    return attributes;
  }

  /** Creates a user with password, attributes and realm roles; returns its Keycloak id. */
  public String createUser(NewUser user) {
    String admin = adminToken();
    ObjectNode body = JSON.createObjectNode();
    body.put("username", user.username());
    body.put("enabled", true);
    body.put("firstName", user.firstName());
    body.put("lastName", user.lastName());
    body.put("email", user.email());
    body.put("emailVerified", true);
    body.set("attributes", JSON.valueToTree(withGrants(user)));
    ObjectNode credential = body.putArray("credentials").addObject();
    credential.put("type", "password");
    credential.put("value", user.password());
    credential.put("temporary", false);
    HttpResponse<String> created = admin(admin, "POST", "/users", body);
    if (created.statusCode() != 201) {
      throw new KeycloakException(
          "cannot create user %s (HTTP %d): %s"
              .formatted(user.username(), created.statusCode(), created.body()));
    }
    String location = created.headers().firstValue("Location").orElseThrow();
    String id = location.substring(location.lastIndexOf('/') + 1);
    if (!user.realmRoles().isEmpty()) {
      ArrayNode roles = JSON.createArrayNode();
      for (String role : user.realmRoles()) {
        HttpResponse<String> found = admin(admin, "GET", "/roles/" + encode(role), null);
        expect(found, 200, "read role " + role);
        roles.add(JSON.readTree(found.body()));
      }
      expect(
          admin(admin, "POST", "/users/" + id + "/role-mappings/realm", roles),
          204,
          "grant roles to " + user.username());
    }
    return id;
  }

  /**
   * Sets (replaces) the given attributes of a user and keeps the others. Keycloak replaces the
   * whole attribute map on update, so the user is read first.
   */
  public void setUserAttributes(String username, Map<String, List<String>> attributes) {
    String admin = adminToken();
    ObjectNode user = findUser(admin, username);
    Map<String, List<String>> merged = new LinkedHashMap<>();
    user.path("attributes")
        .properties()
        .forEach(
            e -> {
              List<String> values = new ArrayList<>();
              e.getValue().forEach(v -> values.add(v.asString()));
              merged.put(e.getKey(), values);
            });
    merged.putAll(attributes);
    user.set("attributes", JSON.valueToTree(merged));
    user.remove("userProfileMetadata");
    expect(
        admin(admin, "PUT", "/users/" + user.path("id").asString(), user),
        204,
        "update attributes of " + username);
  }

  /** The attributes Keycloak holds for a user, e.g. to check what the demo loader set. */
  public Map<String, List<String>> userAttributes(String username) {
    ObjectNode user = findUser(adminToken(), username);
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    user.path("attributes")
        .properties()
        .forEach(
            e -> {
              List<String> values = new ArrayList<>();
              e.getValue().forEach(v -> values.add(v.asString()));
              attributes.put(e.getKey(), values);
            });
    return attributes;
  }

  public Optional<String> userId(String username) {
    HttpResponse<String> found =
        admin(adminToken(), "GET", "/users?exact=true&username=" + encode(username), null);
    expect(found, 200, "find user " + username);
    JsonNode users = JSON.readTree(found.body());
    return users.isEmpty() ? Optional.empty() : Optional.of(users.get(0).path("id").asString());
  }

  private ObjectNode findUser(String admin, String username) {
    HttpResponse<String> found =
        admin(admin, "GET", "/users?exact=true&username=" + encode(username), null);
    expect(found, 200, "find user " + username);
    JsonNode users = JSON.readTree(found.body());
    if (users.isEmpty()) {
      throw new KeycloakException("no user '" + username + "' in realm " + REALM);
    }
    return (ObjectNode) users.get(0);
  }

  /** Keys of the realm that decide how its login pages look and speak. */
  static final List<String> REALM_LOOKS =
      List.of("loginTheme", "internationalizationEnabled", "supportedLocales", "defaultLocale");

  /** Sets the realm's login theme and languages to those of the realm file (a partial update). */
  public void updateRealmLooks(JsonNode realm) {
    ObjectNode looks = JSON.createObjectNode();
    for (String key : REALM_LOOKS) {
      if (realm.has(key)) {
        looks.set(key, realm.get(key));
      }
    }
    expect(admin(adminToken(), "PUT", "", looks), 204, "set the realm's login theme");
  }

  /**
   * Gives the imported realm's client the addresses the merged realm now allows (the second gateway
   * of {@code --replicas 2} on a data dir first started with one): redirect URIs, web origins and
   * post-logout URIs.
   */
  public void updateClientUrls(JsonNode realm, String clientId) {
    JsonNode wanted = null;
    for (JsonNode client : realm.path("clients")) {
      if (clientId.equals(client.path("clientId").asString())) {
        wanted = client;
      }
    }
    if (wanted == null) {
      return;
    }
    String admin = adminToken();
    HttpResponse<String> found = admin(admin, "GET", "/clients?clientId=" + clientId, null);
    expect(found, 200, "find client " + clientId);
    JsonNode existing = JSON.readTree(found.body()).path(0);
    if (!(existing instanceof ObjectNode client)) {
      return;
    }
    client.set("redirectUris", wanted.path("redirectUris"));
    client.set("webOrigins", wanted.path("webOrigins"));
    JsonNode logout = wanted.path("attributes").path("post.logout.redirect.uris");
    if (!logout.isMissingNode() && client.get("attributes") instanceof ObjectNode attributes) {
      attributes.set("post.logout.redirect.uris", logout);
    }
    expect(
        admin(admin, "PUT", "/clients/" + client.path("id").asString(), client),
        204,
        "update the addresses of client " + clientId);
  }

  private String adminToken() {
    return token("master", "admin-cli", BOOTSTRAP_ADMIN, BOOTSTRAP_PASSWORD)
        .path("access_token")
        .asString();
  }

  private HttpResponse<String> admin(String token, String method, String path, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/admin/realms/" + REALM + path))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    return send(request.build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new KeycloakException("Keycloak at " + baseUrl + " did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeycloakException("interrupted while calling Keycloak", e);
    }
  }

  private static void expect(HttpResponse<String> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new KeycloakException(
          "Keycloak could not %s (HTTP %d): %s"
              .formatted(what, response.statusCode(), response.body()));
    }
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A Keycloak call that failed, with Keycloak's own answer in the message. */
  public static final class KeycloakException extends RuntimeException {
    KeycloakException(String message) {
      super(message);
    }

    KeycloakException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
