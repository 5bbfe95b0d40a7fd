package vn.digicell.member.statistics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.digicell.platform.jobs.EveryReplica;

/**
 * {@code digicell_members{status}}: the nation's members by status for the business dashboard, read
 * from the pre-aggregated counter of the root path (one document read per refresh, never a scan).
 */
@Component
class MemberGauges {

  private final StatisticsCounters counters;
  private final MultiGauge members;

  MemberGauges(StatisticsCounters counters, MeterRegistry meters) {
    this.counters = counters;
    this.members =
        MultiGauge.builder("digicell_members")
            .description("Members by status, from the pre-aggregated counters")
            .register(meters);
  }

  @Scheduled(
      initialDelayString = "${digicell.member.gauges.refresh:PT30S}",
      fixedDelayString = "${digicell.member.gauges.refresh:PT30S}")
  @EveryReplica(
      "each replica's meters report the national figure they read from the store;"
          + " dashboards take max across replicas, never sum")
  void refresh() {
    Object status = counters.of(StatisticsCounters.NATION).get("status");
    if (!(status instanceof Document byStatus)) {
      return;
    }
    List<MultiGauge.Row<?>> rows =
        byStatus.entrySet().stream()
            .filter(e -> e.getValue() instanceof Number)
            .<MultiGauge.Row<?>>map(
                e ->
                    MultiGauge.Row.of(
                        Tags.of("status", e.getKey().toLowerCase(java.util.Locale.ROOT)),
                        ((Number) e.getValue()).doubleValue()))
            .toList();
    members.register(rows, true);
  }

  Map<String, Object> snapshot() {
    return counters.of(StatisticsCounters.NATION);
  }
}
