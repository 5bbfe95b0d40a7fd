package vn.digicell.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-command local platform: a real Kafka broker (KRaft) and the Mongo-compatible store in
 * this JVM, a real Keycloak and the five services as child processes, the demo commune on first
 * start. Run by {@code deploy/local/up.sh}; the e2e suite uses {@link #start(PlatformOptions)}.
 */
public final class LocalPlatform {

  private LocalPlatform() {}

  /**
   * Starts everything and returns once every component answers ready (and the demo commune is
   * loaded on a first start). On failure everything already started is stopped again.
   */
  public static RunningPlatform start(PlatformOptions options) {
    RunningPlatform platform = new RunningPlatform(options);
    platform.closeOnJvmExit();
    try {
      platform.boot();
      return platform;
    } catch (PlatformException e) {
      platform.close();
      throw e;
    } catch (Exception e) {
      platform.close();
      throw new PlatformException(e.getMessage() == null ? e.toString() : e.getMessage(), 1, e);
    }
  }

  public static void main(String[] args) {
    if (Runtime.version().feature() < 21) {
      System.err.println(
          "DigiCell needs Java 21 or newer; this is Java "
              + Runtime.version().feature()
              + ". Run deploy/local/up.sh, which finds a JDK 21+.");
      System.exit(1);
    }
    PlatformOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(64);
      return;
    }
    // logback reads these when the first logger is created, so they must be set before that.
    // The config has its own name so that code embedding the platform (e2e) keeps its own.
    System.setProperty("digicell.logs", options.dataDir().resolve("logs").toString());
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "digicell-local-logback.xml");
    }
    Logger log = LoggerFactory.getLogger(LocalPlatform.class);
    log.info("Starting DigiCell from {} (data in {})", options.root(), options.dataDir());

    RunningPlatform platform = new RunningPlatform(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              log.info("Stopping DigiCell…");
              platform.close();
              stopped.countDown();
            },
            "digicell-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      platform.boot();
    } catch (Exception e) {
      if (stopped.getCount() == 0) {
        return; // Ctrl-C while starting: the hook already stopped everything
      }
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      log.error("DigiCell did not start: {}", message);
      if (!(e instanceof PlatformException)) {
        log.debug("cause", e);
      }
      platform.close();
      Runtime.getRuntime().removeShutdownHook(hook);
      System.exit(e instanceof PlatformException p ? p.exitCode() : 1);
    }
    System.out.println(banner(platform));
    watch(platform, stopped, log);
  }

  /** Keeps the launcher alive and says so when a component dies after start-up. */
  private static void watch(RunningPlatform platform, CountDownLatch stopped, Logger log) {
    List<String> reported = new ArrayList<>();
    try {
      while (!stopped.await(
          Duration.ofSeconds(2).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        for (String dead : platform.deadComponents()) {
          if (!reported.contains(dead)) {
            reported.add(dead);
            log.warn("{} has stopped; the rest keeps running", dead);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String banner(RunningPlatform platform) {
    Endpoints e = platform.endpoints();
    Set<Service> services = platform.options().services();
    StringBuilder b = new StringBuilder();
    b.append(System.lineSeparator())
        .append(
            "DigiCell is up: ready in %.1f s, resident memory %s (launcher and all its processes)"
                .formatted(
                    platform.startupTime().toMillis() / 1000.0,
                    ResidentMemory.format(platform.residentMemoryBytes())))
        .append(System.lineSeparator())
        .append(System.lineSeparator());
    if (services.contains(Service.GATEWAY)) {
      line(b, "Portal", e.gateway().toString());
    }
    line(b, "Keycloak console", e.keycloak() + "/admin  (admin / admin, local only)");
    for (Service service : services) {
      if (service != Service.GATEWAY) {
        line(b, service.module(), e.service(service).toString());
      }
    }
    for (int n = 2; n <= platform.options().replicas(); n++) {
      Ports replica = platform.ports().replica(n);
      if (services.contains(Service.GATEWAY)) {
        line(b, "Portal, replica " + n, "http://localhost:" + replica.gateway());
      }
      for (Service service : services) {
        if (service != Service.GATEWAY) {
          line(b, service.module() + " " + n, "http://localhost:" + replica.of(service));
        }
      }
    }
    if (services.contains(Service.NOTIFICATION)) {
      Ports p = platform.ports();
      line(b, "SMTP (GreenMail)", "localhost:" + p.smtp());
      line(b, "Mails received", "http://localhost:" + p.mailViewer() + "/mails");
      line(b, "SMS/Zalo stand-in", "http://localhost:" + p.providers() + "/messages");
    }
    if (services.contains(Service.GATEWAY)) {
      line(b, "Redis (sessions)", "localhost:" + platform.ports().redis());
    }
    line(b, "Kafka", e.kafkaBootstrapServers());
    line(b, "Mongo", e.mongoUri());
    b.append(System.lineSeparator());
    line(b, "Demo logins", "admin, commune, secretary, member, analyst (password: demo)");
    platform
        .demo()
        .ifPresent(
            d ->
                line(
                    b,
                    "Demo commune",
                    "%s: %d org units, %d members"
                        .formatted(
                            platform.demoLoadedNow() ? "loaded now" : "loaded earlier",
                            d.orgUnits(),
                            d.members())));
    EnumSet<Service> skipped = EnumSet.allOf(Service.class);
    skipped.removeAll(services);
    if (!skipped.isEmpty()) {
      line(
          b,
          "Not started",
          skipped.stream().map(Service::module).toList() + " (development option --services)");
    }
    line(b, "Data", platform.options().dataDir().toString());
    line(b, "Logs", platform.options().dataDir().resolve("logs").toString());
    b.append(System.lineSeparator()).append("Press Ctrl-C to stop everything.");
    return b.toString();
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append("  %-22s %s".formatted(label, value)).append(System.lineSeparator());
  }

  static final String USAGE =
      """
      Usage: LocalPlatform [--root DIR] [--data DIR] [--no-demo] [--port-offset N]
                           [--replicas 1|2] [--services all|none|member,meeting,...]
        --root DIR          the repository root (default: current directory)
        --data DIR          where everything is kept (default: <root>/data)
        --no-demo           do not load the demo commune on a first start
        --port-offset N     shift every port by N (the e2e suite uses 10000)
        --replicas 2        two of each service and two gateways, as in a cluster: the second
                            set on ports +10 (portal :8090), same broker, store, Keycloak, Redis
        --services LIST     development only: start just these services (default all)
      """;

  static PlatformOptions parse(String[] args) {
    Path root = Path.of("").toAbsolutePath();
    Path data = null;
    boolean demo = true;
    int offset = 0;
    int replicas = 1;
    Set<Service> services = EnumSet.allOf(Service.class);
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    while (!rest.isEmpty()) {
      String arg = rest.removeFirst();
      String value = null;
      if (arg.startsWith("--") && arg.contains("=")) {
        value = arg.substring(arg.indexOf('=') + 1);
        arg = arg.substring(0, arg.indexOf('='));
      }
      switch (arg) {
        case "--root" -> root = Path.of(value(arg, value, rest));
        case "--data" -> data = Path.of(value(arg, value, rest));
        case "--no-demo" -> demo = false;
        case "--port-offset" -> offset = Integer.parseInt(value(arg, value, rest));
        case "--replicas" -> replicas = Integer.parseInt(value(arg, value, rest));
        case "--services" -> services = services(value(arg, value, rest));
        case "-h", "--help" -> throw new IllegalArgumentException("DigiCell local platform");
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("--root " + root + " is not a directory");
    }
    PlatformOptions options =
        PlatformOptions.defaults(root)
            .withDemo(demo)
            .withPortOffset(offset)
            .withServices(services)
            .withReplicas(replicas);
    return data == null ? options : options.withDataDir(data);
  }

  private static Set<Service> services(String list) {
    String value = list.trim().toLowerCase(Locale.ROOT);
    if (value.equals("all")) {
      return EnumSet.allOf(Service.class);
    }
    if (value.equals("none")) {
      return EnumSet.noneOf(Service.class);
    }
    Set<Service> selected = EnumSet.noneOf(Service.class);
    for (String name : value.split(",")) {
      selected.add(Service.parse(name));
    }
    return selected;
  }

  private static String value(String option, String inline, List<String> rest) {
    if (inline != null) {
      return inline;
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return rest.removeFirst();
  }
}
