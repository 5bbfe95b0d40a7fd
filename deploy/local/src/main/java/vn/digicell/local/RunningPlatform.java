package vn.digicell.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A started local platform: Kafka and the Mongo-compatible store in this JVM, Keycloak and the
 * services as child processes. Closing it stops everything it started, descendants included. Obtain
 * one from {@link LocalPlatform#start(PlatformOptions)}.
 */
public final class RunningPlatform implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RunningPlatform.class);
  private static final String DEMO_MARKER = ".demo-loaded";
  private static final Duration POLL = Duration.ofMillis(250);
  private static final tools.jackson.databind.json.JsonMapper JSON =
      tools.jackson.databind.json.JsonMapper.builder().build();

  /** Small, measured JVM settings: seven JVMs share a 2-core, few-GiB developer machine. */
  static final List<String> SERVICE_JVM_OPTIONS =
      List.of(
          "-Xms32m",
          "-Xmx256m",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Xss512k",
          "-XX:MaxMetaspaceSize=192m",
          "-XX:ReservedCodeCacheSize=64m",
          "-Dfile.encoding=UTF-8",
          // compression codecs load native code; say it is intended instead of warning
          "--enable-native-access=ALL-UNNAMED");

  private final PlatformOptions options;
  private final Endpoints endpoints;
  private final KeycloakClient keycloak;
  private final Instant startedAt = Instant.now();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<ChildProcess> children = new ArrayList<>();
  private final Orphans orphans;
  private Thread shutdownHook;
  private final Map<String, Duration> readyAfter = new LinkedHashMap<>();
  private volatile EmbeddedKafka kafka;
  private volatile EmbeddedMongo mongo;
  private volatile LocalChannels channels;
  private Duration startupTime;
  private Optional<LoadedDemo> demo = Optional.empty();
  private boolean demoLoadedNow;
  private boolean closed;
  private volatile Supervisor supervisor;

  RunningPlatform(PlatformOptions options) {
    this.options = options;
    this.endpoints = new Endpoints(options.ports());
    this.keycloak = new KeycloakClient(endpoints.keycloak());
    this.orphans = new Orphans(options.dataDir());
  }

  /**
   * Stops everything when the JVM exits without {@link #close()}, e.g. a test run cut short: child
   * processes would otherwise outlive it.
   */
  synchronized void closeOnJvmExit() {
    shutdownHook = new Thread(this::close, "digicell-platform-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  public PlatformOptions options() {
    return options;
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  public Ports ports() {
    return options.ports();
  }

  public KeycloakClient keycloak() {
    return keycloak;
  }

  /** An access token for a demo login ({@code admin}, {@code secretary}…, password demo). */
  public String accessToken(String username) {
    return keycloak.accessToken(username, "demo");
  }

  public String accessToken(String username, String password) {
    return keycloak.accessToken(username, password);
  }

  /** Creates a Keycloak user in realm digicell; returns its Keycloak id. */
  public String createUser(KeycloakClient.NewUser user) {
    return keycloak.createUser(user);
  }

  /** From {@link LocalPlatform#start} to the moment everything answered ready. */
  public Duration startupTime() {
    return startupTime;
  }

  /** When each component answered ready, counted from the start. */
  public Map<String, Duration> readyAfter() {
    return Map.copyOf(readyAfter);
  }

  /** The demo commune in this data dir, whether loaded on this start or an earlier one. */
  public Optional<LoadedDemo> demo() {
    return demo;
  }

  /** Whether this start loaded the demo commune (the first start of a data dir). */
  public boolean demoLoadedNow() {
    return demoLoadedNow;
  }

  /** VmRSS of this JVM plus every process below it (Linux; 0 elsewhere). */
  public long residentMemoryBytes() {
    return ResidentMemory.ofLauncherTreeBytes();
  }

  public Path logFile(String component) {
    return options.dataDir().resolve("logs").resolve(component + ".log");
  }

  /** The children that have exited although nobody asked them to. */
  public synchronized List<String> deadComponents() {
    return closed
        ? List.of()
        : children.stream()
            .filter(c -> !c.isAlive())
            .map(c -> c.name() + " (exit " + c.exitValue() + ", log " + c.logFile() + ")")
            .toList();
  }

  void boot() throws Exception {
    checkJava();
    checkFiles();
    if (options.services().contains(Service.GATEWAY) && RedisServer.binary().isEmpty()) {
      throw new PlatformException(RedisServer.NOT_FOUND, 2, null);
    }
    int leftovers = orphans.stopLeftovers();
    if (leftovers > 0) {
      log.info("Stopped {} processes an earlier run left behind", leftovers);
    }
    List<String> taken =
        PortCheck.takenPorts(PortCheck.portsOf(ports(), options.services(), options.replicas()));
    if (!taken.isEmpty()) {
      String nl = System.lineSeparator();
      throw new PlatformException(
          "cannot start, ports already in use:"
              + nl
              + "  "
              + String.join(nl + "  ", taken)
              + nl
              + "Stop what holds them and try again (or use --port-offset / another --data).",
          2,
          null);
    }
    Path data = options.dataDir();
    if (options.demo()) {
      Optional<Path> aside = InterruptedDemoLoad.setAside(data, DEMO_MARKER);
      aside.ifPresent(
          folder ->
              log.warn(
                  "The last first start stopped while loading the demo commune: what it had"
                      + " loaded is set aside in {}, and the demo loads again from the beginning",
                  folder));
    }
    Files.createDirectories(data.resolve("logs"));
    List<Integer> gatewayPorts = new ArrayList<>();
    for (int n = 1; n <= options.replicas(); n++) {
      gatewayPorts.add(ports().replica(n).gateway());
    }
    ObjectNode realm = RealmFile.localRealm(options.root(), gatewayPorts);

    // unpacking Keycloak takes a few seconds on a first start: overlap it with Kafka's start
    CompletableFuture<KeycloakServer> keycloakServer =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return KeycloakServer.prepare(options.root(), data, ports(), realm);
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            });
    mongo = adopt(EmbeddedMongo.start(data.resolve("mongo"), ports().mongo()));
    ready("mongo");
    log.info("Mongo-compatible store listening on {}", endpoints.mongoUri());
    kafka =
        adopt(
            EmbeddedKafka.start(data.resolve("kafka"), ports().kafka(), ports().kafkaController()));
    ready("kafka");
    log.info("Kafka broker listening on {}", endpoints.kafkaBootstrapServers());
    if (options.services().contains(Service.NOTIFICATION)) {
      channels = adopt(LocalChannels.start(ports(), endpoints.service(Service.NOTIFICATION)));
      ready("channels");
      log.info(
          "Local SMTP server on localhost:{} (mails: http://localhost:{}/mails), stand-in SMS/Zalo"
              + " provider on http://localhost:{} (messages: /messages)",
          ports().smtp(),
          ports().mailViewer(),
          ports().providers());
    }

    ChildProcess redis = null;
    if (options.services().contains(Service.GATEWAY)) {
      redis = launch(() -> RedisServer.start(data, ports().redis(), logFile("redis")));
      RedisServer.awaitPong(ports().redis(), redis, Duration.ofSeconds(20));
      ready("redis");
      log.info("Redis (the gateway's sessions) listening on localhost:{}", ports().redis());
    }

    KeycloakServer kc = join(keycloakServer);
    ChildProcess keycloakProcess = launch(kc::start);
    Map<ChildProcess, URI> pending = new LinkedHashMap<>();
    pending.put(
        keycloakProcess, URI.create(endpoints.issuer() + "/.well-known/openid-configuration"));
    Map<Service, ChildProcess> services = new EnumMap<>(Service.class);
    Map<Service, ChildProcess> secondReplicas = new EnumMap<>(Service.class);
    for (Service service : options.services()) {
      // the gateway resolves the issuer when it starts, so it waits for Keycloak
      if (service != Service.GATEWAY) {
        ChildProcess child = launch(() -> startService(service, realm));
        services.put(service, child);
        pending.put(child, healthUri(service));
        if (options.replicas() > 1) {
          ChildProcess second = launch(() -> startService(service, realm, 2));
          secondReplicas.put(service, second);
          pending.put(second, healthUri(service, 2));
        }
      }
    }
    awaitReady(
        pending,
        readyOne -> {
          if (readyOne == keycloakProcess) {
            if (!kc.realmImported()) {
              kc.markRealmImported();
            } else {
              // a realm imported by an older release: give it the login theme and languages
              keycloak.updateRealmLooks(realm);
              if (options.replicas() > 1) {
                // imported for one gateway: let the second one take logins and logouts too
                keycloak.updateClientUrls(realm, "digicell-gateway");
              }
            }
            if (options.services().contains(Service.GATEWAY)) {
              ChildProcess gateway = launch(() -> startService(Service.GATEWAY, realm));
              services.put(Service.GATEWAY, gateway);
              Map<ChildProcess, URI> gateways = new LinkedHashMap<>();
              gateways.put(gateway, healthUri(Service.GATEWAY));
              if (options.replicas() > 1) {
                ChildProcess second = launch(() -> startService(Service.GATEWAY, realm, 2));
                secondReplicas.put(Service.GATEWAY, second);
                gateways.put(second, healthUri(Service.GATEWAY, 2));
              }
              return gateways;
            }
          }
          return Map.of();
        });
    // kc.sh starts Keycloak's JVM as its child: record it too now that it exists
    recordChildren();
    supervise(keycloakProcess, redis, kc, services, secondReplicas, realm);
    loadDemoOnce(services);
    startupTime = Duration.between(startedAt, Instant.now());
  }

  /** From here on a child that dies is started again (see {@link Supervisor}). */
  private void supervise(
      ChildProcess keycloakProcess,
      ChildProcess redis,
      KeycloakServer kc,
      Map<Service, ChildProcess> services,
      Map<Service, ChildProcess> secondReplicas,
      ObjectNode realm) {
    Map<ChildProcess, Supervisor.Restart> watched = new LinkedHashMap<>();
    secondReplicas.forEach(
        (service, child) ->
            watched.put(child, () -> launch(() -> startService(service, realm, 2))));
    watched.put(keycloakProcess, () -> launch(kc::start));
    if (redis != null) {
      watched.put(
          redis,
          () ->
              launch(
                  () -> RedisServer.start(options.dataDir(), ports().redis(), logFile("redis"))));
    }
    services.forEach(
        (service, child) -> watched.put(child, () -> launch(() -> startService(service, realm))));
    supervisor = Supervisor.watch(watched);
  }

  /** How often the supervisor restarted this service since the platform started. */
  public int restarts(Service service) {
    Supervisor s = supervisor;
    return s == null ? 0 : s.current(service.module()).map(c -> s.restarts(c.name())).orElse(0);
  }

  /** The process id of the JVM now running this service (to kill it in a test). */
  public Optional<ProcessHandle> process(Service service) {
    Supervisor s = supervisor;
    return s == null ? Optional.empty() : s.current(service.module()).map(ChildProcess::handle);
  }

  private void loadDemoOnce(Map<Service, ChildProcess> services) throws Exception {
    Path marker = options.dataDir().resolve(DEMO_MARKER);
    if (Files.exists(marker)) {
      demo = Optional.of(JSON.readValue(Files.readString(marker), LoadedDemo.class));
      return;
    }
    if (!options.demo()) {
      return;
    }
    if (!services.containsKey(Service.MEMBER)) {
      log.warn("Demo commune not loaded: member-service is not running in this start");
      return;
    }
    log.info("First start: loading the demo commune through member-service");
    InterruptedDemoLoad.begin(options.dataDir());
    try {
      demo =
          Optional.of(
              new DemoLoader(
                      endpoints.service(Service.MEMBER),
                      services.containsKey(Service.DOCUMENT)
                          ? endpoints.service(Service.DOCUMENT)
                          : null,
                      services.containsKey(Service.MEETING)
                          ? endpoints.service(Service.MEETING)
                          : null,
                      keycloak)
                  .load());
    } catch (DemoLoader.DemoLoadException | KeycloakClient.KeycloakException e) {
      throw new PlatformException(
          "Loading the demo commune failed: "
              + e.getMessage()
              + System.lineSeparator()
              + "The next start sets what was loaded so far aside and loads the demo again"
              + " from the beginning; start with --no-demo to skip it.",
          1,
          e);
    }
    demoLoadedNow = true;
    Files.writeString(marker, JSON.writeValueAsString(demo.get()));
    InterruptedDemoLoad.finished(options.dataDir());
  }

  private ChildProcess startService(Service service, ObjectNode realm) throws IOException {
    return startService(service, realm, 1);
  }

  /** Replica {@code n} of a service: its own port and log, everything else shared. */
  private ChildProcess startService(Service service, ObjectNode realm, int n) throws IOException {
    Path jar = service.jar(options.root());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(SERVICE_JVM_OPTIONS);
    if (Runtime.version().feature() >= 24) {
      // Netty still uses sun.misc.Unsafe; without this every service logs a warning block
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-jar");
    command.add(jar.toString());
    command.add("--server.port=" + ports().replica(n).of(service));
    command.add("--digicell.security.issuer-uri=" + endpoints.issuer());
    // no jar carries a secret: the demo ones are passed here, and allowed as a local demo
    command.add(DemoSecrets.ALLOW);
    command.addAll(DemoSecrets.of(service));
    if (service == Service.GATEWAY) {
      command.add("--digicell.gateway.client-secret=" + RealmFile.gatewaySecret(realm));
      // sessions in the local Redis, as in production: any gateway replica serves any browser
      command.add("--spring.data.redis.host=localhost");
      command.add("--spring.data.redis.port=" + ports().redis());
      String portalDir = System.getenv("DIGICELL_PORTAL_DIR");
      if (portalDir != null && !portalDir.isBlank()) {
        // portal development: serve the portal's source files live instead of the jar's copy
        Path portal = Path.of(portalDir).toAbsolutePath().normalize();
        command.add("--spring.web.resources.static-locations=file:" + portal + "/");
        // and its texts, next to the static folder (src/main/resources), read on every request
        command.add("--digicell.portal.messages-location=file:" + portal.getParent() + "/");
      }
      for (Service routed :
          List.of(Service.MEMBER, Service.MEETING, Service.DOCUMENT, Service.NOTIFICATION)) {
        // each gateway replica routes to the services' replica of the same number
        command.add(
            "--digicell.routes.%s=http://localhost:%d"
                .formatted(
                    routed.name().toLowerCase(java.util.Locale.ROOT),
                    ports().replica(n).of(routed)));
      }
    } else {
      if (service == Service.MEMBER) {
        // positions recorded in member-service keep users' org_scope in step (Keycloak admin API)
        command.add("--digicell.member.keycloak.enabled=true");
        command.add("--digicell.member.keycloak.base-url=" + endpoints.keycloak());
        command.add(
            "--digicell.member.keycloak.client-secret="
                + RealmFile.clientSecret(realm, "digicell-member-service"));
      }
      command.add("--spring.kafka.bootstrap-servers=" + endpoints.kafkaBootstrapServers());
      command.add("--spring.mongodb.uri=" + endpoints.mongoUri(service.database().orElseThrow()));
      if (service == Service.NOTIFICATION) {
        // deliveries go to the in-process SMTP server and the stand-in SMS/Zalo provider
        command.add("--spring.mail.host=localhost");
        command.add("--spring.mail.port=" + ports().smtp());
        String provider = "http://localhost:" + ports().providers();
        command.add("--digicell.notification.sms.base-url=" + provider + "/sms");
        command.add("--digicell.notification.zalo.base-url=" + provider + "/zalo");
        command.add("--digicell.notification.portal-url=" + endpoints.gateway());
        // feedback stays with the commune until the deadline it shows (the service's own rule,
        // as in production); the check runs often so a passed deadline moves it up promptly
        command.add("--digicell.notification.feedback.escalate-every=PT30S");
      }
      if (service == Service.DOCUMENT) {
        // one commune on one machine: a sealed record's checkpoint within seconds, not a minute
        command.add("--digicell.ledger.checkpoint-interval=PT5S");
        // printed QR codes lead to this platform's portal (also on the test ports)
        command.add("--digicell.documents.public-base-url=" + endpoints.gateway());
      }
      // Boot only adds the readiness group by itself on Kubernetes
      command.add("--management.endpoint.health.probes.enabled=true");
    }
    command.addAll(options.arguments(service));
    String name = n == 1 ? service.module() : service.module() + "-" + n;
    return ChildProcess.start(name, command, options.root(), Map.of(), logFile(name));
  }

  private URI healthUri(Service service) {
    return healthUri(service, 1);
  }

  private URI healthUri(Service service, int n) {
    return URI.create("http://localhost:" + ports().replica(n).of(service) + service.healthPath());
  }

  interface Launch {
    ChildProcess start() throws IOException;
  }

  interface OnReady {
    Map<ChildProcess, URI> apply(ChildProcess ready) throws IOException;
  }

  /** Keeps an in-process component, or stops it at once when Ctrl-C came while it started. */
  private <T extends AutoCloseable> T adopt(T component) throws Exception {
    synchronized (this) {
      if (!closed) {
        return component;
      }
    }
    component.close();
    throw new PlatformException("stopped while starting");
  }

  /** Registers a child before anything can go wrong, so close() always knows about it. */
  private ChildProcess launch(Launch launch) throws IOException {
    synchronized (this) {
      if (closed) {
        throw new PlatformException("stopped while starting");
      }
      ChildProcess child = launch.start();
      children.add(child);
      recordChildren();
      return child;
    }
  }

  /**
   * Polls every pending component until it answers 200, failing fast with the tail of its log when
   * one dies: a crashed service must not make people wait for a time-out.
   */
  private void awaitReady(Map<ChildProcess, URI> pending, OnReady onReady) throws Exception {
    Map<ChildProcess, URI> waiting = new LinkedHashMap<>(pending);
    Instant deadline = Instant.now().plus(options.readyTimeout());
    while (!waiting.isEmpty()) {
      synchronized (this) {
        if (closed) {
          throw new PlatformException("stopped while starting");
        }
      }
      for (Map.Entry<ChildProcess, URI> entry : List.copyOf(waiting.entrySet())) {
        ChildProcess child = entry.getKey();
        if (!child.isAlive()) {
          throw new PlatformException(
              "%s exited with code %d during start-up. Last lines of %s:%n%s"
                  .formatted(child.name(), child.exitValue(), child.logFile(), child.logTail(40)));
        }
        if (answers200(entry.getValue())) {
          waiting.remove(child);
          ready(child.name());
          log.info(
              "{} ready ({} s)",
              child.name(),
              "%.1f".formatted(readyAfter.get(child.name()).toMillis() / 1000.0));
          waiting.putAll(onReady.apply(child));
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new PlatformException(
            "Not ready after %d s: %s. See %s"
                .formatted(
                    options.readyTimeout().toSeconds(),
                    waiting.keySet().stream().map(ChildProcess::name).toList(),
                    options.dataDir().resolve("logs")));
      }
      Thread.sleep(POLL);
    }
  }

  private boolean answers200(URI uri) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void recordChildren() throws IOException {
    orphans.record(children.stream().map(ChildProcess::handle).toList());
  }

  private void ready(String component) {
    readyAfter.put(component, Duration.between(startedAt, Instant.now()));
  }

  private static void checkJava() {
    int feature = Runtime.version().feature();
    if (feature < 21) {
      throw new PlatformException(
          "DigiCell needs Java 21 or newer, but this is Java "
              + feature
              + " ("
              + System.getProperty("java.home")
              + "). Run deploy/local/up.sh, which finds a JDK 21+.");
    }
  }

  private void checkFiles() {
    List<String> missing = new ArrayList<>();
    for (Service service : options.services()) {
      if (!Files.exists(service.jar(options.root()))) {
        missing.add(service.jar(options.root()).toString());
      }
    }
    for (String file : List.of(RealmFile.PRODUCTION_REALM, RealmFile.LOCAL_OVERLAY)) {
      if (!Files.exists(options.root().resolve(file))) {
        missing.add(options.root().resolve(file).toString());
      }
    }
    boolean keycloakUnpacked;
    try (var entries = Files.list(Files.createDirectories(options.dataDir().resolve("keycloak")))) {
      keycloakUnpacked = entries.anyMatch(p -> p.getFileName().toString().startsWith("keycloak-"));
    } catch (IOException e) {
      throw new PlatformException("cannot use the data dir " + options.dataDir() + ": " + e);
    }
    if (!keycloakUnpacked && !Files.exists(options.root().resolve(KeycloakServer.DISTRIBUTION))) {
      missing.add(options.root().resolve(KeycloakServer.DISTRIBUTION).toString());
    }
    if (!missing.isEmpty()) {
      throw new PlatformException(
          "Not built yet: "
              + String.join(", ", missing)
              + ". Build with ./mvnw -B -q -DskipTests install (deploy/local/up.sh does it).");
    }
  }

  private static <T> T join(CompletableFuture<T> future) throws Exception {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  private void removeShutdownHook() {
    Thread hook;
    synchronized (this) {
      hook = shutdownHook;
      shutdownHook = null;
    }
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook runs (or ran) anyway; close() is idempotent
      }
    }
  }

  /**
   * Stops the services and Keycloak (and their descendants), then Kafka, then the store: the
   * services must not be left retrying against a broker that is already gone. Safe to call more
   * than once, also from a shutdown hook while starting.
   */
  @Override
  public void close() {
    List<ChildProcess> toStop;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    Supervisor s = supervisor;
    if (s != null) {
      s.close();
    }
    synchronized (this) {
      toStop = List.copyOf(children);
    }
    removeShutdownHook();
    if (toStop.isEmpty() && kafka == null && mongo == null && channels == null) {
      return;
    }
    long started = System.nanoTime();
    ChildProcess.stopAll(toStop.reversed(), Duration.ofSeconds(25));
    if (kafka != null) {
      try {
        kafka.close();
      } catch (RuntimeException e) {
        log.warn("Kafka did not stop cleanly: {}", e.toString());
      }
    }
    if (channels != null) {
      channels.close();
    }
    if (mongo != null) {
      mongo.close();
    }
    orphans.clear();
    log.info(
        "Stopped everything in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
  }
}
