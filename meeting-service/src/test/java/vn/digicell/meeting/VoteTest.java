package vn.digicell.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.meeting.vote.Motion;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTopics;

/**
 * A cell of four official members (three present, one absent) and one probationary member (present)
 * votes: eligibility, one member one vote, results after close, majority of the official members,
 * receipts, and a secret ballot whose stored form links no voter to a choice.
 */
@DigiCellIntegrationTest
class VoteTest {

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;
  @Autowired MongoTemplate mongo;

  TestHttp http;
  String path;
  String secretary;
  String meetingId;
  List<String> present = new ArrayList<>();
  String absent;
  String probationary;

  @BeforeEach
  void meetingInProgress() {
    http = new TestHttp("http://localhost:" + port);
    Fixtures fixtures = new Fixtures(publisher);
    String code = Fixtures.newCellCode();
    path = "/AG/VB/" + code;
    String cellId = fixtures.cell(code);
    secretary = MeetingFlowTest.secretaryOf(path);
    for (int i = 0; i < 3; i++) {
      String id = "p" + i + "-" + UUID.randomUUID();
      present.add(id);
      fixtures.official(id, "Có mặt " + i, cellId, path);
    }
    absent = "a-" + UUID.randomUUID();
    fixtures.official(absent, "Vắng", cellId, path);
    probationary = "d-" + UUID.randomUUID();
    fixtures.admitted(probationary, "Dự bị", cellId, path);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              TestHttp.Response r = http.get("/api/cells/" + cellId + "/roster", secretary);
              return r.status() == 200 && r.json().size() == 5;
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonNode roster = http.get("/api/cells/" + cellId + "/roster", secretary).json();
              int official = 0;
              for (JsonNode m : roster) {
                official += "OFFICIAL".equals(m.get("status").asString()) ? 1 : 0;
              }
              return official == 4;
            });
    TestHttp.Response scheduled =
        http.postJson(
            "/api/meetings",
            secretary,
            Map.of(
                "cellId", cellId,
                "kind", "REGULAR",
                "mode", "HYBRID",
                "title", "Sinh hoạt chi bộ",
                "startsAt", OffsetDateTime.now().plusHours(1).toString(),
                "location", "Hội trường ấp",
                "onlineLink", "https://meet.example.vn/x"));
    meetingId = scheduled.json().get("id").asString();
    assertThat(http.post("/api/meetings/" + meetingId + "/start", secretary, "").status())
        .isEqualTo(200);
    for (String id : present) {
      attend(id);
    }
    attend(probationary);
  }

  void attend(String memberId) {
    assertThat(
            http.postJson(
                    "/api/meetings/" + meetingId + "/attendance",
                    secretary,
                    Map.of("memberId", memberId, "attendance", "PRESENT"))
                .status())
        .isEqualTo(200);
  }

  static boolean absent(JsonNode node) {
    return node.isMissingNode() || node.isNull();
  }

  String token(String memberId) {
    return MeetingFlowTest.memberToken(memberId, path);
  }

  String openMotion(String ballot) {
    TestHttp.Response r =
        http.postJson(
            "/api/meetings/" + meetingId + "/motions",
            secretary,
            Map.of(
                "question",
                "Thông qua nghị quyết tháng 12",
                "options",
                List.of("Tán thành", "Không tán thành"),
                "ballot",
                ballot));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  TestHttp.Response vote(String motionId, String memberId, String option) {
    return http.postJson(
        "/api/motions/" + motionId + "/votes", token(memberId), Map.of("option", option));
  }

  @Test
  void onlyOfficialMembersPresentVoteAndOnlyOnce() {
    String motion = openMotion("OPEN");
    TestHttp.Response byProbationary = vote(motion, probationary, "Tán thành");
    assertThat(byProbationary.status()).isEqualTo(403);
    assertThat(byProbationary.json().get("type").asString()).endsWith("not-eligible-to-vote");
    assertThat(vote(motion, absent, "Tán thành").status()).isEqualTo(403);
    assertThat(
            http.postJson(
                    "/api/motions/" + motion + "/votes", secretary, Map.of("option", "Tán thành"))
                .status())
        .isEqualTo(403);
    assertThat(vote(motion, present.get(0), "Có lẽ").status()).isEqualTo(400);

    assertThat(vote(motion, present.get(0), "Tán thành").status()).isEqualTo(201);
    TestHttp.Response again = vote(motion, present.get(0), "Không tán thành");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("type").asString()).endsWith("already-voted");
    assertThat(http.get("/api/motions/" + motion, secretary).json().get("voted").asInt())
        .isEqualTo(1);
  }

  @Test
  void twoVotesOfThreeAreNotMoreThanHalfOfFourOfficialMembersButThreeAre() {
    String motion = openMotion("OPEN");
    vote(motion, present.get(0), "Tán thành");
    vote(motion, present.get(1), "Tán thành");
    vote(motion, present.get(2), "Không tán thành");
    JsonNode closed = http.post("/api/motions/" + motion + "/close", secretary, "").json();
    assertThat(closed.get("result").get("majorityBase").asInt()).isEqualTo(4);
    assertThat(closed.get("result").get("tallies").get(0).get("votes").asInt()).isEqualTo(2);
    assertThat(absent(closed.get("result").path("adopted"))).isTrue();

    String second = openMotion("OPEN");
    for (String id : present) {
      vote(second, id, "Tán thành");
    }
    JsonNode adopted = http.post("/api/motions/" + second + "/close", secretary, "").json();
    assertThat(adopted.get("result").get("adopted").asString()).isEqualTo("Tán thành");
    assertThat(vote(second, present.get(0), "Tán thành").status()).isEqualTo(422);

    // a resolution records the text and the vote that adopted it; a rejected motion adopts none
    String text = "Chi bộ thống nhất kế hoạch tháng 12";
    TestHttp.Response none =
        http.postJson("/api/motions/" + motion + "/resolution", secretary, Map.of("text", text));
    assertThat(none.status()).isEqualTo(422);
    assertThat(none.json().get("type").asString()).endsWith("motion-not-adopted");
    assertThat(
            http.postJson(
                    "/api/motions/" + second + "/resolution",
                    token(present.get(0)),
                    Map.of("text", text))
                .status())
        .isEqualTo(403);
    TestHttp.Response resolution =
        http.postJson("/api/motions/" + second + "/resolution", secretary, Map.of("text", text));
    assertThat(resolution.status()).as(resolution.body()).isEqualTo(201);
    assertThat(
            http.postJson("/api/motions/" + second + "/resolution", secretary, Map.of("text", text))
                .status())
        .isEqualTo(409);
    JsonNode meeting = http.get("/api/meetings/" + meetingId, token(present.get(1))).json();
    assertThat(meeting.get("resolutions").get(0).get("motionId").asString()).isEqualTo(second);
    ConsumerRecord<String, byte[]> last =
        TestTopics.awaitRecords("meeting.events", meetingId, 7).getLast();
    assertThat(TestTopics.headers(last))
        .containsEntry("ce_type", "vn.digicell.meeting.resolution-adopted.v1");
    assertThat(EventSchemas.violations("vn.digicell.meeting.resolution-adopted.v1", last.value()))
        .isEmpty();
  }

  @Test
  void aSecretBallotStoresNoLinkBetweenVoterAndChoiceAndReceiptsCheckAgainstThePublishedTally() {
    String motion = openMotion("SECRET");
    Map<String, String> receipts = new java.util.HashMap<>();
    String[] choices = {"Không tán thành", "Tán thành", "Tán thành"};
    for (int i = 0; i < 3; i++) {
      TestHttp.Response r = vote(motion, present.get(i), choices[i]);
      assertThat(r.status()).isEqualTo(201);
      receipts.put(present.get(i), r.json().get("receipt").asString());
    }
    // results only after the vote closes
    JsonNode during = http.get("/api/motions/" + motion, token(present.get(0))).json();
    assertThat(absent(during.path("result"))).as(during.toString()).isTrue();
    assertThat(during.get("voted").asInt()).isEqualTo(3);
    TestHttp.Response early =
        http.postJson(
            "/api/motions/" + motion + "/receipts/check",
            token(present.get(0)),
            Map.of("receipt", receipts.get(present.get(0))));
    assertThat(early.status()).isEqualTo(409);

    // the stored document: who voted, and ballots that name no one and carry no time
    Document stored = mongo.getCollection("motions").find(new Document("_id", motion)).first();
    List<String> voters = stored.getList("voters", String.class);
    assertThat(voters).containsExactlyInAnyOrderElementsOf(present).isSorted();
    List<Document> ballots = stored.getList("ballots", Document.class);
    assertThat(ballots).hasSize(3);
    List<String> hashes = new ArrayList<>();
    for (Document ballot : ballots) {
      assertThat(ballot.keySet()).containsExactlyInAnyOrder("option", "receiptHash");
      hashes.add(ballot.getString("receiptHash"));
    }
    // ordered by the receipt's hash, which is random: nothing of the order of voting
    assertThat(hashes).isSorted();
    String raw = stored.toJson();
    for (String id : present) {
      assertThat(raw.indexOf(id)).isEqualTo(raw.lastIndexOf(id)); // only in the voters list
    }
    for (String receipt : receipts.values()) {
      assertThat(raw).doesNotContain(receipt);
    }

    JsonNode closed = http.post("/api/motions/" + motion + "/close", secretary, "").json();
    assertThat(absent(closed.get("result").path("adopted"))).isTrue(); // 2 of 4 is not > half

    // each voter checks their receipt: against the service, and against the published event
    TestHttp.Response check =
        http.postJson(
            "/api/motions/" + motion + "/receipts/check",
            token(present.get(0)),
            Map.of("receipt", receipts.get(present.get(0))));
    assertThat(check.json().get("counted").asBoolean()).isTrue();
    assertThat(check.json().get("option").asString()).isEqualTo("Không tán thành");
    TestHttp.Response forged =
        http.postJson(
            "/api/motions/" + motion + "/receipts/check",
            token(present.get(0)),
            Map.of("receipt", "forged-receipt"));
    assertThat(forged.json().get("counted").asBoolean()).isFalse();

    List<ConsumerRecord<String, byte[]>> events =
        TestTopics.awaitRecords("meeting.events", motion, 2);
    ConsumerRecord<String, byte[]> closedEvent = events.get(1);
    assertThat(TestTopics.headers(closedEvent))
        .containsEntry("ce_type", "vn.digicell.meeting.vote-closed.v1");
    assertThat(EventSchemas.violations("vn.digicell.meeting.vote-opened.v1", events.get(0).value()))
        .isEmpty();
    assertThat(EventSchemas.violations("vn.digicell.meeting.vote-closed.v1", closedEvent.value()))
        .isEmpty();
    JsonNode tally = JsonMapper.shared().readTree(closedEvent.value());
    assertThat(absent(tally.path("openChoices"))).isTrue();
    for (int i = 0; i < 3; i++) {
      String hash = Motion.receiptHash(receipts.get(present.get(i)));
      JsonNode counted = null;
      for (JsonNode option : tally.get("tallies")) {
        for (JsonNode h : option.get("receiptHashes")) {
          if (h.asString().equals(hash)) {
            counted = option;
          }
        }
      }
      assertThat(counted).isNotNull();
      assertThat(counted.get("option").asString()).isEqualTo(choices[i]);
    }
    assertThat(new String(closedEvent.value(), java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain(receipts.get(present.get(0)));
  }

  @Test
  void votesCastAtTheSameMomentAreAllCountedButNobodyVotesTwice() throws Exception {
    String motion = openMotion("SECRET");
    List<String> voters = new ArrayList<>(present);
    voters.add(present.get(0));
    voters.add(present.get(1));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(voters.size());
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
    for (String voter : voters) {
      statuses.add(
          pool.submit(
              () -> {
                go.await();
                return vote(motion, voter, "Tán thành").status();
              }));
    }
    go.countDown();
    List<Integer> results = new ArrayList<>();
    for (java.util.concurrent.Future<Integer> status : statuses) {
      results.add(status.get(60, java.util.concurrent.TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(results).containsExactlyInAnyOrder(201, 201, 201, 409, 409);
    JsonNode closed = http.post("/api/motions/" + motion + "/close", secretary, "").json();
    assertThat(closed.get("result").get("voted").asInt()).isEqualTo(3);
    assertThat(closed.get("result").get("tallies").get(0).get("votes").asInt()).isEqualTo(3);
    assertThat(closed.get("result").get("adopted").asString()).isEqualTo("Tán thành");
  }
}
