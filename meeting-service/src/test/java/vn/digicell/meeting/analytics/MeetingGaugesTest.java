package vn.digicell.meeting.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The dashboard's attendance ratio comes from the provinces' month aggregates of this month. */
class MeetingGaugesTest {

  MongoServer server;
  MongoClient client;
  MongoTemplate mongo;
  SimpleMeterRegistry meters = new SimpleMeterRegistry();
  // 10 Nov 2026 in Vietnam
  Clock clock = Clock.fixed(Instant.parse("2026-11-10T03:00:00Z"), ZoneOffset.UTC);

  @BeforeEach
  void store() {
    server = new MongoServer(new MemoryBackend());
    client = MongoClients.create("mongodb://" + hostPort(server));
    mongo = new MongoTemplate(client, "gauges");
  }

  @AfterEach
  void stop() {
    client.close();
    server.shutdownNow();
  }

  static String hostPort(MongoServer server) {
    var address = server.bind();
    return address.getHostString() + ":" + address.getPort();
  }

  void month(String path, String month, long invited, long present, long late) {
    Document figures =
        Figures.zero()
            .plus(new Figures(Map.of("invited", invited, "present", present, "late", late)))
            .toBson();
    mongo.insert(
        new Document("_id", path + "|" + month)
            .append("path", path)
            .append("month", month)
            .append("level", "UNIT")
            .append("children", new Document("VB", figures)),
        Participation.MONTHS);
  }

  @Test
  void presentAndLateOverInvitedAcrossTheProvincesOfThisMonth() {
    month("/AG", "2026-11", 100, 70, 10);
    month("/CT", "2026-11", 100, 50, 0);
    // last month and a commune's own document (already inside /AG) do not count again
    month("/AG", "2026-10", 100, 0, 0);
    month("/AG/VB", "2026-11", 100, 0, 0);
    MeetingGauges gauges = new MeetingGauges(mongo, meters, ZoneId.of("Asia/Ho_Chi_Minh"), clock);
    assertThat(meters.find("digicell_meeting_attendance_ratio").gauge().value()).isNaN();
    gauges.refresh();
    assertThat(meters.find("digicell_meeting_attendance_ratio").gauge().value())
        .isEqualTo(130 / 200.0);
  }
}
