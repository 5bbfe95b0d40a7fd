package vn.digicell.deploy.checks;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every credential that is public in this repository for local demos: the client secrets and user
 * passwords of deploy/local's realm overlay, the demo keys platform/web lists (those the local
 * platform passes to the services) and any key still written in a service's application.yml.
 */
final class DemoCredentials {

  private static final Pattern YAML_KEY =
      Pattern.compile(
          "(?m)^\\s*(encryption-key|hmac-key|secret|signing-key|client-secret|password):\\s*(\\S{12,})\\s*$");

  private static final String DEMO_SECRETS =
      "platform/web/src/main/resources/digicell-demo-secrets.properties";

  private DemoCredentials() {}

  static Set<String> all() {
    Set<String> found = new TreeSet<>();
    Map<String, Object> overlay = Repo.yamlFile("deploy/local/keycloak/local-realm-overlay.json");
    for (Map<String, Object> client : Repo.list(overlay, "clients")) {
      if (client.get("secret") instanceof String secret) {
        found.add(secret);
      }
    }
    for (Map<String, Object> user : Repo.list(overlay, "users")) {
      for (Map<String, Object> credential : Repo.list(user, "credentials")) {
        if (credential.get("value") instanceof String value && value.length() >= 8) {
          found.add(value);
        }
      }
    }
    for (String line : Repo.read(DEMO_SECRETS).split("\n")) {
      int cut = line.indexOf('=');
      if (line.isBlank() || line.startsWith("#") || cut < 0) {
        continue;
      }
      for (String value : line.substring(cut + 1).split(",")) {
        if (!value.isBlank()) {
          found.add(value.strip());
        }
      }
    }
    for (String service : Repo.SERVICES) {
      Matcher matcher =
          YAML_KEY.matcher(Repo.read(service + "/src/main/resources/application.yml"));
      while (matcher.find()) {
        found.add(matcher.group(2));
      }
    }
    if (found.size() < 5) {
      throw new AssertionError("expected the known demo secrets, found only " + found.size());
    }
    return found;
  }
}
