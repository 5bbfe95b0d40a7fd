package vn.digicell.notification.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.notification.notice.NoticeIssuer;
import vn.digicell.notification.recipient.Roster;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

@DigiCellIntegrationTest
class BroadcastTest {

  private static final String NOTICE_ISSUED = "vn.digicell.notification.notice-issued.v1";

  @LocalServerPort int port;
  @Autowired Roster roster;
  @Autowired vn.digicell.notification.recipient.Units units;
  @Autowired MongoTemplate mongo;
  @Autowired FanOut fanOut;
  @Autowired BroadcastService broadcasts;
  @Autowired Reminders reminders;
  @Autowired NoticeIssuer issuer;

  TestHttp http;
  String province;
  String commune;

  @BeforeEach
  void setUp() {
    http = new TestHttp("http://localhost:" + port);
    // every test its own province, so tests never see each other's members
    province = "/P" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    commune = province + "/VB";
  }

  private String member(String cell, String name) {
    String id = UUID.randomUUID().toString();
    roster.admitted(id, name, cell, "cell-" + cell.hashCode(), "OFFICIAL");
    return id;
  }

  private static String memberToken(String memberId, String cell) {
    return TestTokens.forUser("m-" + memberId)
        .roles("member")
        .orgScope(cell)
        .memberId(memberId)
        .sign();
  }

  private static String committeeToken(String scope) {
    return TestTokens.forUser("committee" + scope)
        .roles("committee", "member")
        .orgScope(scope)
        .sign();
  }

