package vn.digicell.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.digicell.deploy.checks.Repo.at;
import static vn.digicell.deploy.checks.Repo.list;
import static vn.digicell.deploy.checks.Repo.name;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import vn.digicell.deploy.checks.Repo.Rendered;

/**
 * The gateway keeps its web sessions in Redis (ADR 0011): every overlay runs that Redis behind the
 * {@code digicell-redis} Service with the password of Secret {@code gateway-redis}, points the
 * gateway at it, and lets nothing but the gateway reach it.
 */
class GatewayRedisTest {

  static final List<String> OVERLAYS = Repo.OVERLAYS;
  private static final String SECRET = "gateway-redis";
  private static final int PORT = 6379;

  private static Map<String, Object> container(Map<String, Object> workload) {
    return Repo.cast(at(workload, "spec", "template", "spec", "containers", "0"));
  }

  private static Map<String, Object> podLabels(Map<String, Object> workload) {
    return Repo.cast(at(workload, "spec", "template", "metadata", "labels"));
  }

  private static Map<String, Map<String, Object>> env(Map<String, Object> container) {
    Map<String, Map<String, Object>> env = new TreeMap<>();
    list(container, "env").forEach(e -> env.put((String) e.get("name"), e));
    return env;
  }

  /** Asserts that an env entry is read from key {@code password} of Secret gateway-redis. */
  private static void fromTheSecret(Map<String, Object> entry, String what) {
    assertThat(entry).as(what).isNotNull();
    assertThat(entry.get("value")).as(what + " is no literal").isNull();
    assertThat(at(entry, "valueFrom", "secretKeyRef", "name")).as(what).isEqualTo(SECRET);
    assertThat(at(entry, "valueFrom", "secretKeyRef", "key")).as(what).isEqualTo("password");
  }

  /**
   * Whether a label selector selects pods with these labels; a missing or empty selector selects
   * every pod. Only matchLabels are understood: this repository writes no matchExpressions.
   */
  private static boolean selects(Object selector, Map<String, Object> labels) {
    assertThat(at(selector, "matchExpressions")).as("selector %s", selector).isNull();
    Map<String, Object> match = Repo.cast(at(selector, "matchLabels"));
    return match == null || labels.entrySet().containsAll(match.entrySet());
  }

