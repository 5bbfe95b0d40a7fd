package vn.digicell.member.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import vn.digicell.platform.test.DigiCellIntegrationTest;

/** The business dashboard's members-by-status gauge reads the nation's counter document. */
@DigiCellIntegrationTest
class MemberGaugesTest {

  @Autowired MemberGauges gauges;
  @Autowired MeterRegistry meters;
  @Autowired MongoTemplate mongo;

  @Test
  void membersByStatusFollowTheNationsCounters() {
    mongo.upsert(
        Query.query(Criteria.where("_id").is(StatisticsCounters.NATION)),
        new Update().inc("status.OFFICIAL", 7).inc("status.PROBATIONARY", 2),
        StatisticsCounters.COLLECTION);
    gauges.refresh();
    double official = gauge("official");
    double probationary = gauge("probationary");
    assertThat(official).isGreaterThanOrEqualTo(7);

    mongo.upsert(
        Query.query(Criteria.where("_id").is(StatisticsCounters.NATION)),
        new Update().inc("status.OFFICIAL", 3).inc("status.PROBATIONARY", -1),
        StatisticsCounters.COLLECTION);
    gauges.refresh();
    assertThat(gauge("official")).isEqualTo(official + 3);
    assertThat(gauge("probationary")).isEqualTo(probationary - 1);
  }

  private double gauge(String status) {
    Gauge gauge = meters.find("digicell_members").tag("status", status).gauge();
    assertThat(gauge).as("digicell_members{status=%s}", status).isNotNull();
    return gauge.value();
  }
}
