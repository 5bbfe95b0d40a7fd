package vn.digicell.deploy.checks;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the container build files produce: image names and exposed ports. */
final class Images {

  private static final Pattern PROJECT_VERSION =
      Pattern.compile("<artifactId>digicell</artifactId>\\s*<version>([^<]+)</version>");

  private Images() {}

  static String version() {
    Matcher matcher = PROJECT_VERSION.matcher(Repo.read("pom.xml"));
    if (!matcher.find()) {
      throw new AssertionError("no project version in the root pom.xml");
    }
    return matcher.group(1);
  }

  /** The image a service's Dockerfile is built as, per its build comment and deploy files. */
  static String image(String service) {
    return "digicell/" + service + ":" + version();
  }

  /**
   * Whether an image reference names a version: a tag other than {@code latest} (or a digest), so a
   * restart never pulls something else.
   */
  static boolean pinned(String image) {
    if (image.contains("@sha256:")) {
      return true;
    }
    String last = image.substring(image.lastIndexOf('/') + 1);
    int colon = last.indexOf(':');
    return colon > 0 && colon < last.length() - 1 && !last.endsWith(":latest");
  }

  /** The one Dockerfile every service is built with (build arguments SERVICE and PORT). */
  static String dockerfile() {
    return Repo.read("deploy/images/Dockerfile");
  }

  /** The port a service's image serves on: the one Compose passes as its PORT build argument. */
  static int exposedPort(String service) {
    Map<String, Object> compose = Repo.yamlFile("deploy/compose/compose.yaml");
    Map<String, Object> services = Repo.cast(compose.get("services"));
    Map<String, Object> build =
        Repo.cast(Repo.<Map<String, Object>>cast(services.get(service)).get("build"));
    Map<String, Object> args = Repo.cast(build.get("args"));
    Object port = args.get("PORT");
    if (port == null) {
      throw new AssertionError(service + ": compose passes no PORT build argument");
    }
    return Integer.parseInt(port.toString());
  }
}