  private JsonNode awaitSent(String id, String token) {
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              TestHttp.Response r = http.get("/api/broadcasts/" + id, token);
              found[0] = r.json();
              return r.status() == 200
                  && "COMPLETED".equals(found[0].path("fanOut").path("state").asString());
            });
    return found[0];
  }

  private int inboxSize(String token) {
    return http.get("/api/notifications?size=100", token).json().get("items").size();
  }

  private String send(String token, String kind, String title, List<String> targets, String due) {
    TestHttp.Response r =
        http.postJson(
            "/api/broadcasts",
            token,
            due == null
                ? Map.of(
                    "kind", kind, "title", title, "body", "Nội dung: " + title, "targets", targets)
                : Map.of(
                    "kind",
                    kind,
                    "title",
                    title,
                    "body",
                    "Nội dung: " + title,
                    "targets",
                    targets,
                    "dueOn",
                    due));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  @Test
  void aTaskReachesEveryoneUnderItsTargetsAndIsTrackedPerCellAndPerMember() {
    String c01 = commune + "/C01";
    String c02 = commune + "/C02";
    String hoa = member(c01, "Nguyễn Thị Hoa");
    String binh = member(c01, "Trần Văn Bình");
    String cuong = member(c02, "Lê Văn Cường");
    String outsider = member(province + "/VX/C01", "Phạm Thị Dung");
    String committee = committeeToken(commune);

    String id =
        send(
            committee,
            "TASK",
            "Rà soát đảng viên",
            List.of(c01, c02),
            LocalDate.now().plusDays(7).toString());
    JsonNode sent = awaitSent(id, committee);
    assertThat(sent.get("totals").get("recipients").asLong()).isEqualTo(3);
    assertThat(sent.get("recipientCount").asLong()).isEqualTo(3);
    assertThat(sent.get("orgPath").asString()).isEqualTo(commune);

    // only recipients see it
    String outsiderToken = memberToken(outsider, province + "/VX/C01");
    assertThat(http.get("/api/broadcasts/received", outsiderToken).json().get("items").size())
        .isZero();
    assertThat(http.post("/api/broadcasts/" + id + "/read", outsiderToken, "").status())
        .isEqualTo(404);
    assertThat(http.get("/api/broadcasts/" + id, outsiderToken).status()).isEqualTo(404);
    assertThat(http.get("/api/broadcasts/" + id, committeeToken(province + "/VX")).status())
        .isEqualTo(404);
    assertThat(inboxSize(outsiderToken)).isZero();

    String hoaToken = memberToken(hoa, c01);
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(hoaToken) == 1);
    JsonNode notice = http.get("/api/notifications", hoaToken).json().get("items").get(0);
    assertThat(notice.get("title").asString()).contains("Rà soát đảng viên");
    JsonNode mine = http.get("/api/broadcasts/received", hoaToken).json().get("items");
    assertThat(mine.size()).isEqualTo(1);
    assertThat(mine.get(0).get("id").asString()).isEqualTo(id);
    assertThat(mine.get(0).has("readAt")).isFalse();

    TestHttp.Response read = http.post("/api/broadcasts/" + id + "/read", hoaToken, "");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("readAt").asString()).isNotBlank();
    TestHttp.Response ack =
        http.post("/api/broadcasts/" + id + "/acknowledge", hoaToken, "{\"note\":\"Đã nhận\"}");
    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.json().get("note").asString()).isEqualTo("Đã nhận");
    // repeating counts nothing twice
    assertThat(http.post("/api/broadcasts/" + id + "/acknowledge", hoaToken, "").status())
        .isEqualTo(200);
    String binhToken = memberToken(binh, c01);
    assertThat(http.post("/api/broadcasts/" + id + "/read", binhToken, "").status()).isEqualTo(200);

    JsonNode totals = http.get("/api/broadcasts/" + id, committee).json().get("totals");
    assertThat(totals.get("read").asLong()).isEqualTo(2);
    assertThat(totals.get("acknowledged").asLong()).isEqualTo(1);

    JsonNode cells = http.get("/api/broadcasts/" + id + "/cells", committee).json().get("items");
    assertThat(cells.size()).isEqualTo(2);
    assertThat(cells.get(0).get("cellPath").asString()).isEqualTo(c01);
    assertThat(cells.get(0).get("recipients").asLong()).isEqualTo(2);
    assertThat(cells.get(0).get("read").asLong()).isEqualTo(2);
    assertThat(cells.get(0).get("acknowledged").asLong()).isEqualTo(1);
    assertThat(cells.get(1).get("recipients").asLong()).isEqualTo(1);
    assertThat(cells.get(1).get("read").asLong()).isZero();

    JsonNode notAcknowledged =
        http.get("/api/broadcasts/" + id + "/recipients?state=NOT_ACKNOWLEDGED", committee)
            .json()
            .get("items");
    assertThat(notAcknowledged.findValuesAsString("memberId"))
        .containsExactlyInAnyOrder(binh, cuong);
    JsonNode notReadInC02 =
        http.get("/api/broadcasts/" + id + "/recipients?state=NOT_READ&cellPath=" + c02, committee)
            .json()
            .get("items");
    assertThat(notReadInC02.findValuesAsString("fullName")).containsExactly("Lê Văn Cường");
    // paging: one at a time still lists all three
    JsonNode first = http.get("/api/broadcasts/" + id + "/recipients?size=1", committee).json();
    JsonNode second =
        http.get(
                "/api/broadcasts/"
                    + id
                    + "/recipients?size=1&cursor="
                    + first.get("nextCursor").asString(),
                committee)
            .json();
    assertThat(second.get("items").get(0).get("memberId").asString())
        .isNotEqualTo(first.get("items").get(0).get("memberId").asString());

    // the sender's list shows it under the commune
    JsonNode list = http.get("/api/broadcasts?under=" + commune, committee).json().get("items");
    assertThat(list.findValuesAsString("id")).containsExactly(id);

    // reminders go to those who have not acknowledged, once per round
    TestHttp.Response remind = http.post("/api/broadcasts/" + id + "/remind", committee, "");
    assertThat(remind.status()).isEqualTo(202);
    assertThat(remind.json().get("round").asInt()).isEqualTo(1);
    assertThat(remind.json().get("outstanding").asLong()).isEqualTo(2);
    String cuongToken = memberToken(cuong, c02);
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(cuongToken) == 2);
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(binhToken) == 2);
    assertThat(inboxSize(hoaToken)).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "COMPLETED"
                    .equals(
                        http.get("/api/broadcasts/" + id, committee)
                            .json()
                            .path("reminding")
                            .path("state")
                            .asString()));
    JsonNode reminding = http.get("/api/broadcasts/" + id, committee).json().get("reminding");
    assertThat(reminding.get("round").asInt()).isEqualTo(1);
    assertThat(reminding.get("reminded").asLong()).isEqualTo(2);
    assertThat(reminding.get("attempts").asInt()).isEqualTo(1);
    TestHttp.Response tooSoon = http.post("/api/broadcasts/" + id + "/remind", committee, "");
    assertThat(tooSoon.status()).isEqualTo(409);
    assertThat(tooSoon.header("Content-Type")).contains("application/problem+json");

    // events: sent (with the count), reminded, then a tally summary — all match their schemas
    assertThat(broadcasts.publishTallies()).isGreaterThanOrEqualTo(1);
    List<ConsumerRecord<String, byte[]>> events =
        TestTopics.awaitRecords("notification.events", id, 3);
    assertThat(events)
        .extracting(r -> TestTopics.headers(r).get("ce_type"))
        .containsExactly(Broadcast.SENT, Broadcast.REMINDED, Broadcast.TALLIED);
    for (ConsumerRecord<String, byte[]> event : events) {
      String type = TestTopics.headers(event).get("ce_type");
      assertThat(EventSchemas.violations(type, event.value())).as(type).isEmpty();
    }
    assertThat(new String(events.get(0).value())).contains("\"recipientCount\":3");

    // every notice the fan-out issued (the bulk path) matches its schema on the wire too
    List<ConsumerRecord<String, byte[]>> notices =
        TestTopics.readAll("notification.events").stream()
            .filter(r -> NOTICE_ISSUED.equals(TestTopics.headers(r).get("ce_type")))
            .filter(r -> new String(r.value()).contains(id))
            .toList();
    assertThat(notices).hasSizeGreaterThanOrEqualTo(3);
    for (ConsumerRecord<String, byte[]> issued : notices) {
      assertThat(EventSchemas.violations(NOTICE_ISSUED, issued.value()))
          .as(new String(issued.value()))
          .isEmpty();
    }
    assertThat(new String(events.get(2).value())).contains("\"read\":2", "\"acknowledged\":1");
  }

  @Test
  void aMemberAcknowledgesATaskAsReceivedThenDoneFromItsOwnPageWhichItsNoticeLinksTo() {
    String cell = commune + "/C03";
    String lan = member(cell, "Phạm Thị Lan");
    units.named(UUID.randomUUID().toString(), commune, "Đảng bộ xã Vĩnh Bình");
    String committee = committeeToken(commune);
    LocalDate due = LocalDate.now().plusDays(9);
    String id = send(committee, "TASK", "Vận động hội viên", List.of(cell), due.toString());
    awaitSent(id, committee);
    String token = memberToken(lan, cell);
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(token) == 1);

    // the notice leads to the task's own page and writes the due date as people do
    JsonNode notice = http.get("/api/notifications", token).json().get("items").get(0);
    assertThat(notice.get("link").asString()).isEqualTo("/#/broadcast/" + id);
    String day = due.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    assertThat(notice.get("body").asString()).contains("hạn " + day).doesNotContain(due.toString());
    // who sent it: the committee's unit by name, never a login or a path
    JsonNode received = http.get("/api/broadcasts/received/" + id, token).json();
    assertThat(received.get("senderUnit").asString()).isEqualTo("Đảng bộ xã Vĩnh Bình");
    assertThat(received.has("senderName")).isFalse();

    TestHttp.Response got = http.post("/api/broadcasts/" + id + "/acknowledge", token, "{}");
    assertThat(got.status()).as(got.body()).isEqualTo(200);
    assertThat(got.json().get("acknowledgedAt").asString()).isNotBlank();
    assertThat(got.json().has("completedAt")).isFalse();
    TestHttp.Response done =
        http.post("/api/broadcasts/" + id + "/acknowledge", token, "{\"completed\":true}");
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().get("completedAt").asString()).isNotBlank();

    // counted once as acknowledged; the committee sees it done
    JsonNode totals = http.get("/api/broadcasts/" + id, committee).json().get("totals");
    assertThat(totals.get("acknowledged").asLong()).isEqualTo(1);
    JsonNode row =
        http.get("/api/broadcasts/" + id + "/recipients?state=ACKNOWLEDGED", committee)
            .json()
            .get("items")
            .get(0);
    assertThat(row.get("memberId").asString()).isEqualTo(lan);
    assertThat(row.get("completedAt").asString()).isNotBlank();
  }

  @Test
  void anAnnouncementIsReadButNotAcknowledged() {
    String cell = commune + "/C05";
    String an = member(cell, "Võ Văn An");
    String committee = committeeToken(commune);
    String id = send(committee, "ANNOUNCEMENT", "Lịch sinh hoạt", List.of(commune), null);
    awaitSent(id, committee);
    String token = memberToken(an, cell);
    assertThat(http.post("/api/broadcasts/" + id + "/acknowledge", token, "").status())
        .isEqualTo(409);
    assertThat(http.get("/api/broadcasts/received/" + id, token).status()).isEqualTo(200);
    assertThat(
            http.get("/api/broadcasts/" + id, committee)
                .json()
                .get("totals")
                .get("acknowledged")
                .asLong())
        .isZero();
  }

  @Test
  void sendersOutsideTheirScopeAndBadInputAreRefusedAndNothingIsStored() {
    member(commune + "/C01", "Đặng Thị Én");
    String committee = committeeToken(commune);
    String future = LocalDate.now().plusDays(3).toString();
    Map<String, Object> valid =
        Map.of("kind", "TASK", "title", "T", "body", "B", "targets", List.of(commune + "/C01"));

    // another commune's cell, a plain member, a cell secretary
    assertThat(
            http.postJson(
                    "/api/broadcasts",
                    committee,
                    Map.of(
                        "kind",
                        "TASK",
                        "title",
                        "T",
                        "body",
                        "B",
                        "targets",
                        List.of(commune + "/C01", province + "/VX/C01")))
                .status())
        .isEqualTo(403);
    assertThat(
            http.postJson(
                    "/api/broadcasts",
                    TestTokens.forUser("m").roles("member").orgScope(commune).sign(),
                    valid)
                .status())
        .isEqualTo(403);
    assertThat(
            http.postJson(
                    "/api/broadcasts",
                    TestTokens.forUser("s")
                        .roles("cell-secretary")
                        .orgScope(commune + "/C01")
                        .sign(),
                    valid)
                .status())
        .isEqualTo(403);
    assertThat(http.postJson("/api/broadcasts", null, valid).status()).isEqualTo(401);

    TestHttp.Response missing =
        http.post(
            "/api/broadcasts", committee, "{\"kind\":\"TASK\",\"body\":\"B\",\"targets\":[]}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("title", "targets");
    assertThat(
            http.post(
                    "/api/broadcasts",
                    committee,
                    "{\"kind\":\"SMS\",\"title\":\"T\",\"body\":\"B\",\"targets\":[\""
                        + commune
                        + "\"]}")
                .status())
        .isEqualTo(400);
    assertThat(
            http.post(
                    "/api/broadcasts",
                    committee,
                    "{\"kind\":\"TASK\",\"title\":\"T\",\"body\":\"B\",\"targets\":[\"not a path\"]}")
                .status())
        .isEqualTo(400);
    TestHttp.Response past =
        http.postJson(
            "/api/broadcasts",
            committee,
            Map.of(
                "kind",
                "TASK",
                "title",
                "T",
                "body",
                "B",
                "targets",
                List.of(commune),
                "dueOn",
                LocalDate.now().minusDays(1).toString()));
    assertThat(past.status()).isEqualTo(422);
    assertThat(past.header("Content-Type")).contains("application/problem+json");
    assertThat(
            http.postJson(
                    "/api/broadcasts",
                    committee,
                    Map.of(
                        "kind",
                        "ANNOUNCEMENT",
                        "title",
                        "T",
                        "body",
                        "B",
                        "targets",
                        List.of(commune),
                        "dueOn",
                        future))
                .status())
        .isEqualTo(400);
    assertThat(http.get("/api/broadcasts?cursor=%21%21&under=" + commune, committee).status())
        .isEqualTo(400);
    assertThat(http.get("/api/broadcasts?under=" + province + "/VX", committee).status())
        .isEqualTo(403);

    // nothing was stored by any of the refused requests
    assertThat(http.get("/api/broadcasts?under=" + commune, committee).json().get("items").size())
        .isZero();
    assertThat(
            mongo.count(
                Query.query(Criteria.where("orgPath").regex("^" + province)), Broadcast.class))
        .isZero();
  }

  @Test
  void aFanOutInterruptedMidwayIsResumedWithoutDuplicates() {
    String c01 = commune + "/C01";
    String c02 = commune + "/C02";
    String giang = member(c01, "Hồ Thị Giang");
    member(c01, "Mai Văn Hải");
    String khanh = member(c02, "Lý Văn Khánh");
    String committee = committeeToken(commune);
    String id = send(committee, "ANNOUNCEMENT", "Nghị quyết mới", List.of(commune), null);
    awaitSent(id, committee);
    String giangToken = memberToken(giang, c01);
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(giangToken) == 1);

    // as if the instance died after C01's batch: C02's row and count are missing, the job stale
    mongo.remove(
        Query.query(Criteria.where("broadcastId").is(id).and("cellPath").is(c02)),
        BroadcastRecipient.class);
    mongo.remove(Query.query(Criteria.where("_id").is(CellTally.idOf(id, c02))), CellTally.class);
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(id)),
        new Update().inc("recipients", -1),
        BroadcastTally.class);
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(id)),
        new Update()
            .set("state", FanOutJob.State.RUNNING)
            .set("heartbeatAt", java.time.Instant.now().minus(Duration.ofHours(1))),
        FanOutJob.class);

    fanOut.resumeStale();

    JsonNode resumed = awaitSent(id, committee);
    assertThat(resumed.get("totals").get("recipients").asLong()).isEqualTo(3);
    assertThat(resumed.get("fanOut").get("attempts").asInt()).isEqualTo(2);
    assertThat(
            mongo.count(
                Query.query(Criteria.where("broadcastId").is(id)), BroadcastRecipient.class))
        .isEqualTo(3);
    JsonNode cells = http.get("/api/broadcasts/" + id + "/cells", committee).json().get("items");
    assertThat(cells.findValuesAsString("cellPath")).containsExactly(c01, c02);
    // nobody got a second notice, and C02's member still has theirs
    assertThat(inboxSize(giangToken)).isEqualTo(1);
    assertThat(inboxSize(memberToken(khanh, c02))).isEqualTo(1);
    // the sent event was recorded once
    assertThat(
            TestTopics.read("notification.events", id).stream()
                .filter(r -> Broadcast.SENT.equals(TestTopics.headers(r).get("ce_type")))
                .count())
        .isEqualTo(1);
  }

  private JsonNode totals(String id, String committee) {
    return http.get("/api/broadcasts/" + id, committee).json().get("totals");
  }

  private JsonNode firstNotice(String token) {
    return http.get("/api/notifications", token).json().get("items").get(0);
  }

  @Test
  void readingABroadcastsNoticeInTheInboxCountsAsReadOnceButDoesNotAcknowledge() {
    String c01 = commune + "/C01";
    String c02 = commune + "/C02";
    String lan = member(c01, "Đỗ Thị Lan");
    String minh = member(c01, "Phan Văn Minh");
    String ngoc = member(c02, "Bùi Thị Ngọc");
    String committee = committeeToken(commune);
    String id =
        send(
            committee,
            "TASK",
            "Báo cáo quý IV",
            List.of(commune),
            LocalDate.now().plusDays(5).toString());
    awaitSent(id, committee);
    String lanToken = memberToken(lan, c01);
    String minhToken = memberToken(minh, c01);
    String ngocToken = memberToken(ngoc, c02);
    for (String token : List.of(lanToken, minhToken, ngocToken)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(token) == 1);
    }

    // Lan opens the notice in her inbox, twice
    String noticeId = firstNotice(lanToken).get("id").asString();
    TestHttp.Response read = http.post("/api/notifications/" + noticeId + "/read", lanToken, "");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("read").asBoolean()).isTrue();
    assertThat(http.post("/api/notifications/" + noticeId + "/read", lanToken, "").status())
        .isEqualTo(200);
    JsonNode totals = totals(id, committee);
    assertThat(totals.get("read").asLong()).isEqualTo(1);
    assertThat(totals.get("acknowledged").asLong()).isZero();
    JsonNode cells = http.get("/api/broadcasts/" + id + "/cells", committee).json().get("items");
    assertThat(cells.get(0).get("cellPath").asString()).isEqualTo(c01);
    assertThat(cells.get(0).get("read").asLong()).isEqualTo(1);
    assertThat(cells.get(1).get("read").asLong()).isZero();
    assertThat(
            http.get("/api/broadcasts/" + id + "/recipients?state=READ", committee)
                .json()
                .get("items")
                .findValuesAsString("memberId"))
        .containsExactly(lan);
    JsonNode mine = http.get("/api/broadcasts/received/" + id, lanToken).json();
    assertThat(mine.get("readAt").asString()).isNotBlank();
    assertThat(mine.has("acknowledgedAt")).isFalse();
    // reading it again in the broadcast's own view counts nothing more
    assertThat(http.post("/api/broadcasts/" + id + "/read", lanToken, "").status()).isEqualTo(200);
    assertThat(totals(id, committee).get("read").asLong()).isEqualTo(1);

    // Minh marks his whole inbox read, twice
    TestHttp.Response all = http.post("/api/notifications/read-all", minhToken, "");
    assertThat(all.json().get("marked").asLong()).isEqualTo(1);
    assertThat(
            http.post("/api/notifications/read-all", minhToken, "").json().get("marked").asLong())
        .isZero();
    totals = totals(id, committee);
    assertThat(totals.get("read").asLong()).isEqualTo(2);
    assertThat(totals.get("acknowledged").asLong()).isZero();
    assertThat(
            http.get("/api/broadcasts/" + id + "/recipients?state=NOT_ACKNOWLEDGED", committee)
                .json()
                .get("items")
                .findValuesAsString("memberId"))
        .containsExactlyInAnyOrder(lan, minh, ngoc);

    // the other way round: Ngọc opens the broadcast itself and its inbox notice is read too
    assertThat(http.post("/api/broadcasts/" + id + "/read", ngocToken, "").status()).isEqualTo(200);
    assertThat(firstNotice(ngocToken).get("read").asBoolean()).isTrue();
    assertThat(http.get("/api/notifications/unread-count", ngocToken).json().get("unread").asLong())
        .isZero();
    assertThat(totals(id, committee).get("read").asLong()).isEqualTo(3);

    // acknowledging stays its own action, and counts once
    assertThat(http.post("/api/broadcasts/" + id + "/acknowledge", lanToken, "").status())
        .isEqualTo(200);
    totals = totals(id, committee);
    assertThat(totals.get("read").asLong()).isEqualTo(3);
    assertThat(totals.get("acknowledged").asLong()).isEqualTo(1);
  }

  @Test
  void aRemindRoundInterruptedByACrashIsFinishedWithOneReminderPerRecipient() {
    String c01 = commune + "/C01";
    List<String> members = new java.util.ArrayList<>();
    for (String name : List.of("Cao Văn An", "Cao Thị Bé", "Cao Văn Cần", "Cao Thị Dịu")) {
      members.add(member(c01, name));
    }
    members.sort(java.util.Comparator.naturalOrder()); // the round walks rows in id order
    String committee = committeeToken(commune);
    String id = send(committee, "ANNOUNCEMENT", "Học tập nghị quyết", List.of(c01), null);
    awaitSent(id, committee);
    for (String m : members) {
      await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(memberToken(m, c01)) == 1);
    }
    String reader = members.get(3);
    assertThat(http.post("/api/broadcasts/" + id + "/read", memberToken(reader, c01), "").status())
        .isEqualTo(200);

    // the instance that opened round 1 died: it had reminded the first outstanding recipient (and
    // recorded that), reminded the second but not recorded it yet, and never reached the third
    java.time.Instant longAgo = java.time.Instant.now().minus(Duration.ofHours(1));
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(id)),
        new Update().set("remindRound", 1).set("lastRemindedAt", longAgo),
        Broadcast.class);
    Broadcast broadcast = mongo.findById(id, Broadcast.class);
    issuer.issue(
        List.of(
            FanOut.note(broadcast, members.get(0), c01, 1),
            FanOut.note(broadcast, members.get(1), c01, 1)));
    mongo.insert(
        new RemindRound(
            RemindRound.idOf(id, 1),
            id,
            1,
            RemindRound.State.RUNNING,
            "crashed-instance",
            1,
            BroadcastRecipient.idOf(id, members.get(0)),
            1,
            1,
            longAgo,
            longAgo,
            null));
    // and a round 2 was recorded by a remind whose broadcast was never saved with it
    mongo.insert(
        new RemindRound(
            RemindRound.idOf(id, 2),
            id,
            2,
            RemindRound.State.RUNNING,
            "crashed-instance",
            1,
            null,
            0,
            0,
            longAgo,
            longAgo,
            null));

    reminders.resumeStale();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                mongo.findById(RemindRound.idOf(id, 1), RemindRound.class).state()
                        == RemindRound.State.COMPLETED
                    && mongo.findById(RemindRound.idOf(id, 2), RemindRound.class).state()
                        == RemindRound.State.ABANDONED);
    RemindRound done = mongo.findById(RemindRound.idOf(id, 1), RemindRound.class);
    assertThat(done.attempts()).isEqualTo(2);
    JsonNode reminding = http.get("/api/broadcasts/" + id, committee).json().get("reminding");
    assertThat(reminding.get("state").asString()).isEqualTo("COMPLETED");
    assertThat(reminding.get("attempts").asInt()).isEqualTo(2);
    // the recorded first reminder and the one the takeover issued (the second's was already there)
    assertThat(reminding.get("reminded").asLong()).isEqualTo(2);
    assertThat(done.after()).isEqualTo(BroadcastRecipient.idOf(id, members.get(2)));
    // every outstanding recipient has the first notice and exactly one reminder; the reader none
    for (String m : members.subList(0, 3)) {
      List<String> titles =
          http.get("/api/notifications?size=100", memberToken(m, c01))
              .json()
              .get("items")
              .findValuesAsString("title");
      assertThat(titles).as(m).hasSize(2);
      assertThat(titles.stream().filter(t -> t.contains("Nhắc")).count()).as(m).isEqualTo(1);
    }
    assertThat(inboxSize(memberToken(reader, c01))).isEqualTo(1);
    assertThat(
            mongo.count(
                Query.query(Criteria.where("causeEventId").regex("^" + id + ":remind:")),
                "notices"))
        .isEqualTo(3);
    // running the finished round again reminds nobody
    reminders.resumeStale();
    assertThat(reminders.run(RemindRound.idOf(id, 1))).isZero();
    assertThat(
            mongo.count(
                Query.query(Criteria.where("causeEventId").regex("^" + id + ":remind:")),
                "notices"))
        .isEqualTo(3);
  }
}
