package vn.digicell.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to start and where.
 *
 * @param root the repository root (service jars, realm files and the Keycloak distribution are
 *     found below it)
 * @param dataDir everything the platform persists: Kafka logs, Mongo files, Keycloak, logs
 * @param portOffset added to every fixed port (0 for a developer, 10000 for the e2e suite)
 * @param demo load the demo commune on first start
 * @param services which services to run; fewer than all is a development aid only
 * @param readyTimeout how long each component may take to become ready
 * @param replicas instances of each service and of the gateway: 1, or 2 to try what a cluster does
 *     (the second set on ports +10, same broker, store, Keycloak and Redis)
 * @param serviceArguments extra command-line arguments per service, after the platform's own (a
 *     test that must see in seconds what production waits minutes for, e.g. a shorter lease)
 */
public record PlatformOptions(
    Path root,
    Path dataDir,
    int portOffset,
    boolean demo,
    Set<Service> services,
    Duration readyTimeout,
    int replicas,
    Map<Service, List<String>> serviceArguments) {

  /** The most instances of each service the local platform starts. */
  public static final int MAX_REPLICAS = 2;

  public PlatformOptions {
    if (replicas < 1 || replicas > MAX_REPLICAS) {
      throw new IllegalArgumentException(
          "--replicas must be 1 or " + MAX_REPLICAS + ", not " + replicas);
    }
    root = root.toAbsolutePath().normalize();
    dataDir = dataDir.toAbsolutePath().normalize();
    // an EnumSet keeps the services in their declared order (the banner lists them so)
    services =
        Collections.unmodifiableSet(
            services.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(services));
    serviceArguments = Map.copyOf(serviceArguments);
  }

  /** The developer's platform: fixed ports, data under {@code <root>/data}, demo commune. */
  public static PlatformOptions defaults(Path root) {
    return new PlatformOptions(
        root,
        root.resolve("data"),
        0,
        true,
        EnumSet.allOf(Service.class),
        Duration.ofSeconds(240),
        1,
        Map.of());
  }

  /** The e2e suite's platform: ports +10000, so it can run beside a developer's platform. */
  public static PlatformOptions forEndToEndTests(Path root, Path dataDir, boolean demo) {
    // -Ddigicell.e2e.port-offset=N lets two checkouts run their end-to-end tests side by side
    int offset = Integer.getInteger("digicell.e2e.port-offset", 10000);
    return new PlatformOptions(
        root,
        dataDir,
        offset,
        demo,
        EnumSet.allOf(Service.class),
        Duration.ofSeconds(300),
        1,
        Map.of());
  }

  public PlatformOptions withDataDir(Path dir) {
    return new PlatformOptions(
        root, dir, portOffset, demo, services, readyTimeout, replicas, serviceArguments);
  }

  public PlatformOptions withPortOffset(int offset) {
    return new PlatformOptions(
        root, dataDir, offset, demo, services, readyTimeout, replicas, serviceArguments);
  }

  public PlatformOptions withDemo(boolean load) {
    return new PlatformOptions(
        root, dataDir, portOffset, load, services, readyTimeout, replicas, serviceArguments);
  }

  public PlatformOptions withServices(Set<Service> selected) {
    return new PlatformOptions(
        root, dataDir, portOffset, demo, selected, readyTimeout, replicas, serviceArguments);
  }

  public PlatformOptions withReadyTimeout(Duration timeout) {
    return new PlatformOptions(
        root, dataDir, portOffset, demo, services, timeout, replicas, serviceArguments);
  }

  public PlatformOptions withReplicas(int count) {
    return new PlatformOptions(
        root, dataDir, portOffset, demo, services, readyTimeout, count, serviceArguments);
  }

  /** Adds {@code arguments} to every instance of {@code service} this platform starts. */
  public PlatformOptions withArguments(Service service, String... arguments) {
    Map<Service, List<String>> all = new EnumMap<>(Service.class);
    all.putAll(serviceArguments);
    List<String> own = new ArrayList<>(all.getOrDefault(service, List.of()));
    own.addAll(List.of(arguments));
    all.put(service, List.copyOf(own));
    return new PlatformOptions(
        root, dataDir, portOffset, demo, services, readyTimeout, replicas, all);
  }

  /** The extra arguments of {@code service}: none unless a test added some. */
  public List<String> arguments(Service service) {
    return serviceArguments.getOrDefault(service, List.of());
  }

  public Ports ports() {
    return Ports.withOffset(portOffset);
  }
}
