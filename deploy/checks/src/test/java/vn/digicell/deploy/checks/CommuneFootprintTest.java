package vn.digicell.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.digicell.deploy.checks.Repo.at;
import static vn.digicell.deploy.checks.Repo.list;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import vn.digicell.deploy.checks.Repo.Rendered;

/** What each overlay asks the cluster for; a commune must fit one small machine (4 CPU, 8 GiB). */
class CommuneFootprintTest {

  static final java.util.List<String> OVERLAYS = Repo.OVERLAYS;

  /** Requested CPU cores and memory bytes of everything the overlay runs at its minimum. */
  record Footprint(BigDecimal cpu, BigDecimal memory) {
    Footprint plus(Object resources, int times) {
      BigDecimal n = BigDecimal.valueOf(times);
      return new Footprint(
          cpu.add(cores(at(resources, "requests", "cpu")).multiply(n)),
          memory.add(bytes(at(resources, "requests", "memory")).multiply(n)));
    }
  }

  static Footprint footprint(Rendered rendered) {
    Footprint total = new Footprint(BigDecimal.ZERO, BigDecimal.ZERO);
    for (Map<String, Object> deployment : rendered.ofKind("Deployment")) {
      int replicas = (Integer) at(deployment, "spec", "replicas");
      for (Map<String, Object> container :
          list(deployment, "spec", "template", "spec", "containers")) {
        total = total.plus(container.get("resources"), replicas);
      }
    }
    for (Map<String, Object> set : rendered.ofKind("StatefulSet")) {
      int replicas = (Integer) at(set, "spec", "replicas");
      for (Map<String, Object> container : list(set, "spec", "template", "spec", "containers")) {
        total = total.plus(container.get("resources"), replicas);
      }
    }
    for (Map<String, Object> pool : rendered.ofKind("KafkaNodePool")) {
      total = total.plus(at(pool, "spec", "resources"), (Integer) at(pool, "spec", "replicas"));
    }
    Map<String, Object> mongo = rendered.one("PerconaServerMongoDB", "digicell-mongodb");
    for (Map<String, Object> replset : list(mongo, "spec", "replsets")) {
      total = total.plus(replset.get("resources"), (Integer) replset.get("size"));
    }
    Map<String, Object> keycloak = rendered.one("Keycloak", "digicell-keycloak");
    total =
        total.plus(at(keycloak, "spec", "resources"), (Integer) at(keycloak, "spec", "instances"));
    Map<String, Object> database = rendered.one("Cluster", "keycloak-db");
    total =
        total.plus(at(database, "spec", "resources"), (Integer) at(database, "spec", "instances"));
    return total;
  }

  static BigDecimal cores(Object quantity) {
    String q = String.valueOf(quantity);
    return q.endsWith("m")
        ? new BigDecimal(q.substring(0, q.length() - 1)).movePointLeft(3)
        : new BigDecimal(q);
  }

  static BigDecimal bytes(Object quantity) {
    String q = String.valueOf(quantity);
    for (String unit : new String[] {"Ki", "Mi", "Gi", "Ti"}) {
      if (q.endsWith(unit)) {
        int power = java.util.List.of("Ki", "Mi", "Gi", "Ti").indexOf(unit) + 1;
        return new BigDecimal(q.substring(0, q.length() - 2))
            .multiply(BigDecimal.valueOf(1024).pow(power));
      }
    }
    return new BigDecimal(q);
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyStatefulComponentRequestsCpuAndMemory(String overlay) {
    Footprint footprint = footprint(Repo.render(overlay));
    assertThat(footprint.cpu()).isPositive();
    assertThat(footprint.memory()).isPositive();
  }

  @Test
  void aCommuneFitsOneSmallMachine() {
    Footprint commune = footprint(Repo.render("commune"));
    assertThat(commune.cpu())
        .as("CPU requested by the commune overlay")
        .isLessThanOrEqualTo(new BigDecimal("3"));
    assertThat(commune.memory())
        .as(
            "memory requested by the commune overlay (GiB: %s)",
            commune
                .memory()
                .movePointLeft(0)
                .divide(BigDecimal.valueOf(1L << 30), 2, java.math.RoundingMode.HALF_UP))
        .isLessThanOrEqualTo(bytes("7Gi"));
  }

  @Test
  void eachLargerScaleRequestsMoreThanTheSmallerOne() {
    Footprint commune = footprint(Repo.render("commune"));
    Footprint province = footprint(Repo.render("province"));
    Footprint national = footprint(Repo.render("national"));
    assertThat(province.cpu()).isGreaterThan(commune.cpu());
    assertThat(national.cpu()).isGreaterThan(province.cpu());
    assertThat(national.memory()).isGreaterThan(province.memory());
  }
}
