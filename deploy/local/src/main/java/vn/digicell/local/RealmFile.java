package vn.digicell.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the realm Keycloak imports locally: the production realm ({@code deploy/keycloak}) with
 * the local-only overlay ({@code deploy/local/keycloak}) merged in. Keeping the demo users, the
 * password-grant client and the gateway secret out of the production file means that file can be
 * imported anywhere as it is.
 */
final class RealmFile {

  static final String PRODUCTION_REALM = "deploy/keycloak/digicell-realm.json";
  static final String LOCAL_OVERLAY = "deploy/local/keycloak/local-realm-overlay.json";

  /** Array elements with one of these fields are merged by it instead of appended. */
  private static final List<String> IDENTITY_KEYS =
      List.of("clientId", "username", "name", "alias");

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int DEFAULT_GATEWAY_PORT = 8080;

  private RealmFile() {}

  /** The merged realm for a platform whose gateway listens on {@code gatewayPort}. */
  static ObjectNode localRealm(Path root, int gatewayPort) throws IOException {
    return localRealm(root, List.of(gatewayPort));
  }

  /** The merged realm for a platform whose gateways (one per replica) listen on these ports. */
  static ObjectNode localRealm(Path root, List<Integer> gatewayPorts) throws IOException {
    ObjectNode realm = read(root.resolve(PRODUCTION_REALM));
    merge(realm, read(root.resolve(LOCAL_OVERLAY)));
    for (int port : gatewayPorts) {
      if (port != DEFAULT_GATEWAY_PORT) {
        allowGatewayPort(realm, port);
      }
    }
    return realm;
  }

  static void write(ObjectNode realm, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(realm));
  }

  static String gatewaySecret(ObjectNode realm) {
    return clientSecret(realm, "digicell-gateway");
  }

  /** The local secret of a confidential client of the merged realm. */
  static String clientSecret(ObjectNode realm, String clientId) {
    for (JsonNode client : realm.path("clients")) {
      if (clientId.equals(client.path("clientId").asString())) {
        return client.path("secret").asString();
      }
    }
    throw new IllegalStateException("the realm has no " + clientId + " client");
  }

  private static ObjectNode read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IOException("missing realm file " + file);
    }
    return (ObjectNode) JSON.readTree(Files.readString(file));
  }

  /** Objects merge field by field, keyed arrays element by element, other arrays as a union. */
  static void merge(ObjectNode target, ObjectNode overlay) {
    for (Map.Entry<String, JsonNode> field : overlay.properties()) {
      JsonNode existing = target.get(field.getKey());
      JsonNode incoming = field.getValue();
      if (existing instanceof ObjectNode existingObject && incoming instanceof ObjectNode in) {
        merge(existingObject, in);
      } else if (existing instanceof ArrayNode existingArray && incoming instanceof ArrayNode in) {
        mergeArray(existingArray, in);
      } else {
        target.set(field.getKey(), incoming.deepCopy());
      }
    }
  }

  private static void mergeArray(ArrayNode target, ArrayNode overlay) {
    for (JsonNode element : overlay) {
      JsonNode match = null;
      for (JsonNode candidate : target) {
        if (sameIdentity(candidate, element)
            || (!element.isObject() && candidate.equals(element))) {
          match = candidate;
          break;
        }
      }
      if (match == null) {
        target.add(element.deepCopy());
      } else if (match instanceof ObjectNode matchObject && element instanceof ObjectNode in) {
        merge(matchObject, in);
      }
    }
  }

  private static boolean sameIdentity(JsonNode a, JsonNode b) {
    if (!a.isObject() || !b.isObject()) {
      return false;
    }
    for (String key : IDENTITY_KEYS) {
      if (a.has(key) || b.has(key)) {
        return a.has(key) && b.has(key) && a.get(key).equals(b.get(key));
      }
    }
    return false;
  }

  /** Adds, for every client URL naming the default gateway port, the same URL on the new port. */
  private static void allowGatewayPort(ObjectNode realm, int port) {
    String from = "localhost:" + DEFAULT_GATEWAY_PORT;
    String to = "localhost:" + port;
    for (JsonNode node : realm.path("clients")) {
      ObjectNode client = (ObjectNode) node;
      for (String list : List.of("redirectUris", "webOrigins")) {
        if (client.get(list) instanceof ArrayNode uris) {
          List<String> extra = new ArrayList<>();
          uris.forEach(u -> extra.add(u.asString().replace(from, to)));
          extra.stream().filter(u -> !contains(uris, u)).forEach(uris::add);
        }
      }
      if (client.get("attributes") instanceof ObjectNode attributes
          && attributes.has("post.logout.redirect.uris")) {
        // Keycloak keeps several post-logout URIs in one attribute, separated by "##"
        String uris = attributes.get("post.logout.redirect.uris").asString();
        if (uris.contains(from) && !uris.contains(to)) {
          attributes.put("post.logout.redirect.uris", uris + "##" + uris.replace(from, to));
        }
      }
    }
  }

  private static boolean contains(ArrayNode array, String value) {
    for (JsonNode n : array) {
      if (n.asString().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
