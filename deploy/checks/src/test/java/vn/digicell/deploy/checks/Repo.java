package vn.digicell.deploy.checks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repository as operators receive it: files, the catalogue and rendered Kustomize overlays. */
final class Repo {

  static final Path ROOT = locateRoot();
  static final List<String> OVERLAYS = List.of("commune", "province", "national");
  static final List<String> SERVICES =
      List.of(
          "member-service",
          "meeting-service",
          "document-service",
          "notification-service",
          "gateway");

  /** The gateway's session store (ADR 0011): its StatefulSet, Service and NetworkPolicy. */
  static final String REDIS = "digicell-redis";

  /** The one Redis image Compose and Kubernetes run, pinned to a minor version. */
  static final String REDIS_IMAGE = "redis:7.2-alpine";

  private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

  private Repo() {}

  /** An overlay rendered by {@code kubectl kustomize}: its text and its documents. */
  record Rendered(String text, List<Map<String, Object>> docs) {

    List<Map<String, Object>> ofKind(String kind) {
      return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    /** What runs pods: the services' Deployments and the StatefulSets (Redis). */
    List<Map<String, Object>> workloads() {
      return docs.stream()
          .filter(d -> "Deployment".equals(d.get("kind")) || "StatefulSet".equals(d.get("kind")))
          .toList();
    }

    Map<String, Object> one(String kind, String name) {
      return ofKind(kind).stream()
          .filter(d -> name.equals(name(d)))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }
  }

  static Rendered render(String overlay) {
    return RENDERED.computeIfAbsent(overlay, Repo::kustomize);
  }

  private static Rendered kustomize(String overlay) {
    Path dir = ROOT.resolve("deploy/k8s/overlays").resolve(overlay);
    try {
      Path errors = Files.createTempFile("kustomize-" + overlay, ".err");
      Process process =
          new ProcessBuilder(kubectl(), "kustomize", dir.toString())
              .redirectError(errors.toFile())
              .start();
      String out;
      try (InputStream in = process.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl kustomize " + dir + " did not finish in 120 s");
      }
      String err = Files.readString(errors);
      Files.deleteIfExists(errors);
      if (process.exitValue() != 0) {
        throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + err);
      }
      return new Rendered(out, yamlAll(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while rendering " + overlay, e);
    }
  }

  private static final java.util.regex.Pattern KUSTOMIZE_VERSION =
      java.util.regex.Pattern.compile("Kustomize Version: v(\\d+)\\.");

  private static volatile String kubectl;

  /**
   * kubectl from the PATH, with a built-in Kustomize new enough for the overlays ({@code labels},
   * inline {@code patches}: v4 or later); otherwise the render checks fail and say why.
   */
  static synchronized String kubectl() {
    if (kubectl == null) {
      String found = kubectlOnPath();
      String version = run(found, "version", "--client");
      java.util.regex.Matcher matcher = KUSTOMIZE_VERSION.matcher(version);
      if (!matcher.find() || Integer.parseInt(matcher.group(1)) < 4) {
        throw new AssertionError(
            found
                + " has no Kustomize v4+ built in (kubectl 1.21 or later is needed to render"
                + " deploy/k8s); it reports:\n"
                + version);
      }
      kubectl = found;
    }
    return kubectl;
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out;
      try (InputStream in = process.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String kubectlOnPath() {
    String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new AssertionError(
        "kubectl is not installed, so the Kustomize overlays cannot be rendered and checked."
            + " Install it (Debian: apt-get install -y kubectl); .ci/run does this in CI.");
  }

  static List<Map<String, Object>> yamlAll(String text) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : yaml().loadAll(text)) {
      if (doc instanceof Map<?, ?> map) {
        docs.add(cast(map));
      }
    }
    return docs;
  }

  static Map<String, Object> yamlFile(String relative) {
    return cast(yaml().load(read(relative)));
  }

  static List<Map<String, Object>> yamlFileAll(String relative) {
    return yamlAll(read(relative));
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(50 * 1024 * 1024);
    return new Yaml(options);
  }

  static String read(String relative) {
    try {
      return Files.readString(ROOT.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The event catalogue: type, topic, producer and consumers of every event type. */
  static List<Map<String, Object>> catalogue() {
    List<Object> entries =
        cast(yaml().load(read("platform/contracts/src/main/resources/schemas/catalogue.json")));
    return entries.stream().map(e -> Repo.<Map<String, Object>>cast(e)).toList();
  }

  static String name(Map<String, Object> doc) {
    return (String) at(doc, "metadata", "name");
  }

  /** Walks maps by key and lists by numeric index; null when a step is missing. */
  static Object at(Object node, String... path) {
    Object current = node;
    for (String step : path) {
      if (current instanceof Map<?, ?> map) {
        current = map.get(step);
      } else if (current instanceof List<?> list && step.matches("\\d+")) {
        int index = Integer.parseInt(step);
        current = index < list.size() ? list.get(index) : null;
      } else {
        return null;
      }
    }
    return current;
  }

  static List<Map<String, Object>> list(Object node, String... path) {
    Object found = at(node, path);
    if (found == null) {
      return List.of();
    }
    List<Object> items = cast(found);
    return items.stream().map(i -> Repo.<Map<String, Object>>cast(i)).toList();
  }

  @SuppressWarnings("unchecked")
  static <T> T cast(Object value) {
    return (T) value;
  }

  private static Path locateRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("deploy/k8s/overlays"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("run from inside the DigiCell repository");
    }
    return dir;
  }
}
