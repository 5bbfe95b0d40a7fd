package vn.digicell.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.digicell.deploy.checks.Repo.at;
import static vn.digicell.deploy.checks.Repo.list;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * DigiCell's login theme reaches Keycloak in every overlay: the ConfigMap holds exactly the files
 * of deploy/keycloak/themes/digicell, and the Keycloak pod mounts each one back at its path.
 */
class LoginThemeTest {

  static final List<String> OVERLAYS = Repo.OVERLAYS;

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void keycloakMountsTheRepositorysLoginTheme(String overlay) throws IOException {
    Path theme = Repo.ROOT.resolve("deploy/keycloak/themes/digicell");
    Map<String, String> files = new HashMap<>();
    try (Stream<Path> tree = Files.walk(theme)) {
      for (Path file : tree.filter(Files::isRegularFile).toList()) {
        files.put(theme.relativize(file).toString().replace('\\', '/'), Files.readString(file));
      }
    }
    Repo.Rendered rendered = Repo.render(overlay);
    Map<String, Object> configMap = rendered.one("ConfigMap", "digicell-login-theme");
    Map<String, String> data = Repo.cast(at(configMap, "data"));
    Map<String, String> byPath = new HashMap<>();
    data.forEach((key, text) -> byPath.put(key.replace("__", "/"), text));
    assertThat(byPath)
        .as("login-theme.yaml is stale: run deploy/k8s/base/keycloak/regenerate-login-theme.sh")
        .isEqualTo(files);

    Map<String, Object> keycloak = rendered.one("Keycloak", "digicell-keycloak");
    Object pod = at(keycloak, "spec", "unsupported", "podTemplate", "spec");
    Map<String, Object> volume = list(pod, "volumes").getFirst();
    assertThat(at(volume, "configMap", "name")).isEqualTo("digicell-login-theme");
    Map<String, String> mounted = new HashMap<>();
    for (Map<String, Object> item : list(volume, "configMap", "items")) {
      mounted.put((String) item.get("key"), (String) item.get("path"));
    }
    Map<String, String> expected = new HashMap<>();
    files.keySet().forEach(path -> expected.put(path.replace("/", "__"), path));
    assertThat(mounted).isEqualTo(expected);
    Map<String, Object> mount = list(list(pod, "containers").getFirst(), "volumeMounts").getFirst();
    assertThat(mount.get("name")).isEqualTo(volume.get("name"));
    assertThat(mount.get("mountPath")).isEqualTo("/opt/keycloak/themes/digicell");
    Map<String, Object> realm = Repo.yamlFile("deploy/keycloak/digicell-realm.json");
    assertThat(realm.get("loginTheme")).isEqualTo("digicell");
  }
}
