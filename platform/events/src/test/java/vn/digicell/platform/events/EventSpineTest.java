package vn.digicell.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.platform.events.EventsTestApplication.Sample;
import vn.digicell.platform.events.EventsTestApplication.SampleListener;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;
import vn.digicell.platform.web.ProblemException;

@DigiCellIntegrationTest
@TestPropertySource(
    properties = {
      "digicell.events.relay.enabled=false",
      "digicell.events.relay.grace=0s",
      "digicell.events.retry.attempts=2",
      "digicell.events.retry.initial-interval=50ms",
      "spring.application.name=events-test"
    })
class EventSpineTest {

  @org.springframework.boot.test.web.server.LocalServerPort int port;
  @Autowired Outbox outbox;
  @Autowired OutboxRelay relay;
  @Autowired EventPublisher publisher;
  @Autowired MongoTemplate mongo;
  @Autowired DeadLetters deadLetters;
  @Autowired AppliedEvents appliedEvents;

  @Autowired
  @Qualifier("eventKafkaTemplate")
  KafkaTemplate<String, byte[]> kafka;

  private final Clock clock = Clock.systemUTC();

  @Autowired HealthEndpointGroups healthGroups;
  @Autowired KafkaAdmin kafkaAdmin;

  @Test
  void readinessNeedsTheStoreAndTheBroker() {
    HealthEndpointGroup readiness = healthGroups.get("readiness");
    assertThat(readiness.isMember("mongo")).isTrue();
    assertThat(readiness.isMember("kafka")).isTrue();
    TestHttp http = new TestHttp("http://localhost:" + port);
    assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);
  }

  @Test
  void aBrokerThatDoesNotAnswerMakesKafkaHealthDown() throws Exception {
    Map<String, Object> config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
    config.put("bootstrap.servers", "127.0.0.1:1");
    try (KafkaBrokerHealthIndicator gone = new KafkaBrokerHealthIndicator(new KafkaAdmin(config))) {
      assertThat(gone.health(false).getStatus()).isEqualTo(Status.DOWN);
    }
    try (KafkaBrokerHealthIndicator here = new KafkaBrokerHealthIndicator(kafkaAdmin)) {
      assertThat(here.health(false).getStatus()).isEqualTo(Status.UP);
    }
  }

  @AfterEach
  void healthyAgain() {
    SampleListener.FAILING.set(false);
  }

  @Test
  void aSavedChangeIsPublishedAsABinaryCloudEventAndLeavesTheOutbox() {
    String id = UUID.randomUUID().toString();
    outbox.saveAndPublish(Sample.create(id, "C07", clock));

    ConsumerRecord<String, byte[]> record = awaitRecords("orgunit.events", id, 1).get(0);
    assertThat(record.key()).isEqualTo(id);
    Map<String, String> headers = headers(record);
    assertThat(headers)
        .containsEntry("ce_specversion", "1.0")
        .containsEntry("ce_type", "vn.digicell.orgunit.created.v1")
        .containsEntry("ce_source", "/digicell/events-test")
        .containsEntry("ce_subject", id)
        .containsEntry("ce_sequence", "1")
        .containsEntry("ce_orgpath", "/AG/C07")
        .containsEntry("content-type", "application/json")
        .containsKeys("ce_id", "ce_time");
    assertThat(EventSchemas.violations("vn.digicell.orgunit.created.v1", record.value())).isEmpty();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> mongo.findById(id, Sample.class).pendingEvents().isEmpty());
  }

  @Test
  void theTraceOfTheRequestTravelsWithItsEventsOverKafka() throws Exception {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/samples/C21"))
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .header(
                        "Authorization",
                        TestTokens.bearer(TestTokens.forUser("u").roles("org-admin").sign()))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, String> headers =
        headers(awaitRecords("orgunit.events", response.body(), 1).get(0));
    assertThat(headers.get("ce_traceparent")).startsWith("00-" + traceId + "-");
    assertThat(headers.get("traceparent")).startsWith("00-" + traceId + "-");
  }

  @Test
  void aCommandRetriedWithTheSameIdempotencyKeyRunsOnceAndGetsTheOriginalAnswer() throws Exception {
    String key = UUID.randomUUID().toString();
    var first = postSample("C31", key, "{}");
    var again = postSample("C31", key, "{}");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(mongo.count(new Query(Criteria.where("code").is("C31")), Sample.class)).isEqualTo(1);

    var otherBody = postSample("C31", key, "{\"x\":1}");
    assertThat(otherBody.statusCode()).isEqualTo(422);
    assertThat(otherBody.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
    assertThat(otherBody.body()).contains("idempotency-key-reused");

    // another caller's identical key is another command
    var someoneElse = postSample("C31", key, "{}", "someone-else");
    assertThat(someoneElse.body()).isNotEqualTo(first.body());
    // without a key nothing is remembered
    assertThat(postSample("C32", null, "{}").body())
        .isNotEqualTo(postSample("C32", null, "{}").body());
    assertThat(mongo.count(new Query(Criteria.where("code").is("C31")), Sample.class)).isEqualTo(2);
  }

  /** The claim a command's write noted itself on, found by what it wrote. */
  private org.bson.Document claimOf(String aggregateId) {
    return mongo
        .getCollection(IdempotencyRecords.COLLECTION)
        .find(new org.bson.Document("effect.id", aggregateId))
        .first();
  }

  /** Puts a claim back as a process that died before answering left it, {@code age} ago. */
  private void unanswered(org.bson.Document claim, Duration age) {
    mongo
        .getCollection(IdempotencyRecords.COLLECTION)
        .updateOne(
            new org.bson.Document("_id", claim.get("_id")),
            new org.bson.Document(
                    "$set",
                    new org.bson.Document("state", "IN_PROGRESS")
                        .append("createdAt", java.util.Date.from(Instant.now().minus(age))))
                .append(
                    "$unset",
                    new org.bson.Document("status", "")
                        .append("body", "")
                        .append("contentType", "")));
  }

  @Test
  void aCommandWhoseProcessDiedAfterItsWriteIsNotRunAgainTheRetryIsToldItRan() throws Exception {
    String key = UUID.randomUUID().toString();
    var first = postSample("C41", key, "{}");
    assertThat(first.statusCode()).isEqualTo(200);
    String written = first.body();
    org.bson.Document claim = claimOf(written);
    assertThat(claim).as("the write noted itself on the command's claim").isNotNull();
    assertThat(claim.get("effect", org.bson.Document.class).getString("collection"))
        .isEqualTo("samples");

    // the process died after the write, before the answer was recorded
    unanswered(claim, Duration.ofSeconds(5));
    var tooSoon = postSample("C41", key, "{}");
    assertThat(tooSoon.statusCode()).as("it may still be running").isEqualTo(409);
    assertThat(tooSoon.body()).contains("idempotency-key-in-progress");

    unanswered(claim, Duration.ofMinutes(2));
    var retried = postSample("C41", key, "{}");
    assertThat(retried.statusCode()).isEqualTo(409);
    assertThat(retried.body()).contains("idempotency-key-ran").contains(written);
    assertThat(postSample("C41", key, "{}").body()).contains("idempotency-key-ran");
    assertThat(mongo.count(new Query(Criteria.where("code").is("C41")), Sample.class))
        .as("carried out once")
        .isEqualTo(1);
  }

  @Test
  void anUnansweredFirstAttemptThatWroteNothingIsRunByTheRetry() throws Exception {
    String key = UUID.randomUUID().toString();
    String written = postSample("C42", key, "{}").body();
    org.bson.Document claim = claimOf(written);
    // as if the process had died before writing: no change, no note
    mongo.remove(new Query(Criteria.where("code").is("C42")), Sample.class);
    unanswered(claim, Duration.ofMinutes(2));
    mongo
        .getCollection(IdempotencyRecords.COLLECTION)
        .updateOne(
            new org.bson.Document("_id", claim.get("_id")),
            new org.bson.Document("$unset", new org.bson.Document("effect", "")));

    var retried = postSample("C42", key, "{}");
    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(mongo.count(new Query(Criteria.where("code").is("C42")), Sample.class)).isEqualTo(1);
    assertThat(postSample("C42", key, "{}").body()).as("now answered").isEqualTo(retried.body());
  }

  @Test
  void aFirstAttemptThatWroteAndThenFailedIsNotRunAgain() throws Exception {
    String key = UUID.randomUUID().toString();
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/samples-then-fail/C43"))
            .header(
                "Authorization",
                TestTokens.bearer(TestTokens.forUser("u").roles("org-admin").sign()))
            .header("Idempotency-Key", key)
            .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
            .build();
    var client = java.net.http.HttpClient.newHttpClient();
    assertThat(
            client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(500);
    var retried = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(retried.statusCode()).isEqualTo(409);
    assertThat(retried.body()).contains("idempotency-key-ran");
    assertThat(mongo.count(new Query(Criteria.where("code").is("C43")), Sample.class)).isEqualTo(1);
  }

  @Test
  void aStoreThatDoesNotAnswerGives503WithRetryAfterNever500() throws Exception {
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://localhost:" + port + "/samples-unreachable/C33"))
                    .header("Accept-Language", "vi")
                    .header(
                        "Authorization",
                        TestTokens.bearer(TestTokens.forUser("u").roles("org-admin").sign()))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).contains("5");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
    assertThat(response.body()).contains("store-unavailable").contains("Tạm thời");
  }

  private java.net.http.HttpResponse<String> postSample(String code, String key, String body)
      throws Exception {
    return postSample(code, key, body, "u");
  }

  private java.net.http.HttpResponse<String> postSample(
      String code, String key, String body, String user) throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/samples/" + code))
            .header("Content-Type", "application/json")
            .header(
                "Authorization",
                TestTokens.bearer(TestTokens.forUser(user).roles("org-admin").sign()))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return java.net.http.HttpClient.newHttpClient()
        .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theRelayPublishesWhatACrashLeftBehindAndNeverTwice() {
    String id = UUID.randomUUID().toString();
    // the write happened, then the process died before publishing
    mongo.save(Sample.create(id, "C08", clock));
    assertThat(mongo.findById(id, Sample.class).pendingEvents()).hasSize(1);

    assertThat(relay.relayOnce()).isGreaterThanOrEqualTo(1);
    awaitRecords("orgunit.events", id, 1);
    assertThat(mongo.findById(id, Sample.class).pendingEvents()).isEmpty();

    // a restarted relay finds nothing left to publish
    OutboxRelay restarted =
        new OutboxRelay(
            mongo,
            outbox,
            List.of("samples"),
            new EventsProperties.Relay(true, Duration.ofSeconds(1), Duration.ZERO, 10),
            clock,
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    assertThat(restarted.relayOnce()).isZero();
    // a later event of another aggregate proves the topic was read past this one's position
    String marker = UUID.randomUUID().toString();
    outbox.saveAndPublish(Sample.create(marker, "C09", clock));
    awaitRecords("orgunit.events", marker, 1);
    assertThat(readAll("orgunit.events", id)).hasSize(1);
  }

  @Test
  void theSameEventTwiceChangesStateOnceAndAnOlderSequenceIsIgnored() {
    String subject = UUID.randomUUID().toString();
    OutboxEvent second = event(subject, 2, "C10");
    OutboxEvent first = event(subject, 1, "C10");
    publisher.publish(second);
    publisher.publish(second);
    publisher.publish(first);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> SampleListener.SKIPPED.stream().filter(s -> s.startsWith(subject)).count() == 2);
    assertThat(SampleListener.APPLIED.stream().filter(a -> a.startsWith(subject)))
        .containsExactly(subject + "#2");
    assertThat(SampleListener.SKIPPED.stream().filter(s -> s.startsWith(subject)))
        .containsExactlyInAnyOrder(subject + "#2", subject + "#1");
  }

  @Test
  void aBatchAppliesEachEventOnceAcrossBatchesAndWithinOne() {
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    List<List<String>> ran = new java.util.ArrayList<>();
    java.util.function.Consumer<List<ReceivedEvent>> record =
        events -> ran.add(events.stream().map(e -> e.subject() + "#" + e.sequence()).toList());

    List<ReceivedEvent> applied =
        appliedEvents.applyOnceEach(
            "batch-test",
            List.of(received(a, 1L), received(a, 2L), received(a, 2L), received(b, 5L)),
            record);
    assertThat(applied).hasSize(3);
    assertThat(ran).containsExactly(List.of(a + "#1", a + "#2", b + "#5"));

    // a redelivered batch: only what is newer than the marks runs
    appliedEvents.applyOnceEach(
        "batch-test", List.of(received(a, 2L), received(b, 4L), received(b, 6L)), record);
    assertThat(ran).last().isEqualTo(List.of(b + "#6"));

    // nothing new: the action does not run at all
    int before = ran.size();
    assertThat(appliedEvents.applyOnceEach("batch-test", List.of(received(a, 1L)), record))
        .isEmpty();
    assertThat(ran).hasSize(before);
    // and the single-event form agrees with the marks the batch wrote
    assertThat(appliedEvents.applyOnce("batch-test", received(b, 6L), () -> {})).isFalse();
    assertThat(appliedEvents.applyOnce("batch-test", received(b, 7L), () -> {})).isTrue();
  }

  private static ReceivedEvent received(String subject, Long sequence) {
    return new ReceivedEvent(
        UUID.randomUUID().toString(),
        "vn.digicell.test.happened.v1",
        "/test",
        subject,
        sequence,
        "/T",
        null,
        java.time.OffsetDateTime.now(),
        new byte[0],
        "test.events",
        0,
        0);
  }

  @Test
  void aMalformedMessageIsDeadLetteredAndTheNextOneIsStillProcessed() {
    String key = UUID.randomUUID().toString();
    kafka.send(
        new ProducerRecord<>(
            EventsTestApplication.TOPIC,
            key,
            "not a cloud event".getBytes(StandardCharsets.UTF_8)));
    publisher.publish(event(key, 1, "C12"));

    await().atMost(Duration.ofSeconds(30)).until(() -> SampleListener.APPLIED.contains(key + "#1"));
    String dlt = DeadLetterTopics.name(EventsTestApplication.TOPIC, EventsTestApplication.GROUP);
    assertThat(dlt).isEqualTo("test.events.events-test.dlt");
    List<ConsumerRecord<String, byte[]>> dead = awaitRecords(dlt, key, 1);
    assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8))
        .isEqualTo("not a cloud event");
    assertThat(headers(dead.get(0))).containsEntry("kafka_dlt-original-topic", "test.events");
  }

  @Test
  void aDeadLetterCanBeReplayedOnceAfterTheCauseIsFixed() {
    SampleListener.FAILING.set(true);
    String key = UUID.randomUUID().toString();
    publisher.publish(event(key, 1, "FAIL1"));
    String dlt = DeadLetterTopics.name(EventsTestApplication.TOPIC, EventsTestApplication.GROUP);
    ConsumerRecord<String, byte[]> dead = awaitRecords(dlt, key, 1).get(0);
    assertThat(SampleListener.APPLIED).doesNotContain(key + "#1");

    DeadLetters.DeadLetter listed =
        deadLetters.read(dlt, 500).stream()
            .filter(d -> key.equals(d.key()))
            .findFirst()
            .orElseThrow();
    assertThat(listed.failure()).contains("store unavailable");
    assertThat(listed.replayed()).isFalse();
    assertThat(deadLetters.topics()).anySatisfy(t -> assertThat(t.topic()).isEqualTo(dlt));

    SampleListener.FAILING.set(false);
    deadLetters.replay(dlt, dead.partition(), dead.offset());
    await().atMost(Duration.ofSeconds(30)).until(() -> SampleListener.APPLIED.contains(key + "#1"));
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                ProblemException.class,
                () -> deadLetters.replay(dlt, dead.partition(), dead.offset())))
        .extracting(ProblemException::type)
        .isEqualTo("dead-letter-already-replayed");
  }

  private static OutboxEvent event(String subject, long sequence, String code) {
    return new OutboxEvent(
        UUID.randomUUID().toString(),
        "vn.digicell.orgunit.created.v1",
        subject,
        sequence,
        "/AG/" + code,
        EventsTestApplication.TOPIC,
        """
        {"orgUnitId":"%s","code":"%s","name":"Chi bộ %s","kind":"CELL","parentId":null,\
        "path":"/AG/%s"}"""
            .formatted(subject, code, code, code),
        Instant.now(),
        null);
  }

  private static List<ConsumerRecord<String, byte[]>> awaitRecords(
      String topic, String key, int count) {
    return TestTopics.awaitRecords(topic, key, count);
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(String topic, String key) {
    return TestTopics.read(topic, key);
  }

  private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
    return TestTopics.headers(record);
  }
}
