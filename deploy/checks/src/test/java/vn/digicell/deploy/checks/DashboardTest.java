package vn.digicell.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Grafana dashboards are valid JSON, show what operators need, and use real metric names. */
class DashboardTest {

  private static final Path DASHBOARDS = Repo.ROOT.resolve("deploy/grafana/dashboards");
  private static final Pattern METER =
      Pattern.compile(
          "(Counter|Gauge|MultiGauge|Timer|DistributionSummary|LongTaskTimer|FunctionCounter)\\.builder\\(\\s*\"([a-z0-9_.]+)\"");
  private static final Pattern DIGICELL_METRIC = Pattern.compile("\\b(digicell_[a-z0-9_]+)\\b");

  private static Map<String, JsonNode> dashboards() {
    Map<String, JsonNode> all = new TreeMap<>();
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        // strict JSON: a YAML-only or trailing-comma file fails here
        all.put(
            file.getFileName().toString(), JsonMapper.shared().readTree(Files.readString(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  private static Set<String> exprs(JsonNode dashboard) {
    Set<String> exprs = new TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        exprs.add(target.get("expr").asString());
      }
    }
    return exprs;
  }

  private static String panelText(JsonNode dashboard, String titlePart) {
    for (JsonNode panel : dashboard.get("panels")) {
      if (panel.get("title").asString().contains(titlePart)) {
        return String.join("\n", exprsOf(panel));
      }
    }
    throw new AssertionError(
        dashboard.get("title").asString() + " has no panel titled *" + titlePart + "*");
  }

  private static List<String> exprsOf(JsonNode panel) {
    return panel.path("targets").valueStream().map(t -> t.get("expr").asString()).toList();
  }

  @Test
  void everyDashboardIsGrafanaJsonWithUniqueIdsOnTheProvisionedDatasource() {
    Map<String, JsonNode> dashboards = dashboards();
    assertThat(dashboards)
        .containsOnlyKeys("platform-overview.json", "kafka.json", "business.json");
    String datasource =
        (String)
            Repo.at(
                Repo.yamlFile("deploy/grafana/provisioning/datasources/prometheus.yaml"),
                "datasources",
                "0",
                "uid");
    Set<String> uids = new HashSet<>();
    for (Map.Entry<String, JsonNode> entry : dashboards.entrySet()) {
      JsonNode dashboard = entry.getValue();
      assertThat(uids.add(dashboard.get("uid").asString()))
          .as("unique uid " + entry.getKey())
          .isTrue();
      assertThat(dashboard.get("title").asString()).isNotBlank();
      assertThat(dashboard.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
      Set<Integer> ids = new HashSet<>();
      for (JsonNode panel : dashboard.get("panels")) {
        assertThat(ids.add(panel.get("id").asInt())).as(entry.getKey() + " panel ids").isTrue();
        assertThat(panel.has("gridPos")).isTrue();
        assertThat(panel.at("/datasource/uid").asString()).isEqualTo(datasource);
        assertThat(exprsOf(panel))
            .as(panel.get("title").asString())
            .isNotEmpty()
            .allMatch(e -> !e.isBlank());
      }
    }
  }

  @Test
  void theKubernetesDashboardConfigMapsShipEveryDashboard() {
    String kustomization = Repo.read("deploy/grafana/kustomization.yaml");
    for (String file : dashboards().keySet()) {
      assertThat(kustomization).contains("dashboards/" + file);
    }
    String rendered = Repo.render("province").text();
    dashboards().values().forEach(d -> assertThat(rendered).contains(d.get("uid").asString()));
  }

  @Test
  void theOverviewShowsRateLatencyAndErrorsPerServiceAndRoute() {
    JsonNode overview = dashboards().get("platform-overview.json");
    assertThat(panelText(overview, "Request rate by route"))
        .contains("http_server_requests_seconds_count", "uri");
    assertThat(panelText(overview, "Latency p95 by route"))
        .contains("http_server_requests_seconds_bucket", "uri");
    assertThat(panelText(overview, "Errors by route")).contains("status=~");
    assertThat(panelText(overview, "error ratio by service")).contains("application");
  }

  @Test
  void upHasTheApplicationLabelTheOverviewAsksForInEveryOverlay() {
    assertThat(panelText(dashboards().get("platform-overview.json"), "Instances up"))
        .contains("up{application");
    for (String overlay : Repo.OVERLAYS) {
      Map<String, Object> monitor = Repo.render(overlay).one("PodMonitor", "digicell-services");
      Map<String, Object> endpoint = Repo.list(monitor, "spec", "podMetricsEndpoints").getFirst();
      assertThat(endpoint.get("honorLabels")).as(overlay).isEqualTo(true);
      assertThat(Repo.list(endpoint, "relabelings"))
          .as(overlay + ": the target is named after the pod's app.kubernetes.io/name")
          .anyMatch(
              r ->
                  "application".equals(r.get("targetLabel"))
                      && List.of("__meta_kubernetes_pod_label_app_kubernetes_io_name")
                          .equals(r.get("sourceLabels")));
      // ... which is the spring.application.name each service tags its metrics with
      for (Map<String, Object> deployment : Repo.render(overlay).workloads()) {
        Object name =
            Repo.at(deployment, "spec", "template", "metadata", "labels", "app.kubernetes.io/name");
        if (Repo.SERVICES.contains(name)) {
          String yml = Repo.read(name + "/src/main/resources/application.yml");
          assertThat(yml).as(overlay + " " + name).contains("name: " + name);
        }
      }
    }
  }

  @Test
  void theKafkaDashboardShowsLagDeadLettersAndOutboxBacklog() {
    JsonNode kafka = dashboards().get("kafka.json");
    assertThat(panelText(kafka, "Consumer lag"))
        .contains("kafka_consumergroup_lag", "consumergroup");
    assertThat(panelText(kafka, "Dead letters")).contains("digicell_events_dead_lettered_total");
    assertThat(panelText(kafka, "Outbox backlog")).contains("digicell_outbox_backlog");
  }

  @Test
  void theBusinessDashboardShowsMembersMeetingsAttendanceNoticesAndFeedback() {
    JsonNode business = dashboards().get("business.json");
    assertThat(panelText(business, "Members by status")).contains("status");
    assertThat(panelText(business, "Meetings held")).contains("vn.digicell.meeting.closed.v1");
    assertThat(panelText(business, "Attendance rate")).isNotBlank();
    assertThat(panelText(business, "Notices by channel and outcome"))
        .contains("channel", "outcome");
    assertThat(panelText(business, "Open feedback")).isNotBlank();
    Set<String> eventTypes = new TreeSet<>();
    Repo.catalogue().forEach(e -> eventTypes.add((String) e.get("type")));
    Matcher types =
        Pattern.compile("type=\"([^\"]+)\"").matcher(String.join("\n", exprs(business)));
    while (types.find()) {
      assertThat(eventTypes).as("event types on the business dashboard").contains(types.group(1));
    }
  }

  /**
   * Every replica reports the same national figure for these gauges (their refresh is
   * {@code @EveryReplica}): summing them would count the store once per pod.
   */
  @Test
  void nationalGaugesAreTakenOnceNeverSummedOverReplicas() {
    int seen = 0;
    for (JsonNode dashboard : dashboards().values()) {
      for (String expr : exprs(dashboard)) {
        for (String gauge :
            List.of("digicell_members", "digicell_feedback_open", "digicell_meeting_attendance")) {
          if (expr.contains(gauge)) {
            seen++;
            assertThat(expr).as(expr).doesNotContain("sum").containsAnyOf("max", "avg");
          }
        }
      }
    }
    assertThat(seen).isGreaterThanOrEqualTo(3);
  }

  @Test
  void everyDigicellMetricOnADashboardIsExposedByTheCodeOrListedAsPending() {
    Set<String> exposed = exposedMetrics();
    assertThat(exposed).contains("digicell_events_published_total", "digicell_outbox_backlog");
    Map<String, String> pending = new TreeMap<>();
    for (String line : Repo.read("deploy/grafana/pending-metrics.txt").split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] parts = line.split("\t");
        pending.put(parts[0], parts[1]);
      }
    }
    for (String metric : pending.keySet()) {
      assertThat(exposed)
          .as(metric + " is exposed now: delete it from pending-metrics.txt")
          .doesNotContain(metric);
    }
    for (JsonNode dashboard : dashboards().values()) {
      for (String expr : exprs(dashboard)) {
        Matcher matcher = DIGICELL_METRIC.matcher(expr);
        while (matcher.find()) {
          String metric = matcher.group(1);
          assertThat(exposed.contains(metric) || pending.containsKey(metric))
              .as(
                  metric
                      + " on "
                      + dashboard.get("title").asString()
                      + " is exposed by some service")
              .isTrue();
        }
      }
    }
  }

  /** Prometheus names of the meters registered in the platform and the services' main code. */
  private static Set<String> exposedMetrics() {
    Set<String> names = new TreeSet<>();
    List<String> roots =
        Stream.concat(
                Repo.SERVICES.stream(),
                Stream.of("platform/events", "platform/web", "platform/security"))
            .map(m -> m + "/src/main/java")
            .toList();
    for (String root : roots) {
      Path dir = Repo.ROOT.resolve(root);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher matcher = METER.matcher(Files.readString(file));
          while (matcher.find()) {
            String base = matcher.group(2).replace('.', '_');
            switch (matcher.group(1)) {
              case "Counter", "FunctionCounter" -> names.add(base + "_total");
              case "Timer", "LongTaskTimer" -> {
                for (String suffix : List.of("_count", "_sum", "_max", "_bucket")) {
                  names.add(base + "_seconds" + suffix);
                }
              }
              case "DistributionSummary" -> {
                for (String suffix : List.of("_count", "_sum", "_max", "_bucket")) {
                  names.add(base + suffix);
                }
              }
              default -> names.add(base);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return names;
  }
}
