package vn.digicell.notification.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The dashboard's open-feedback gauge counts what is not yet resolved or declined, by status. */
class FeedbackGaugesTest {

  MongoServer server;
  MongoClient client;
  MongoTemplate mongo;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void store() {
    server = new MongoServer(new MemoryBackend());
    var address = server.bind();
    client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    mongo = new MongoTemplate(client, "feedback-gauges");
  }

  @AfterEach
  void stop() {
    client.close();
    server.shutdownNow();
  }

  void feedback(String id, String status) {
    mongo.insert(new Document("_id", id).append("status", status), "feedback");
  }

  double gauge(String status) {
    return meters.find("digicell_feedback_open").tag("status", status).gauge().value();
  }

  @Test
  void openItemsAreCountedByStatusAndClosedOnesAreNot() {
    feedback("f1", "RECEIVED");
    feedback("f2", "RECEIVED");
    feedback("f3", "IN_PROGRESS");
    feedback("f4", "RESOLVED");
    feedback("f5", "DECLINED");
    FeedbackGauges gauges = new FeedbackGauges(mongo, meters);
    gauges.refresh();
    assertThat(gauge("received")).isEqualTo(2);
    assertThat(gauge("assigned")).isZero();
    assertThat(gauge("in_progress")).isEqualTo(1);
    assertThat(meters.find("digicell_feedback_open").tag("status", "resolved").gauge()).isNull();

    mongo.updateFirst(
        org.springframework.data.mongodb.core.query.Query.query(
            org.springframework.data.mongodb.core.query.Criteria.where("_id").is("f1")),
        new org.springframework.data.mongodb.core.query.Update().set("status", "RESOLVED"),
        "feedback");
    gauges.refresh();
    assertThat(gauge("received")).isEqualTo(1);
  }
}
