package vn.digicell.deploy.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Comparing Keycloak realm representations. */
final class Realms {

  private static final List<String> PORTAL_URL_FIELDS =
      List.of("rootUrl", "baseUrl", "redirectUris", "webOrigins", "adminUrl");

  private Realms() {}

  /** A deep copy without the client URLs that each deployment sets for its own host. */
  static Map<String, Object> withoutPortalUrls(Map<String, Object> realm) {
    Map<String, Object> copy = Repo.cast(deepCopy(realm));
    for (Map<String, Object> client : Repo.list(copy, "clients")) {
      PORTAL_URL_FIELDS.forEach(client::remove);
      if (client.get("attributes") instanceof Map<?, ?> attributes) {
        attributes.remove("post.logout.redirect.uris");
      }
    }
    return copy;
  }

  /** Users that could log in: any with credentials, or any that is not a service account. */
  static List<String> usersWithCredentials(Map<String, Object> realm) {
    List<String> found = new ArrayList<>();
    for (Map<String, Object> user : Repo.list(realm, "users")) {
      boolean serviceAccount = user.get("serviceAccountClientId") != null;
      boolean credentials = user.get("credentials") instanceof List<?> list && !list.isEmpty();
      if (credentials || !serviceAccount) {
        found.add(String.valueOf(user.get("username")));
      }
    }
    return found;
  }

  private static Object deepCopy(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
      return copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(deepCopy(v)));
      return copy;
    }
    return node;
  }
}
