package vn.digicell.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The official Keycloak distribution (from Maven Central, built into {@code
 * deploy/local/target/keycloak}) unpacked once into the data dir and run in dev mode. Dev mode
 * keeps its H2 database inside the unpacked home, so users, sessions and the imported realm survive
 * restarts; the realm is imported on the first start only.
 */
final class KeycloakServer {

  static final String DISTRIBUTION = "deploy/local/target/keycloak/keycloak-quarkus-dist.tar.gz";

  /** DigiCell's themes (the login pages), copied into the distribution's themes folder. */
  static final String THEMES = "deploy/keycloak/themes";

  private static final Logger log = LoggerFactory.getLogger(KeycloakServer.class);
  private static final String IMPORTED_MARKER = ".digicell-realm-imported";

  private final Path home;
  private final Ports ports;
  private final Path logFile;

  private KeycloakServer(Path home, Ports ports, Path logFile) {
    this.home = home;
    this.ports = ports;
    this.logFile = logFile;
  }

  /** Unpacks the distribution if needed and prepares the realm import of a first start. */
  static KeycloakServer prepare(Path root, Path dataDir, Ports ports, ObjectNode realm)
      throws IOException, InterruptedException {
    Path home = unpackOnce(root.resolve(DISTRIBUTION), dataDir.resolve("keycloak"));
    KeycloakServer server = new KeycloakServer(home, ports, dataDir.resolve("logs/keycloak.log"));
    installThemes(root.resolve(THEMES), home.resolve("themes"));
    if (!server.realmImported()) {
      RealmFile.write(realm, home.resolve("data/import/digicell-realm.json"));
    }
    return server;
  }

  boolean realmImported() {
    return Files.exists(home.resolve(IMPORTED_MARKER));
  }

  /** Called once Keycloak answered for the realm: later starts skip the import entirely. */
  void markRealmImported() throws IOException {
    Files.writeString(home.resolve(IMPORTED_MARKER), "imported\n");
  }

  ChildProcess start() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/kc.sh").toString());
    command.add("start-dev");
    command.add("--http-port=" + ports.keycloak());
    // the management interface defaults to 9000, which other tools like to use too
    command.add("--http-management-port=" + ports.keycloakManagement());
    if (!realmImported()) {
      command.add("--import-realm");
    }
    String javaHome = System.getProperty("java.home");
    Map<String, String> env =
        Map.of(
            "JAVA_HOME",
            javaHome,
            "KC_BOOTSTRAP_ADMIN_USERNAME",
            KeycloakClient.BOOTSTRAP_ADMIN,
            "KC_BOOTSTRAP_ADMIN_PASSWORD",
            KeycloakClient.BOOTSTRAP_PASSWORD,
            "JAVA_OPTS_KC_HEAP",
            "-Xms64m -Xmx512m",
            // kc.sh selects G1 itself; the serial collector and C1 only roughly halve the
            // start time and the footprint on a 2-core machine, which matters more locally
            "JAVA_OPTS_APPEND",
            "-XX:-UseG1GC -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
            "KC_LOG_CONSOLE_COLOR",
            "false");
    log.debug("Starting Keycloak from {}", home);
    return ChildProcess.start("keycloak", command, home, env, logFile);
  }

  private static Path unpackOnce(Path tarball, Path keycloakDir)
      throws IOException, InterruptedException {
    Files.createDirectories(keycloakDir);
    removeInterruptedUnpacks(keycloakDir);
    Path existing = findHome(keycloakDir);
    if (existing != null) {
      return existing;
    }
    if (!Files.exists(tarball)) {
      throw new IOException(
          "The Keycloak distribution is missing: "
              + tarball
              + " (build it with ./mvnw -B -q -DskipTests install)");
    }
    log.info("Unpacking Keycloak into {}", keycloakDir);
    // unpack beside the final place and rename, so an interrupted unpack is never mistaken
    // for a complete one
    Path partial = Files.createTempDirectory(keycloakDir, "unpacking-");
    Process tar =
        new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", partial.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(tar.getInputStream().readAllBytes());
    if (!tar.waitFor(5, TimeUnit.MINUTES) || tar.exitValue() != 0) {
      throw new IOException("tar could not unpack " + tarball + ": " + output);
    }
    Path unpacked = findHome(partial);
    if (unpacked == null) {
      throw new IOException("no keycloak-* directory in " + tarball);
    }
    Path home = keycloakDir.resolve(unpacked.getFileName());
    Files.move(unpacked, home);
    Files.delete(partial);
    return home;
  }

  /**
   * Copies each theme afresh on every start, so an edited theme shows after a restart (dev mode
   * does not cache themes, so even a reload shows edits made in the Keycloak home).
   */
  static void installThemes(Path source, Path themesDir) throws IOException {
    if (!Files.isDirectory(source)) {
      return;
    }
    try (Stream<Path> themes = Files.list(source)) {
      for (Path theme : themes.filter(Files::isDirectory).toList()) {
        Path target = themesDir.resolve(theme.getFileName().toString());
        deleteTree(target);
        try (Stream<Path> tree = Files.walk(theme)) {
          for (Path file : tree.toList()) {
            Path copy = target.resolve(theme.relativize(file).toString());
            if (Files.isDirectory(file)) {
              Files.createDirectories(copy);
            } else {
              Files.copy(file, copy);
            }
          }
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(dir)) {
      for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void removeInterruptedUnpacks(Path keycloakDir) throws IOException {
    try (Stream<Path> children = Files.list(keycloakDir)) {
      for (Path partial :
          children.filter(p -> p.getFileName().toString().startsWith("unpacking-")).toList()) {
        try (Stream<Path> tree = Files.walk(partial)) {
          for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }
  }

  private static Path findHome(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children
          .filter(p -> p.getFileName().toString().startsWith("keycloak-"))
          .filter(p -> Files.isExecutable(p.resolve("bin/kc.sh")))
          .findFirst()
          .orElse(null);
    }
  }
}
