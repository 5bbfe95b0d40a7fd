package vn.digicell.local;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The five DigiCell services the launcher runs as separate JVMs. */
public enum Service {
  MEMBER("member-service", "digicell-member"),
  MEETING("meeting-service", "digicell-meeting"),
  DOCUMENT("document-service", "digicell-document"),
  NOTIFICATION("notification-service", "digicell-notification"),
  GATEWAY("gateway", null);

  private final String module;
  private final String database;

  Service(String module, String database) {
    this.module = module;
    this.database = database;
  }

  public String module() {
    return module;
  }

  /** The service's own MongoDB database; the gateway keeps no data. */
  public Optional<String> database() {
    return Optional.ofNullable(database);
  }

  public Path jar(Path root) {
    return root.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT.jar");
  }

  /** The gateway has no readiness group of its own; the services expose Boot's readiness. */
  public String healthPath() {
    return this == GATEWAY ? "/actuator/health" : "/actuator/health/readiness";
  }

  /** Accepts "member", "member-service", "GATEWAY"… as typed on the command line. */
  public static Service parse(String name) {
    String normalised = name.trim().toLowerCase(Locale.ROOT).replace("-service", "");
    for (Service service : values()) {
      if (service.name().toLowerCase(Locale.ROOT).equals(normalised)) {
        return service;
      }
    }
    throw new IllegalArgumentException(
        "unknown service '" + name + "' (known: member, meeting, document, notification, gateway)");
  }
}
