package vn.digicell.notification.feedback;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.digicell.platform.jobs.EveryReplica;

/**
 * {@code digicell_feedback_open{status}}: feedback not yet resolved or declined, for the business
 * dashboard. One indexed count per open status per refresh (the escalation index leads with
 * status).
 */
@Component
class FeedbackGauges {

  private final MongoTemplate mongo;
  private final Map<Feedback.Status, AtomicLong> open = new EnumMap<>(Feedback.Status.class);

  FeedbackGauges(MongoTemplate mongo, MeterRegistry meters) {
    this.mongo = mongo;
    for (Feedback.Status status : Feedback.Status.values()) {
      if (status.isOpen()) {
        AtomicLong count = new AtomicLong();
        open.put(status, count);
        Gauge.builder("digicell_feedback_open", count, AtomicLong::get)
            .tag("status", status.name().toLowerCase(java.util.Locale.ROOT))
            .description("Feedback not yet resolved or declined")
            .register(meters);
      }
    }
  }

  @Scheduled(
      initialDelayString = "${digicell.notification.gauges.refresh:PT60S}",
      fixedDelayString = "${digicell.notification.gauges.refresh:PT60S}")
  @EveryReplica(
      "each replica's meters report the national figure they read from the store;"
          + " dashboards take max across replicas, never sum")
  void refresh() {
    open.forEach(
        (status, count) ->
            count.set(
                mongo.count(Query.query(Criteria.where("status").is(status)), Feedback.class)));
  }
}
