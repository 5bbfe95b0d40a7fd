package vn.digicell.meeting.analytics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.digicell.platform.jobs.EveryReplica;

/**
 * {@code digicell_meeting_attendance_ratio}: present (also late) over invited in the meetings of
 * the current month, over all top-level units, for the business dashboard. Read from the monthly
 * aggregates of the top-level paths (one document per province), never from meetings.
 */
@Component
class MeetingGauges {

  private final MongoTemplate mongo;
  private final Clock clock;
  private final java.time.ZoneId zone;
  private final AtomicReference<Double> ratio = new AtomicReference<>(Double.NaN);

  MeetingGauges(
      MongoTemplate mongo,
      MeterRegistry meters,
      @Value("${digicell.meeting.reminders.zone:Asia/Ho_Chi_Minh}") java.time.ZoneId zone,
      Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
    this.zone = zone;
    Gauge.builder("digicell_meeting_attendance_ratio", ratio, AtomicReference::get)
        .description("Present (also late) over invited in this month's meetings")
        .register(meters);
  }

  @Scheduled(
      initialDelayString = "${digicell.meeting.gauges.refresh:PT60S}",
      fixedDelayString = "${digicell.meeting.gauges.refresh:PT60S}")
  @EveryReplica(
      "each replica's meters report the national figure they read from the store;"
          + " dashboards take max across replicas, never sum")
  void refresh() {
    String month = YearMonth.now(clock.withZone(zone)).toString();
    Query topLevel = Query.query(Criteria.where("month").is(month).and("path").regex("^/[^/]+$"));
    topLevel.limit(1_000);
    Figures sum = Figures.zero();
    for (Document doc : mongo.find(topLevel, Document.class, Participation.MONTHS)) {
      sum = sum.plus(Participation.totalsOf(doc));
    }
    long invited = sum.get("invited");
    ratio.set(
        invited == 0 ? Double.NaN : (sum.get("present") + sum.get("late")) / (double) invited);
  }

  double ratio() {
    return ratio.get();
  }
}