  private static List<String> joined(Object... lists) {
    List<String> all = new ArrayList<>();
    for (Object part : lists) {
      if (part != null) {
        all.addAll(Repo.<List<Object>>cast(part).stream().map(String::valueOf).toList());
      }
    }
    return all;
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyOverlayRunsOnePasswordProtectedPersistentRedisBehindTheDigicellRedisService(
      String overlay) {
    Rendered rendered = Repo.render(overlay);
    Map<String, Object> redis = rendered.one("StatefulSet", Repo.REDIS);
    assertThat(at(redis, "spec", "replicas")).as(overlay).isEqualTo(1);
    Map<String, Object> container = container(redis);
    assertThat(container.get("image")).isEqualTo(Repo.REDIS_IMAGE);
    String command = String.join(" ", joined(container.get("command"), container.get("args")));
    assertThat(command)
        .as(overlay + " redis command line")
        .contains("redis-server")
        .contains("--requirepass $(REDIS_PASSWORD)")
        .contains("--save 60 1");
    Map<String, Map<String, Object>> env = env(container);
    fromTheSecret(env.get("REDIS_PASSWORD"), overlay + " REDIS_PASSWORD");
    // redis-cli answers NOAUTH with exit code 0: the probes authenticate and look for PONG
    fromTheSecret(env.get("REDISCLI_AUTH"), overlay + " REDISCLI_AUTH (the probes' password)");
    for (String probe : List.of("readinessProbe", "livenessProbe")) {
      assertThat(String.join(" ", joined(at(container, probe, "exec", "command"))))
          .as(overlay + " redis " + probe)
          .contains("redis-cli ping")
          .contains("PONG");
    }
    assertThat(list(container, "ports"))
        .as(overlay + " redis listens on " + PORT)
        .anyMatch(p -> Integer.valueOf(PORT).equals(p.get("containerPort")));
    String claim = name(list(redis, "spec", "volumeClaimTemplates").getFirst());
    assertThat(list(container, "volumeMounts"))
        .as(overlay + " the snapshot lands on the claim")
        .anyMatch(m -> claim.equals(m.get("name")) && "/data".equals(m.get("mountPath")));

    Map<String, Object> service = rendered.one("Service", Repo.REDIS);
    Map<String, Object> selector = Repo.cast(at(service, "spec", "selector"));
    assertThat(selector).as(overlay + " service selector").isNotEmpty();
    assertThat(podLabels(redis).entrySet())
        .as(overlay + " the service selects the Redis pod")
        .containsAll(selector.entrySet());
    for (Map<String, Object> other : rendered.workloads()) {
      if (other != redis) {
        assertThat(podLabels(other).entrySet().containsAll(selector.entrySet()))
            .as(overlay + " the Redis service selects " + name(other))
            .isFalse();
      }
    }
    Map<String, Object> port = list(service, "spec", "ports").getFirst();
    assertThat(port.get("port")).as(overlay).isEqualTo(PORT);
    Object target = port.getOrDefault("targetPort", PORT);
    assertThat(list(container, "ports"))
        .as(overlay + " the service's targetPort " + target + " is Redis's port")
        .anyMatch(
            p ->
                Integer.valueOf(PORT).equals(p.get("containerPort"))
                    && (target.equals(PORT) || target.equals(p.get("name"))));
  }

  /** Bytes of a Kubernetes quantity (Mi, Gi) or of a Redis size (mb, gb, both powers of 1024). */
  static long bytes(String size) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+)(Mi|Gi|mb|gb)").matcher(size.trim());
    assertThat(m.matches()).as("a size in Mi, Gi, mb or gb: " + size).isTrue();
    long unit = m.group(2).toLowerCase().startsWith("g") ? 1L << 30 : 1L << 20;
    return Long.parseLong(m.group(1)) * unit;
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void aFullRedisEvictsExpiringKeysBeforeItsContainerLimitKillsIt(String overlay) {
    Map<String, Object> container = container(Repo.render(overlay).one("StatefulSet", Repo.REDIS));
    String command = String.join(" ", joined(container.get("command"), container.get("args")));
    assertThat(command)
        .as(overlay + " redis command line")
        .contains("--maxmemory $(REDIS_MAXMEMORY)")
        .contains("--maxmemory-policy volatile-lru");
    Object maxmemory = at(env(container).get("REDIS_MAXMEMORY"), "value");
    assertThat(maxmemory).as(overlay + " REDIS_MAXMEMORY").isInstanceOf(String.class);
    long limit = bytes(String.valueOf(at(container, "resources", "limits", "memory")));
    long max = bytes((String) maxmemory);
    // room for Redis's own overhead and the snapshot's fork, but most of the limit in use
    assertThat((double) max / limit)
        .as(overlay + ": maxmemory " + maxmemory + " against a limit of " + limit + " bytes")
        .isBetween(0.6, 0.8);
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void theGatewayFindsRedisThroughItsServiceWithThePasswordOfSecretGatewayRedis(String overlay) {
    Rendered rendered = Repo.render(overlay);
    Map<String, Map<String, Object>> env = env(container(rendered.one("Deployment", "gateway")));
    assertThat(at(env, "SPRING_DATA_REDIS_HOST", "value"))
        .as(overlay + " SPRING_DATA_REDIS_HOST")
        .isEqualTo(name(rendered.one("Service", Repo.REDIS)));
    assertThat(at(env, "SPRING_DATA_REDIS_PORT", "value"))
        .as(overlay + " SPRING_DATA_REDIS_PORT")
        .isEqualTo(String.valueOf(PORT));
    fromTheSecret(env.get("SPRING_DATA_REDIS_PASSWORD"), overlay + " SPRING_DATA_REDIS_PASSWORD");
    for (Map<String, Object> deployment : rendered.ofKind("Deployment")) {
      if (!name(deployment).equals("gateway")) {
        assertThat(env(container(deployment)).keySet())
            .as(overlay + "/" + name(deployment) + ": only the gateway uses Redis")
            .noneMatch(n -> n.startsWith("SPRING_DATA_REDIS_"));
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void onlyTheGatewayReachesRedisAndOnlyOnItsPort(String overlay) {
    Rendered rendered = Repo.render(overlay);
    Map<String, Object> redisPod = podLabels(rendered.one("StatefulSet", Repo.REDIS));
    Map<String, Object> gatewayPod = podLabels(rendered.one("Deployment", "gateway"));
    List<Map<String, Object>> policies = rendered.ofKind("NetworkPolicy");

    List<Map<String, Object>> guarding =
        policies.stream()
            .filter(np -> selects(at(np, "spec", "podSelector"), redisPod))
            .filter(
                np -> Repo.<List<String>>cast(at(np, "spec", "policyTypes")).contains("Ingress"))
            .toList();
    assertThat(guarding.stream().map(Repo::name))
        .as(overlay + ": Redis's ingress is denied unless admitted")
        .contains("default-deny-ingress");
    List<Map<String, Object>> rules =
        guarding.stream().flatMap(np -> list(np, "spec", "ingress").stream()).toList();
    assertThat(rules).as(overlay + ": a policy admits the gateway to Redis").isNotEmpty();
    for (Map<String, Object> rule : rules) {
      List<Map<String, Object>> from = list(rule, "from");
      assertThat(from)
          .as(overlay + ": a rule without sources admits everyone: " + rule)
          .isNotEmpty();
      for (Map<String, Object> peer : from) {
        assertThat(peer.keySet())
            .as(overlay + ": Redis admits pods of its own namespace only: " + peer)
            .containsExactly("podSelector");
        assertThat(selects(peer.get("podSelector"), gatewayPod))
            .as(overlay + ": " + peer + " selects the gateway")
            .isTrue();
        for (Map<String, Object> workload : rendered.workloads()) {
          if (!name(workload).equals("gateway")) {
            assertThat(selects(peer.get("podSelector"), podLabels(workload)))
                .as(overlay + ": " + peer + " admits " + name(workload) + " to Redis")
                .isFalse();
          }
        }
      }
      List<Map<String, Object>> ports = list(rule, "ports");
      assertThat(ports).as(overlay + ": a rule without ports admits every port").isNotEmpty();
      for (Map<String, Object> port : ports) {
        assertThat(port.get("port")).as(overlay + " " + port).isEqualTo(PORT);
        assertThat(port.getOrDefault("protocol", "TCP")).as(overlay + " " + port).isEqualTo("TCP");
      }
    }

    // should egress ever be restricted, the gateway must still be let out to Redis
    for (Map<String, Object> np : policies) {
      List<String> types = Repo.cast(at(np, "spec", "policyTypes"));
      if (types.contains("Egress") && selects(at(np, "spec", "podSelector"), gatewayPod)) {
        assertThat(list(np, "spec", "egress"))
            .as(overlay + ": " + name(np) + " lets the gateway reach Redis")
            .anyMatch(
                rule ->
                    list(rule, "to").stream()
                            .anyMatch(
                                to ->
                                    to.containsKey("podSelector")
                                        && selects(to.get("podSelector"), redisPod))
                        && list(rule, "ports").stream()
                            .anyMatch(p -> Integer.valueOf(PORT).equals(p.get("port"))));
      }
    }
  }
}
