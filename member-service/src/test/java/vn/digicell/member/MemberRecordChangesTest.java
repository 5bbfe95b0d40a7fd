package vn.digicell.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

/**
 * Changes to a member's record after admission, through the real HTTP stack: the Zalo id, contact
 * updates, identity corrections, the photo, and where admissions come from.
 */
@DigiCellIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberRecordChangesTest {

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String CONTACT_UPDATED = "vn.digicell.member.contact-updated.v1";
  private static final String CONTACT_CHANGED = "vn.digicell.member.contact-changed.v1";
  private static final String IDENTITY_CORRECTED = "vn.digicell.member.identity-corrected.v1";
  private static final String PHOTO_CHANGED = "vn.digicell.member.photo-changed.v1";

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;

  final HttpClient client = HttpClient.newHttpClient();
  TestHttp http;
  String admin;
  String cellA;
  String cellB;
  String lan; // cell A, with phone and Zalo id
  String tuan; // cell A, no contacts
  String minh; // cell B
  String hai; // cell A, for the photo
  String lanSelf;
  String tuanSelf;
  String secretaryA;
  String secretaryB;
  String vbAdmin;
  String vbCommittee;
  String otherCommuneAdmin;

  @BeforeAll
  void treeAndMembers() {
    http = new TestHttp("http://localhost:" + port);
    admin = TestTokens.forUser("admin").roles("org-admin", "committee").orgScope("/RC").sign();
    String province = create("RC", "PROVINCE", null);
    String vb = create("VB", "COMMUNE", province);
    cellA = create("C01", "CELL", vb);
    cellB = create("C02", "CELL", vb);
    String vx = create("VX", "COMMUNE", province);
    create("C01", "CELL", vx);
    lan =
        admit(
            with(
                admission("Nguyễn Thị Lan", "FEMALE", "1990-04-12", "089190111111", cellA),
                "phone",
                "0912000001",
                "zaloId",
                "1234567890123"));
    tuan = admit(admission("Trần Văn Tuấn", "MALE", "1985-09-02", "089085222222", cellA));
    minh = admit(admission("Lê Văn Minh", "MALE", "1980-01-30", "089080333333", cellB));
    hai = admit(admission("Phạm Thị Hải", "FEMALE", "1992-07-07", "089192555555", cellA));
    lanSelf = TestTokens.forUser("lan").roles("member").orgScope("/RC/VB/C01").memberId(lan).sign();
    tuanSelf =
        TestTokens.forUser("tuan").roles("member").orgScope("/RC/VB/C01").memberId(tuan).sign();
    secretaryA =
        TestTokens.forUser("sec-a").roles("cell-secretary", "member").orgScope("/RC/VB/C01").sign();
    secretaryB =
        TestTokens.forUser("sec-b").roles("cell-secretary", "member").orgScope("/RC/VB/C02").sign();
    vbAdmin = TestTokens.forUser("vb-admin").roles("org-admin").orgScope("/RC/VB").sign();
    vbCommittee = TestTokens.forUser("vb-committee").roles("committee").orgScope("/RC/VB").sign();
    otherCommuneAdmin =
        TestTokens.forUser("vx-admin").roles("org-admin", "committee").orgScope("/RC/VX").sign();
  }

  // ---------------------------------------------------------------- Zalo id and admission source

  @Test
  void theZaloIdIsStoredEncryptedShownInTheProfileAndCarriedWithTheCompleteContacts() {
    String thu =
        admit(
            with(
                admission("Nguyễn Thị Thu", "FEMALE", "1991-04-12", "089191111112", cellA),
                "phone",
                "0912000001",
                "zaloId",
                "1234567890123"));
    JsonNode profile = http.get("/api/members/" + thu, admin).json();
    assertThat(profile.get("zaloId").asString()).isEqualTo("1234567890123");
    JsonNode roster = http.get("/api/members?orgUnit=" + cellA, admin).json();
    assertThat(roster.toString()).doesNotContain("1234567890123").doesNotContain("zaloId");

    Document stored = mongo.findById(thu, Document.class, "members");
    assertThat(stored.getString("zaloIdEncrypted")).isNotBlank().isNotEqualTo("1234567890123");
    assertThat(stored.toJson()).doesNotContain("1234567890123");

    ConsumerRecord<String, byte[]> admitted = first("member.events", thu);
    assertThat(EventSchemas.violations("vn.digicell.member.admitted.v1", admitted.value()))
        .isEmpty();
    assertThat(json(admitted).get("source").asString()).isEqualTo("ADMISSION");
    assertThat(text(admitted)).doesNotContain("1234567890123").doesNotContain("0912000001");

    ConsumerRecord<String, byte[]> contact = first("member.contacts", thu);
    assertThat(EventSchemas.violations(CONTACT_CHANGED, contact.value())).isEmpty();
    assertThat(json(contact).get("zaloId").asString()).isEqualTo("1234567890123");
    assertThat(json(contact).get("phone").asString()).isEqualTo("0912000001");

    // a Zalo id alone is a contact detail too
    Map<String, Object> onlyZalo =
        with(
            admission("Đỗ Văn Zalo", "MALE", "1988-02-02", "089088666666", cellB),
            "zaloId",
            "777777");
    String zaloOnly = admit(onlyZalo);
    ConsumerRecord<String, byte[]> zalo = first("member.contacts", zaloOnly);
    assertThat(EventSchemas.violations(CONTACT_CHANGED, zalo.value())).isEmpty();
    assertThat(json(zalo).get("zaloId").asString()).isEqualTo("777777");
    assertThat(json(zalo).get("phone").isNull()).isTrue();
  }

  @Test
  void aBadZaloIdOnAdmissionIsAFieldErrorAndNothingIsStored() {
    int before = rosterSize(cellB);
    TestHttp.Response bad =
        http.postJson(
            "/api/members",
            admin,
            with(
                admission("Võ Văn Sai", "MALE", "1981-01-01", "089081777777", cellB),
                "zaloId",
                "zalo-12"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(fields(bad)).containsExactly("zaloId");
    assertThat(rosterSize(cellB)).isEqualTo(before);
  }

  @Test
  void legacyImportsCarryTheirSourceAndTheOptionalZaloIdColumn() throws Exception {
    String csv =
        "\uFEFFfullName;gender;dateOfBirth;citizenId;cell;admittedOn;partyNumber;zaloId\n"
            + "Hồ Văn Cũ;Nam;01/01/1960;089060888888;C01;19/05/1990;77000001;2468013579\n"
            + "Hồ Văn Sai;Nam;01/01/1961;089061888888;C01;19/05/1990;77000002;abc\n";
    HttpResponse<String> started =
        client.send(
            multipart(
                    "/api/imports?under=/RC/VB",
                    admin,
                    "so.csv",
                    "text/csv",
                    csv.getBytes(StandardCharsets.UTF_8))
                .POST(bodyOf(csv.getBytes(StandardCharsets.UTF_8), "so.csv", "text/csv"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String job = JSON.readTree(started.body()).get("id").asString();
    JsonNode[] done = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              done[0] = http.get("/api/imports/" + job, admin).json();
              return !"RUNNING".equals(done[0].get("status").asString());
            });
    assertThat(done[0].get("importedRows").asInt()).isEqualTo(1);
    assertThat(done[0].get("errors").get(0).get("reason").asString()).contains("Zalo");

    String id =
        http.get("/api/members/search?q=77000001&under=/RC", admin)
            .json()
            .get("items")
            .get(0)
            .get("id")
            .asString();
    ConsumerRecord<String, byte[]> admitted = first("member.events", id);
    assertThat(EventSchemas.violations("vn.digicell.member.admitted.v1", admitted.value()))
        .isEmpty();
    assertThat(json(admitted).get("source").asString()).isEqualTo("LEGACY_IMPORT");
    ConsumerRecord<String, byte[]> contact = first("member.contacts", id);
    assertThat(EventSchemas.violations(CONTACT_CHANGED, contact.value())).isEmpty();
    assertThat(json(contact).get("zaloId").asString()).isEqualTo("2468013579");
    assertThat(http.get("/api/members/" + id, admin).json().get("zaloId").asString())
        .isEqualTo("2468013579");
  }

  // ---------------------------------------------------------------- contact update

  @Test
  void aMemberUpdatesTheirOwnContactsTheSecretaryTooAndOnlyFieldNamesLeaveTheService()
      throws Exception {
    Map<String, Object> mine = new HashMap<>();
    mine.put("email", "lan@example.vn");
    mine.put("phone", "0912000001");
    mine.put("zaloId", "1234567890123");
    mine.put("residence", "Số 5, ấp Cái Nứa");
    TestHttp.Response self = put("/api/members/" + lan + "/contact", lanSelf, mine);
    assertThat(self.status()).as(self.body()).isEqualTo(200);
    assertThat(self.json().get("email").asString()).isEqualTo("lan@example.vn");

    ConsumerRecord<String, byte[]> updated = awaitLast("member.events", lan, CONTACT_UPDATED, 1);
    assertThat(EventSchemas.violations(CONTACT_UPDATED, updated.value())).isEmpty();
    JsonNode event = json(updated);
    assertThat(values(event.get("fields"))).containsExactly("EMAIL", "RESIDENCE");
    assertThat(event.get("updatedBy").asString()).isEqualTo("MEMBER");
    assertThat(text(updated)).doesNotContain("lan@example.vn").doesNotContain("Cái Nứa");

    ConsumerRecord<String, byte[]> contact = awaitLast("member.contacts", lan, CONTACT_CHANGED, 2);
    assertThat(EventSchemas.violations(CONTACT_CHANGED, contact.value())).isEmpty();
    JsonNode details = json(contact);
    assertThat(details.get("email").asString()).isEqualTo("lan@example.vn");
    assertThat(details.get("phone").asString()).isEqualTo("0912000001");
    assertThat(details.get("zaloId").asString()).isEqualTo("1234567890123");
    assertThat(text(contact)).doesNotContain("Cái Nứa");

    Document stored = mongo.findById(lan, Document.class, "members");
    assertThat(stored.toJson()).doesNotContain("lan@example.vn").doesNotContain("Cái Nứa");

    // the secretary of the cell clears the e-mail (absent) and changes the Zalo id
    Map<String, Object> bySecretary = new HashMap<>();
    bySecretary.put("phone", "0912000001");
    bySecretary.put("zaloId", "99887766");
    bySecretary.put("residence", "Số 5, ấp Cái Nứa");
    assertThat(put("/api/members/" + lan + "/contact", secretaryA, bySecretary).status())
        .isEqualTo(200);
    JsonNode second = json(awaitLast("member.events", lan, CONTACT_UPDATED, 2));
    assertThat(values(second.get("fields"))).containsExactly("EMAIL", "ZALO_ID");
    assertThat(second.get("updatedBy").asString()).isEqualTo("ORGANISATION");
    ConsumerRecord<String, byte[]> latest = awaitLast("member.contacts", lan, CONTACT_CHANGED, 3);
    assertThat(EventSchemas.violations(CONTACT_CHANGED, latest.value())).isEmpty();
    assertThat(json(latest).get("email").isNull()).isTrue();
    assertThat(json(latest).get("zaloId").asString()).isEqualTo("99887766");
    assertThat(json(latest).get("phone").asString()).isEqualTo("0912000001");

    // the same details again change nothing and publish nothing; a residence change publishes
    // only on the general stream (the contacts topic never carries a residence)
    long sequence = sequenceOf(lan);
    int contactRecords = TestTopics.read("member.contacts", lan).size();
    TestHttp.Response same = put("/api/members/" + lan + "/contact", lanSelf, bySecretary);
    assertThat(same.status()).isEqualTo(200);
    assertThat(sequenceOf(lan)).isEqualTo(sequence);
    bySecretary.put("residence", "Số 9, ấp Hiệp Hòa");
    assertThat(put("/api/members/" + lan + "/contact", lanSelf, bySecretary).status())
        .isEqualTo(200);
    ConsumerRecord<String, byte[]> residence = awaitLast("member.events", lan, CONTACT_UPDATED, 3);
    assertThat(values(json(residence).get("fields"))).containsExactly("RESIDENCE");
    assertThat(TestTopics.headers(residence)).containsEntry("ce_sequence", "" + (sequence + 1));
    assertThat(TestTopics.read("member.contacts", lan)).hasSize(contactRecords);

    // the profile keeps a dated, attributed entry per update, naming fields only
    JsonNode profile = http.get("/api/members/" + lan, admin).json();
    assertThat(profile.get("residence").asString()).isEqualTo("Số 9, ấp Hiệp Hòa");
    List<JsonNode> entries = new ArrayList<>();
    profile.get("amendments").forEach(entries::add);
    List<JsonNode> contactEntries =
        entries.stream().filter(a -> a.get("kind").asString().equals("CONTACT_UPDATE")).toList();
    assertThat(contactEntries).hasSize(3);
    assertThat(contactEntries.get(0).get("recordedBy").asString()).isEqualTo("lan");
    assertThat(contactEntries.get(0).get("updatedBy").asString()).isEqualTo("MEMBER");
    assertThat(contactEntries.get(1).get("recordedBy").asString()).isEqualTo("sec-a");
    assertThat(contactEntries.get(0).get("recordedAt").isNull()).isFalse();
    assertThat(profile.get("amendments").toString())
        .doesNotContain("lan@example.vn")
        .doesNotContain("1234567890123")
        .doesNotContain("Cái Nứa");
  }

  @Test
  void othersCannotChangeAContactAndBadInputChangesNothing() throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("phone", "0987654321");
    long sequence = sequenceOf(tuan);
    assertThat(put("/api/members/" + tuan + "/contact", secretaryB, body).status()).isEqualTo(403);
    assertThat(put("/api/members/" + tuan + "/contact", lanSelf, body).status()).isEqualTo(403);
    assertThat(put("/api/members/" + tuan + "/contact", otherCommuneAdmin, body).status())
        .isEqualTo(403);
    String auditor = TestTokens.forUser("aud").roles("auditor").orgScope("/RC").sign();
    assertThat(put("/api/members/" + tuan + "/contact", auditor, body).status()).isEqualTo(403);
    // a member id in the token is not enough without the member role
    String notAMember =
        TestTokens.forUser("x").roles("analyst").orgScope("/RC/VX").memberId(tuan).sign();
    assertThat(put("/api/members/" + tuan + "/contact", notAMember, body).status()).isEqualTo(403);
    assertThat(put("/api/members/no-such-member/contact", admin, body).status()).isEqualTo(404);

    Map<String, Object> bad = new HashMap<>();
    bad.put("email", "not-an-email");
    bad.put("phone", "12");
    bad.put("zaloId", "12ab");
    bad.put("residence", "x".repeat(301));
    TestHttp.Response refused = put("/api/members/" + tuan + "/contact", tuanSelf, bad);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(fields(refused)).containsExactlyInAnyOrder("email", "phone", "zaloId", "residence");
    TestHttp.Response malformed = putRaw("/api/members/" + tuan + "/contact", tuanSelf, "{\"x\":");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(sequenceOf(tuan)).isEqualTo(sequence);
    JsonNode profile = http.get("/api/members/" + tuan, admin).json();
    assertThat(profile.hasNonNull("phone")).isFalse();
    assertThat(profile.hasNonNull("residence")).isFalse();

    // the member themself may
    TestHttp.Response own = put("/api/members/" + tuan + "/contact", tuanSelf, body);
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(own.json().get("phone").asString()).isEqualTo("0987654321");
  }

  // ---------------------------------------------------------------- identity correction

  @Test
  void anOrgAdminCorrectsTheIdentityAndSearchKeysEventsAndHistoryFollow() {
    Map<String, Object> correction = new HashMap<>();
    correction.put("fullName", "Trần Văn Tuấn Anh");
    correction.put("dateOfBirth", "1986-01-15");
    correction.put("citizenId", "089086444444");
    correction.put("reason", "Sai ngày sinh và họ tên so với CCCD");
    correction.put("decisionRef", "QĐ 123/QĐ-HU");
    TestHttp.Response done =
        http.postJson("/api/members/" + tuan + "/corrections", vbAdmin, correction);
    assertThat(done.status()).as(done.body()).isEqualTo(201);
    JsonNode entry = done.json();
    assertThat(entry.get("kind").asString()).isEqualTo("IDENTITY_CORRECTION");
    assertThat(entry.get("decisionRef").asString()).isEqualTo("QĐ 123/QĐ-HU");
    assertThat(entry.get("recordedBy").asString()).isEqualTo("vb-admin");
    assertThat(entry.get("supersedes").asString()).isNotBlank();
    assertThat(entry.toString()).doesNotContain("089086444444");

    JsonNode profile = http.get("/api/members/" + tuan, admin).json();
    assertThat(profile.get("fullName").asString()).isEqualTo("Trần Văn Tuấn Anh");
    assertThat(profile.get("dateOfBirth").asString()).isEqualTo("1986-01-15");
    assertThat(profile.get("citizenId").asString()).isEqualTo("089086444444");
    JsonNode previous = null;
    for (JsonNode a : profile.get("amendments")) {
      if (a.get("entryId").asString().equals(entry.get("supersedes").asString())) {
        previous = a;
      }
    }
    assertThat(previous).isNotNull();
    assertThat(previous.get("kind").asString()).isEqualTo("IDENTITY_PREVIOUS");
    assertThat(previous.get("superseded").asBoolean()).isTrue();
    assertThat(previous.get("values").get("FULL_NAME").asString()).isEqualTo("Trần Văn Tuấn");
    assertThat(previous.get("values").get("DATE_OF_BIRTH").asString()).isEqualTo("1985-09-02");
    assertThat(values(previous.get("fields"))).contains("CITIZEN_ID");
    assertThat(profile.get("amendments").toString()).doesNotContain("089085222222");

    // the search keys follow: new name and citizen id find the member, the old ones do not
    assertThat(searchIds("tuan%20anh")).containsExactly(tuan);
    assertThat(searchIds("089086444444")).containsExactly(tuan);
    assertThat(searchIds("089085222222")).isEmpty();
    Document stored = mongo.findById(tuan, Document.class, "members");
    assertThat(stored.getInteger("birthYear")).isEqualTo(1986);
    assertThat(stored.toJson()).doesNotContain("089085222222").doesNotContain("089086444444");

    ConsumerRecord<String, byte[]> event = awaitLast("member.events", tuan, IDENTITY_CORRECTED, 1);
    assertThat(EventSchemas.violations(IDENTITY_CORRECTED, event.value())).isEmpty();
    JsonNode payload = json(event);
    assertThat(values(payload.get("fields")))
        .containsExactly("FULL_NAME", "DATE_OF_BIRTH", "CITIZEN_ID");
    assertThat(payload.get("fullName").asString()).isEqualTo("Trần Văn Tuấn Anh");
    assertThat(payload.get("birthYear").asInt()).isEqualTo(1986);
    assertThat(payload.get("entryId").asString()).isEqualTo(entry.get("entryId").asString());
    assertThat(text(event))
        .doesNotContain("089086444444")
        .doesNotContain("089085222222")
        .doesNotContain("Sai ngày sinh");
  }

  @Test
  void aCorrectedNameReachesTheContactsTopicWithTheCompleteContacts() {
    String binh =
        admit(
            with(
                admission("Hoàng Văn Bỉnh", "MALE", "1983-03-03", "089083121212", cellB),
                "phone",
                "0933000111"));
    Map<String, Object> correction = new HashMap<>();
    correction.put("fullName", "Hoàng Văn Bình");
    correction.put("reason", "Sai chính tả");
    correction.put("decisionRef", "CV 45/HU");
    assertThat(http.postJson("/api/members/" + binh + "/corrections", admin, correction).status())
        .isEqualTo(201);
    ConsumerRecord<String, byte[]> contact = awaitLast("member.contacts", binh, CONTACT_CHANGED, 2);
    assertThat(EventSchemas.violations(CONTACT_CHANGED, contact.value())).isEmpty();
    assertThat(json(contact).get("fullName").asString()).isEqualTo("Hoàng Văn Bình");
    assertThat(json(contact).get("phone").asString()).isEqualTo("0933000111");
  }

  @Test
  void correctionsBreakingTheRulesOrByOthersChangeNothing() {
    TestHttp.Response recognised =
        http.postJson(
            "/api/members/" + minh + "/recognise-official",
            admin,
            Map.of("effectiveOn", "2025-05-19"));
    assertThat(recognised.status()).as(recognised.body()).isEqualTo(200);
    long sequence = sequenceOf(minh);
    String lanParty = http.get("/api/members/" + lan, admin).json().get("partyNumber").asString();
    admit(admission("Đặng Văn Trùng", "MALE", "1980-03-03", "089080999999", cellB));

    assertThat(correct(minh, vbAdmin, "officialOn", "2025-01-10").status()).isEqualTo(422);
    assertThat(correct(minh, vbAdmin, "admittedOn", "1995-01-01").json().get("type").asString())
        .endsWith("too-young");
    TestHttp.Response genderOnly = correct(minh, vbAdmin, "gender", "FEMALE");
    assertThat(genderOnly.status()).isEqualTo(400);
    assertThat(fields(genderOnly)).containsExactly("citizenId");
    TestHttp.Response takenId = correct(minh, vbAdmin, "citizenId", "089080999999");
    assertThat(takenId.status()).isEqualTo(409);
    assertThat(correct(minh, vbAdmin, "partyNumber", lanParty).status()).isEqualTo(409);
    assertThat(correct(minh, vbAdmin, "citizenId", "003080333333").status()).isEqualTo(400);
    assertThat(correct(minh, vbAdmin, "fullName", "Lê Văn Minh").json().get("type").asString())
        .endsWith("nothing-to-correct");
    assertThat(correct(minh, vbAdmin, "admittedOn", "2099-01-01").status()).isEqualTo(400);
    assertThat(correct(hai, vbAdmin, "officialOn", "2025-06-01").json().get("type").asString())
        .endsWith("not-official");

    TestHttp.Response noReason =
        http.postJson(
            "/api/members/" + minh + "/corrections", vbAdmin, Map.of("fullName", "Lê Văn Mính"));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(fields(noReason)).containsExactlyInAnyOrder("reason", "decisionRef");

    assertThat(correct(minh, secretaryB, "fullName", "Lê Văn Mính").status()).isEqualTo(403);
    assertThat(correct(minh, vbCommittee, "fullName", "Lê Văn Mính").status()).isEqualTo(403);
    assertThat(correct(minh, otherCommuneAdmin, "fullName", "Lê Văn Mính").status()).isEqualTo(403);
    String minhSelf =
        TestTokens.forUser("minh").roles("member").orgScope("/RC/VB/C02").memberId(minh).sign();
    assertThat(correct(minh, minhSelf, "fullName", "Lê Văn Mính").status()).isEqualTo(403);

    assertThat(sequenceOf(minh)).isEqualTo(sequence);
    JsonNode profile = http.get("/api/members/" + minh, admin).json();
    assertThat(profile.get("fullName").asString()).isEqualTo("Lê Văn Minh");
    assertThat(profile.get("officialOn").asString()).isEqualTo("2025-05-19");
    assertThat(profile.get("amendments")).isEmpty();

    // a consistent official date is corrected
    TestHttp.Response official = correct(minh, vbAdmin, "officialOn", "2025-06-01");
    assertThat(official.status()).as(official.body()).isEqualTo(201);
    ConsumerRecord<String, byte[]> event = awaitLast("member.events", minh, IDENTITY_CORRECTED, 1);
    assertThat(EventSchemas.violations(IDENTITY_CORRECTED, event.value())).isEmpty();
    assertThat(json(event).get("officialOn").asString()).isEqualTo("2025-06-01");
    assertThat(json(event).get("fullName").isNull()).isTrue();
  }

  // ---------------------------------------------------------------- photo

  @Test
  void aPhotoIsSetReadReplacedAndRemovedUnderTheProfileRules() throws Exception {
    byte[] png = image("png");
    HttpResponse<String> set = putPhoto(hai, secretaryA, png, "photo.png", "image/png");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(JSON.readTree(set.body()).get("contentType").asString()).isEqualTo("image/png");

    HttpResponse<byte[]> read = getPhoto(hai, admin);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("Content-Type").orElse("")).startsWith("image/png");
    assertThat(read.body()).isEqualTo(png);
    assertThat(http.get("/api/members/" + hai, admin).json().get("hasPhoto").asBoolean()).isTrue();
    ConsumerRecord<String, byte[]> added = awaitLast("member.events", hai, PHOTO_CHANGED, 1);
    assertThat(EventSchemas.violations(PHOTO_CHANGED, added.value())).isEmpty();
    assertThat(json(added).get("present").asBoolean()).isTrue();
    assertThat(json(added).get("contentType").asString()).isEqualTo("image/png");

    // the member replaces it (declared type missing: judged from the bytes); the old file goes
    byte[] jpeg = image("jpg");
    String haiSelf =
        TestTokens.forUser("hai").roles("member").orgScope("/RC/VB/C01").memberId(hai).sign();
    HttpResponse<String> replaced =
        putPhoto(hai, haiSelf, jpeg, "anh.jpg", "application/octet-stream");
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    assertThat(photoFiles(hai)).isEqualTo(1);
    HttpResponse<byte[]> own = getPhoto(hai, haiSelf);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.headers().firstValue("Content-Type").orElse("")).startsWith("image/jpeg");
    assertThat(own.body()).isEqualTo(jpeg);

    // every read is logged like a profile read
    String auditor = TestTokens.forUser("aud").roles("auditor").orgScope("/RC").sign();
    JsonNode log =
        http.get("/api/members/audit/profile-reads?member=" + hai + "&reader=hai", auditor).json();
    assertThat(log.get("items").get(0).get("what").asString()).isEqualTo("PHOTO");

    // others may neither read nor change it
    assertThat(getPhoto(hai, secretaryB).statusCode()).isEqualTo(403);
    assertThat(getPhoto(hai, tuanSelf).statusCode()).isEqualTo(403);
    assertThat(getPhoto(hai, otherCommuneAdmin).statusCode()).isEqualTo(403);
    assertThat(putPhoto(hai, secretaryB, png, "p.png", "image/png").statusCode()).isEqualTo(403);
    assertThat(putPhoto(hai, tuanSelf, png, "p.png", "image/png").statusCode()).isEqualTo(403);
    assertThat(deletePhoto(hai, otherCommuneAdmin).statusCode()).isEqualTo(403);
    assertThat(deletePhoto(hai, secretaryB).statusCode()).isEqualTo(403);
    assertThat(deletePhoto(hai, tuanSelf).statusCode()).isEqualTo(403);
    assertThat(putPhoto(hai, otherCommuneAdmin, png, "p.png", "image/png").statusCode())
        .isEqualTo(403);
    assertThat(photoFiles(hai)).isEqualTo(1);

    // removed by the member: the file goes, the profile says so, the stream learns it
    assertThat(deletePhoto(hai, haiSelf).statusCode()).isEqualTo(204);
    assertThat(photoFiles(hai)).isZero();
    HttpResponse<byte[]> gone = getPhoto(hai, admin);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(new String(gone.body(), StandardCharsets.UTF_8)).contains("no-photo");
    assertThat(deletePhoto(hai, haiSelf).statusCode()).isEqualTo(404);
    assertThat(http.get("/api/members/" + hai, admin).json().get("hasPhoto").asBoolean()).isFalse();
    ConsumerRecord<String, byte[]> removed = awaitLast("member.events", hai, PHOTO_CHANGED, 3);
    assertThat(EventSchemas.violations(PHOTO_CHANGED, removed.value())).isEmpty();
    assertThat(json(removed).get("present").asBoolean()).isFalse();
  }

  @Test
  void onlyJpegOrPngWithinTheSizeLimitIsAcceptedAndARefusalChangesNothing() throws Exception {
    byte[] png = image("png");
    assertThat(putPhoto(minh, admin, png, "minh.png", "image/png").statusCode()).isEqualTo(200);
    long sequence = sequenceOf(minh);

    HttpResponse<String> gif = putPhoto(minh, admin, image("gif"), "a.gif", "image/gif");
    assertThat(gif.statusCode()).isEqualTo(415);
    assertThat(gif.body()).contains("unsupported-photo");
    HttpResponse<String> text =
        putPhoto(
            minh, admin, "not an image".getBytes(StandardCharsets.UTF_8), "a.png", "image/png");
    assertThat(text.statusCode()).isEqualTo(415);
    HttpResponse<String> mislabelled = putPhoto(minh, admin, png, "a.jpg", "image/jpeg");
    assertThat(mislabelled.statusCode()).isEqualTo(415);
    assertThat(mislabelled.body()).contains("photo-type-mismatch");
    byte[] huge = new byte[2 * 1024 * 1024 + 1];
    System.arraycopy(png, 0, huge, 0, png.length);
    HttpResponse<String> tooLarge = putPhoto(minh, admin, huge, "big.png", "image/png");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    HttpResponse<String> empty = putPhoto(minh, admin, new byte[0], "e.png", "image/png");
    assertThat(empty.statusCode()).isEqualTo(400);

    assertThat(sequenceOf(minh)).isEqualTo(sequence);
    assertThat(photoFiles(minh)).isEqualTo(1);
    assertThat(getPhoto(minh, admin).body()).isEqualTo(png);
  }

  // ---------------------------------------------------------------- helpers

  // ---------------------------------------------------------------- background

  @Test
  void theSecretaryRecordsACompletedCourseAndANewJobTheOldValuesStayAndOthersChangeNothing()
      throws Exception {
    String nga =
        admit(
            with(
                admission("Võ Thị Nga", "FEMALE", "1988-03-03", "089188444444", cellA),
                "education",
                "12/12",
                "politicalTheoryLevel",
                "SO_CAP",
                "occupation",
                "Nông dân"));
    Map<String, Object> body = new HashMap<>();
    body.put("education", "12/12");
    body.put("professionalQualification", "Đại học");
    body.put("politicalTheoryLevel", "TRUNG_CAP");
    body.put("occupation", "Giáo viên");
    body.put("basis", "Bằng tốt nghiệp Trung cấp LLCT số 1234/TC");

    // another cell's secretary, the member herself, another commune: refused, nothing changes
    long sequence = sequenceOf(nga);
    assertThat(put("/api/members/" + nga + "/background", secretaryB, body).status())
        .isEqualTo(403);
    String ngaSelf =
        TestTokens.forUser("nga").roles("member").orgScope("/RC/VB/C01").memberId(nga).sign();
    assertThat(put("/api/members/" + nga + "/background", ngaSelf, body).status()).isEqualTo(403);
    assertThat(put("/api/members/" + nga + "/background", otherCommuneAdmin, body).status())
        .isEqualTo(403);
    Map<String, Object> bad = new HashMap<>(body);
    bad.put("education", "13/12");
    bad.put("politicalTheoryLevel", "THAC_SI");
    TestHttp.Response refused = put("/api/members/" + nga + "/background", secretaryA, bad);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(fields(refused)).containsExactlyInAnyOrder("education", "politicalTheoryLevel");
    assertThat(sequenceOf(nga)).isEqualTo(sequence);

    TestHttp.Response updated = put("/api/members/" + nga + "/background", secretaryA, body);
    assertThat(updated.status()).as(updated.body()).isEqualTo(201);
    assertThat(values(updated.json().get("fields")))
        .containsExactly("PROFESSIONAL_QUALIFICATION", "POLITICAL_THEORY_LEVEL", "OCCUPATION");
    ConsumerRecord<String, byte[]> event =
        awaitLast("member.events", nga, "vn.digicell.member.background-updated.v1", 1);
    assertThat(EventSchemas.violations("vn.digicell.member.background-updated.v1", event.value()))
        .isEmpty();
    assertThat(json(event).get("politicalTheoryLevel").asString()).isEqualTo("TRUNG_CAP");
    // free text is named, never carried
    assertThat(text(event)).doesNotContain("Giáo viên").doesNotContain("Đại học");

    JsonNode profile = http.get("/api/members/" + nga, admin).json();
    assertThat(profile.get("politicalTheoryLevel").asString()).isEqualTo("TRUNG_CAP");
    assertThat(profile.get("occupation").asString()).isEqualTo("Giáo viên");
    List<JsonNode> entries = new ArrayList<>();
    profile.get("amendments").forEach(entries::add);
    JsonNode previous =
        entries.stream()
            .filter(e -> e.get("kind").asString().equals("BACKGROUND_PREVIOUS"))
            .findFirst()
            .orElseThrow();
    assertThat(previous.get("superseded").asBoolean()).isTrue();
    assertThat(previous.get("values").get("OCCUPATION").asString()).isEqualTo("Nông dân");
    assertThat(previous.get("values").get("POLITICAL_THEORY_LEVEL").asString()).isEqualTo("SO_CAP");
    JsonNode update =
        entries.stream()
            .filter(e -> e.get("kind").asString().equals("BACKGROUND_UPDATE"))
            .findFirst()
            .orElseThrow();
    assertThat(update.get("supersedes").asString()).isEqualTo(previous.get("entryId").asString());
    assertThat(update.get("decisionRef").asString()).contains("1234/TC");
    assertThat(update.get("recordedBy").asString()).isEqualTo("sec-a");

    // the same again: nothing to record
    long after = sequenceOf(nga);
    assertThat(put("/api/members/" + nga + "/background", secretaryA, body).status())
        .isEqualTo(200);
    assertThat(sequenceOf(nga)).isEqualTo(after);
  }

  private TestHttp.Response correct(String id, String token, String field, String value) {
    Map<String, Object> body = new HashMap<>();
    body.put(field, value);
    body.put("reason", "Đối chiếu hồ sơ gốc");
    body.put("decisionRef", "QĐ 7/QĐ-HU");
    return http.postJson("/api/members/" + id + "/corrections", token, body);
  }

  private List<String> searchIds(String q) {
    TestHttp.Response r = http.get("/api/members/search?under=/RC&q=" + q, admin);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    r.json().get("items").forEach(i -> ids.add(i.get("id").asString()));
    return ids;
  }

  private long sequenceOf(String id) {
    Document stored = mongo.findById(id, Document.class, "members");
    return ((Number) stored.get("sequence")).longValue();
  }

  private long photoFiles(String memberId) {
    return mongo.count(Query.query(Criteria.where("metadata.memberId").is(memberId)), "fs.files");
  }

  private static byte[] image(String format) throws Exception {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    img.setRGB(3, 3, 0xCC0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(img, format, out)).isTrue();
    return out.toByteArray();
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

  private static Map<String, Object> admission(
      String name, String gender, String born, String citizenId, String cell) {
    Map<String, Object> body = new HashMap<>();
    body.put("fullName", name);
    body.put("gender", gender);
    body.put("dateOfBirth", born);
    body.put("citizenId", citizenId);
    body.put("orgUnitId", cell);
    body.put("admittedOn", "2024-05-19");
    body.put("ethnicity", "Kinh");
    return body;
  }

  private static Map<String, Object> with(Map<String, Object> body, String... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      body.put(pairs[i], pairs[i + 1]);
    }
    return body;
  }

  private String admit(Map<String, Object> body) {
    TestHttp.Response r = http.postJson("/api/members", admin, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private int rosterSize(String cell) {
    TestHttp.Response r = http.get("/api/members?orgUnit=" + cell + "&size=200", admin);
    assertThat(r.status()).isEqualTo(200);
    return r.json().get("items").size();
  }

  private static List<String> fields(TestHttp.Response r) {
    List<String> fields = new ArrayList<>();
    r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
    return fields;
  }

  private static List<String> values(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asString()));
    return out;
  }

  private static JsonNode json(ConsumerRecord<String, byte[]> record) {
    return JSON.readTree(record.value());
  }

  private static String text(ConsumerRecord<String, byte[]> record) {
    return new String(record.value(), StandardCharsets.UTF_8);
  }

  private static ConsumerRecord<String, byte[]> first(String topic, String key) {
    return TestTopics.awaitRecords(topic, key, 1).get(0);
  }

  /** Waits until {@code count} records of this type are on the topic; returns the last. */
  private static ConsumerRecord<String, byte[]> awaitLast(
      String topic, String key, String type, int count) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              found.clear();
              TestTopics.read(topic, key).stream()
                  .filter(r -> type.equals(TestTopics.headers(r).get("ce_type")))
                  .forEach(found::add);
              return found.size() >= count;
            });
    assertThat(found).hasSize(count);
    return found.get(count - 1);
  }

  private TestHttp.Response put(String path, String token, Map<String, Object> body)
      throws Exception {
    return putRaw(path, token, JSON.writeValueAsString(body));
  }

  private TestHttp.Response putRaw(String path, String token, String body) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new TestHttp.Response(r.statusCode(), r.headers().map(), r.body());
  }

  private final String boundary = "----digicell-photo";

  private HttpRequest.Builder multipart(
      String path, String token, String fileName, String type, byte[] bytes) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary);
  }

  private HttpRequest.BodyPublisher bodyOf(byte[] bytes, String fileName, String type) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: "
                + type
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(bytes);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
  }

  private HttpResponse<String> putPhoto(
      String id, String token, byte[] bytes, String fileName, String type) throws Exception {
    return client.send(
        multipart("/api/members/" + id + "/photo", token, fileName, type, bytes)
            .PUT(bodyOf(bytes, fileName, type))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> getPhoto(String id, String token) throws Exception {
    return client.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/members/" + id + "/photo"))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> deletePhoto(String id, String token) throws Exception {
    return client.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/members/" + id + "/photo"))
            .header("Authorization", "Bearer " + token)
            .DELETE()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
