package vn.digicell.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.member.transfer.Transfer;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

@DigiCellIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransferTest {

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;
  @Autowired vn.digicell.platform.events.Outbox outbox;

  TestHttp http;
  String admin;
  String c01;
  String c02;
  String sourceSecretary = sec("/AG/VB/C01");
  String destinationSecretary = sec("/AG/VB/C02");
  String commune = TestTokens.forUser("commune").roles("committee").orgScope("/AG/VB").sign();
  int serial = 500;

  private static String sec(String path) {
    return TestTokens.forUser("sec" + path.hashCode())
        .roles("cell-secretary")
        .orgScope(path)
        .sign();
  }

  @BeforeAll
  void tree() {
    http = new TestHttp("http://localhost:" + port);
    admin = TestTokens.forUser("admin").roles("org-admin", "committee").orgScope("/AG").sign();
    String province = create("AG", "PROVINCE", null);
    String vb = create("VB", "COMMUNE", province);
    c01 = create("C01", "CELL", vb);
    c02 = create("C02", "CELL", vb);
  }

  private String create(String code, String kind, String parent) {
    Map<String, Object> body = new HashMap<>();
    body.put("code", code);
    body.put("name", "Đơn vị " + code);
    body.put("kind", kind);
    body.put("parentId", parent);
    TestHttp.Response r = http.postJson("/api/org-units", admin, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private String admit(String name) {
    Map<String, Object> body = new HashMap<>();
    body.put("fullName", name);
    body.put("gender", "MALE");
    body.put("dateOfBirth", "1980-05-05");
    body.put("citizenId", "089080" + String.format("%06d", serial++));
    body.put("orgUnitId", c01);
    body.put("admittedOn", "2015-05-05");
    TestHttp.Response r = http.postJson("/api/members", admin, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private TestHttp.Response request(String token, String memberId, String kind, String until) {
    return http.post(
        "/api/transfers",
        token,
        "{\"memberId\":\"%s\",\"kind\":\"%s\",\"toOrgUnitId\":\"%s\",\"reason\":\"chuyển nơi cư trú\"%s}"
            .formatted(
                memberId, kind, c02, until == null ? "" : ",\"temporaryUntil\":\"" + until + "\""));
  }

  @Test
  void anOfficialTransferRunsItsFourStepsEachByItsOwnSideAndMovesTheMember() {
    String member = admit("Kiều Văn Chuyển");
    TestHttp.Response requested = request(sourceSecretary, member, "OFFICIAL", null);
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    String id = requested.json().get("id").asString();
    assertThat(request(sourceSecretary, member, "OFFICIAL", null).status()).isEqualTo(409);

    // out of order and wrong side are refused
    assertThat(http.post("/api/transfers/" + id + "/receive", commune, "").status()).isEqualTo(422);
    assertThat(
            http.post(
                    "/api/transfers/" + id + "/approve",
                    destinationSecretary,
                    "{\"letterNumber\":\"12-GGT\"}")
                .status())
        .isEqualTo(403);

    TestHttp.Response approved =
        http.post("/api/transfers/" + id + "/approve", commune, "{\"letterNumber\":\"12-GGT/ĐU\"}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().get("deadline").asString())
        .isEqualTo(LocalDate.now().plusDays(30).toString());
    assertThat(http.post("/api/transfers/" + id + "/receive", commune, "").status()).isEqualTo(200);
    assertThat(http.post("/api/transfers/" + id + "/complete", sourceSecretary, "").status())
        .isEqualTo(403);
    TestHttp.Response completed =
        http.post("/api/transfers/" + id + "/complete", destinationSecretary, "");
    assertThat(completed.status()).as(completed.body()).isEqualTo(200);
    assertThat(completed.json().get("state").asString()).isEqualTo("COMPLETED");

    // the member now belongs to C02, history included; C01 keeps the record that they left
    JsonNode profile = http.get("/api/members/" + member, admin).json();
    assertThat(profile.get("orgPath").asString()).isEqualTo("/AG/VB/C02");
    JsonNode last = profile.get("statusHistory").get(profile.get("statusHistory").size() - 1);
    assertThat(last.get("reason").asString()).contains("/AG/VB/C01").contains("/AG/VB/C02");
    assertThat(http.get("/api/members/" + member, sourceSecretary).status()).isEqualTo(403);
    assertThat(http.get("/api/members/" + member, destinationSecretary).status()).isEqualTo(200);

    // analysts rebuild the transfer from the stream
    List<String> states = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : TestTopics.awaitRecords("member.events", id, 4)) {
      String type = TestTopics.headers(r).get("ce_type");
      assertThat(EventSchemas.violations(type, r.value())).as(type).isEmpty();
      states.add(type);
    }
    assertThat(states)
        .containsExactly(
            "vn.digicell.member.transfer-requested.v1",
            "vn.digicell.member.transfer-approved.v1",
            "vn.digicell.member.transfer-received.v1",
            "vn.digicell.member.transfer-completed.v1");
    ConsumerRecord<String, byte[]> moved =
        TestTopics.awaitRecords("member.events", member, 2).get(1);
    assertThat(TestTopics.headers(moved))
        .containsEntry("ce_type", "vn.digicell.member.transferred.v1");
    assertThat(EventSchemas.violations("vn.digicell.member.transferred.v1", moved.value()))
        .isEmpty();
  }

  @Test
  void aTemporaryTransferAttachesTheMemberAndKeepsTheHomeCell() {
    String member = admit("Kha Văn Tạm");
    String until = LocalDate.now().plusMonths(6).toString();
    assertThat(request(sourceSecretary, member, "TEMPORARY", null).status()).isEqualTo(422);
    String id = request(sourceSecretary, member, "TEMPORARY", until).json().get("id").asString();
    http.post("/api/transfers/" + id + "/approve", commune, "{\"letterNumber\":\"13-GGT\"}");
    http.post("/api/transfers/" + id + "/receive", commune, "");
    assertThat(http.post("/api/transfers/" + id + "/complete", destinationSecretary, "").status())
        .isEqualTo(200);
    JsonNode profile = http.get("/api/members/" + member, admin).json();
    assertThat(profile.get("orgPath").asString()).isEqualTo("/AG/VB/C01");
    assertThat(TestTopics.headers(TestTopics.awaitRecords("member.events", member, 2).get(1)))
        .containsEntry("ce_type", "vn.digicell.member.temporarily-attached.v1");
  }

  private String attach(String member, String until) {
    String id = request(sourceSecretary, member, "TEMPORARY", until).json().get("id").asString();
    http.post("/api/transfers/" + id + "/approve", commune, "{\"letterNumber\":\"15-GGT\"}");
    http.post("/api/transfers/" + id + "/receive", commune, "");
    assertThat(http.post("/api/transfers/" + id + "/complete", destinationSecretary, "").status())
        .isEqualTo(200);
    return id;
  }

  @Test
  void eitherSideEndsATemporaryAttachmentEarlyAndOnlyThey() {
    String member = admit("Tạ Văn Về");
    String until = LocalDate.now().plusMonths(3).toString();
    attach(member, until);
    String stranger = sec("/AG/VB/C09");
    String self =
        TestTokens.forUser("self").roles("member").orgScope("/AG/VB/C01").memberId(member).sign();
    assertThat(http.post("/api/members/" + member + "/attachment/end", stranger, "{}").status())
        .isEqualTo(403);
    assertThat(http.post("/api/members/" + member + "/attachment/end", self, "{}").status())
        .isEqualTo(403);
    TestHttp.Response future =
        http.post(
            "/api/members/" + member + "/attachment/end",
            destinationSecretary,
            "{\"endedOn\":\"" + LocalDate.now().plusDays(2) + "\"}");
    assertThat(future.status()).isEqualTo(400);
    assertThat(mongo.findById(member, vn.digicell.member.member.Member.class).attachedTo())
        .isNotNull();

    // the cell attended (destination) ends it
    TestHttp.Response ended =
        http.post("/api/members/" + member + "/attachment/end", destinationSecretary, "{}");
    assertThat(ended.status()).as(ended.body()).isEqualTo(200);
    assertThat(mongo.findById(member, vn.digicell.member.member.Member.class).attachedTo())
        .isNull();
    ConsumerRecord<String, byte[]> last =
        TestTopics.awaitRecords("member.events", member, 3).get(2);
    assertThat(TestTopics.headers(last))
        .containsEntry("ce_type", "vn.digicell.member.attachment-ended.v1");
    assertThat(EventSchemas.violations("vn.digicell.member.attachment-ended.v1", last.value()))
        .isEmpty();
    JsonNode payload = tools.jackson.databind.json.JsonMapper.shared().readTree(last.value());
    assertThat(payload.get("early").asBoolean()).isTrue();
    assertThat(payload.get("attachedOrgPath").asString()).isEqualTo("/AG/VB/C02");
    assertThat(payload.get("orgPath").asString()).isEqualTo("/AG/VB/C01");
    // nothing left to end
    TestHttp.Response again =
        http.post("/api/members/" + member + "/attachment/end", sourceSecretary, "{}");
    assertThat(again.status()).isEqualTo(422);
    assertThat(again.json().get("type").asString()).endsWith("not-attached");

    // the home cell may end one too
    String other = admit("Tạ Văn Nhà");
    attach(other, until);
    assertThat(http.post("/api/members/" + other + "/attachment/end", sourceSecretary, "").status())
        .isEqualTo(200);
  }

  @Test
  void anAttachmentPastItsDateEndsByTheDailyJobNotEarly() {
    String member = admit("Hết Văn Hạn");
    String until = LocalDate.now().plusDays(10).toString();
    attach(member, until);
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(12)), ZoneOffset.UTC);
    var job = new vn.digicell.member.member.AttachmentExpiry(mongo, outbox, later);
    assertThat(job.endExpired()).isGreaterThanOrEqualTo(1);
    assertThat(mongo.findById(member, vn.digicell.member.member.Member.class).attachedTo())
        .isNull();
    ConsumerRecord<String, byte[]> last =
        TestTopics.awaitRecords("member.events", member, 3).get(2);
    assertThat(EventSchemas.violations("vn.digicell.member.attachment-ended.v1", last.value()))
        .isEmpty();
    JsonNode payload = tools.jackson.databind.json.JsonMapper.shared().readTree(last.value());
    assertThat(payload.get("early").asBoolean()).isFalse();
    assertThat(payload.get("endedOn").asString()).isEqualTo(until);
    assertThat(job.endExpired()).isZero();
  }

  @Test
  void aRejectedTransferChangesNothingAndCannotGoOn() {
    String member = admit("Lạc Văn Ở");
    String id = request(sourceSecretary, member, "OFFICIAL", null).json().get("id").asString();
    assertThat(http.post("/api/transfers/" + id + "/reject", commune, "{\"reason\":\"\"}").status())
        .isEqualTo(400);
    TestHttp.Response rejected =
        http.post("/api/transfers/" + id + "/reject", commune, "{\"reason\":\"hồ sơ chưa đủ\"}");
    assertThat(rejected.json().get("state").asString()).isEqualTo("REJECTED");
    assertThat(
            http.post("/api/transfers/" + id + "/approve", commune, "{\"letterNumber\":\"1\"}")
                .status())
        .isEqualTo(422);
    assertThat(http.get("/api/members/" + member, admin).json().get("orgPath").asString())
        .isEqualTo("/AG/VB/C01");
    // a new transfer may start once the old one is closed
    assertThat(request(sourceSecretary, member, "OFFICIAL", null).status()).isEqualTo(201);
  }

  @Test
  void aTransferWhoseMemberDoesNotReportExpires() {
    String member = admit("Lỡ Văn Hẹn");
    String id = request(sourceSecretary, member, "OFFICIAL", null).json().get("id").asString();
    http.post("/api/transfers/" + id + "/approve", commune, "{\"letterNumber\":\"14-GGT\"}");
    // 31 days later the deadline has passed
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(31)), ZoneOffset.UTC);
    Transfer transfer = mongo.findById(id, Transfer.class);
    assertThat(transfer.deadline()).isBefore(LocalDate.now(later));
    var service = new vn.digicell.member.transfer.TransferExpiry(mongo, outbox, later);
    assertThat(service.expireOverdue()).isGreaterThanOrEqualTo(1);
    assertThat(http.get("/api/transfers/" + id, commune).json().get("state").asString())
        .isEqualTo("EXPIRED");
    assertThat(http.get("/api/transfers?under=/AG/VB&state=EXPIRED", commune).body()).contains(id);
  }
}
