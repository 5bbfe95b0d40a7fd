package vn.digicell.member.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/**
 * Key rotation as an operator runs it: k1 was the key, k2 now writes, k1 still reads; the
 * re-encryption job rewrites what k1 (or no key id) sealed, shows its progress, and resumes where
 * it stood when the instance holding it died.
 */
@DigiCellIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
    properties = {
      "digicell.member.crypto.encryption-key-id=k1",
      "digicell.member.crypto.keys.k2=AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=",
      "digicell.member.crypto.write-key-id=k2",
      "digicell.member.crypto.reencryption-resume-ms=3600000"
    })
class KeyRotationTest {

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;
  @Autowired Reencryption reencryption;
  @Autowired SensitiveData.Keys keys;

  TestHttp http;
  String admin;
  String it;
  String cell;
  SensitiveData k1Only;
  int citizen;

  @BeforeAll
  void tree() {
    http = new TestHttp("http://localhost:" + port);
    admin = TestTokens.forUser("admin").grant("org-admin", "/KR").grant("committee", "/KR").sign();
    it = TestTokens.forUser("it").grant("it-admin", "/KR").sign();
    String province = create("KR", "PROVINCE", null);
    String commune = create("VB", "COMMUNE", province);
    cell = create("C01", "CELL", commune);
    // the configuration before the rotation: only k1 (the legacy encryption-key) and the same HMAC
    k1Only =
        new SensitiveData(
            new SensitiveData.Keys(keys.encryptionKey(), "k1", null, null, null, keys.hmacKey()));
  }

  @Test
  void recordsSealedByTheOldKeyAreReadThenRewrittenByTheJob() {
    String a = admit("Nguyễn Văn Cũ");
    String b = admit("Trần Văn Mới");
    String citizenA = citizenOf(a);
    // a was written before the rotation: its citizen id before key ids existed, its phone by k1
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(a)),
        new Update()
            .set(
                "citizenIdEncrypted",
                KeysAndExportCellsTest.legacySeal(keys.encryptionKey(), citizenA))
            .set("phoneEncrypted", k1Only.encrypt("0987654321")),
        "members");
    assertThat(raw(b).getString("phoneEncrypted")).startsWith("k2:");

    JsonNode profile = http.get("/api/members/" + a, admin).json();
    assertThat(profile.get("citizenId").asString()).isEqualTo(citizenA);
    assertThat(profile.get("phone").asString()).isEqualTo("0987654321");
    JsonNode found = http.get("/api/members/search?q=" + citizenA + "&under=/KR", admin).json();
    assertThat(found.get("items")).hasSize(1);

    assertThat(http.get("/api/admin/reencryption", it).status()).isEqualTo(200);
    String cellAdmin = TestTokens.forUser("it-cell").grant("it-admin", "/KR/VB/C01").sign();
    assertThat(http.post("/api/admin/reencryption", cellAdmin, "").status()).isEqualTo(403);
    assertThat(http.post("/api/admin/reencryption", admin, "").status()).isEqualTo(403);

    TestHttp.Response started = http.post("/api/admin/reencryption", it, "");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "COMPLETED"
                    .equals(
                        http.get("/api/admin/reencryption", it).json().get("state").asString()));
    JsonNode progress = http.get("/api/admin/reencryption", it).json();
    assertThat(progress.get("writeKeyId").asString()).isEqualTo("k2");
    assertThat(progress.get("scanned").asLong()).isEqualTo(progress.get("total").asLong());
    assertThat(progress.get("rewritten").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(progress.get("percent").asInt()).isEqualTo(100);
    assertThat(progress.hasNonNull("heartbeat")).as("the holder's last beat").isTrue();

    Document rewritten = raw(a);
    for (String field : Reencryption.FIELDS) {
      String value = rewritten.getString(field);
      assertThat(value == null || value.startsWith("k2:")).as(field + " = " + value).isTrue();
    }
    profile = http.get("/api/members/" + a, admin).json();
    assertThat(profile.get("citizenId").asString()).isEqualTo(citizenA);
    assertThat(profile.get("phone").asString()).isEqualTo("0987654321");
    assertThat(
            http.get("/api/members/search?q=" + citizenA + "&under=/KR", admin).json().get("items"))
        .hasSize(1);
  }

  @Test
  void aJobWhoseHolderDiedGoesOnFromItsLastSavedBatch() {
    List<String> ids = new java.util.ArrayList<>(List.of(admit("Lê Văn Một"), admit("Lê Văn Hai")));
    java.util.Collections.sort(ids);
    for (String id : ids) {
      mongo.updateFirst(
          Query.query(Criteria.where("_id").is(id)),
          new Update().set("phoneEncrypted", k1Only.encrypt("0911111111")),
          "members");
    }
    // a job another instance ran up to the first of them, then died (its lease ran out)
    Date lastBeat = Date.from(Instant.now().minus(Reencryption.LEASE).minusSeconds(1));
    mongo.save(
        new Document("_id", Reencryption.JOB)
            .append("state", "RUNNING")
            .append("writeKeyId", "k2")
            .append("total", mongo.count(new Query(), "members"))
            .append("scanned", 1L)
            .append("rewritten", 0L)
            .append("skipped", 0L)
            .append("lastId", ids.get(0))
            .append("owner", "a-dead-instance")
            .append("heartbeatAt", lastBeat)
            .append("startedAt", new Date()),
        Reencryption.COLLECTION);

    reencryption.resume();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "COMPLETED"
                    .equals(
                        mongo
                            .findById(Reencryption.JOB, Document.class, Reencryption.COLLECTION)
                            .getString("state")));
    Document job = mongo.findById(Reencryption.JOB, Document.class, Reencryption.COLLECTION);
    assertThat(job.getString("owner")).isNotEqualTo("a-dead-instance");
    assertThat(job.getDate("heartbeatAt")).isAfter(lastBeat);
    // the batch before the saved position was the dead instance's; after it, all rewritten
    assertThat(raw(ids.get(0)).getString("phoneEncrypted")).startsWith("k1:");
    assertThat(raw(ids.get(1)).getString("phoneEncrypted")).startsWith("k2:");
    JsonNode profile = http.get("/api/members/" + ids.get(0), admin).json();
    assertThat(profile.get("phone").asString()).isEqualTo("0911111111");
  }

  private Document raw(String id) {
    return mongo.findById(id, Document.class, "members");
  }

  private String citizenOf(String id) {
    return http.get("/api/members/" + id, admin).json().get("citizenId").asString();
  }

  private String create(String code, String kind, String parent) {
    Map<String, Object> body = new HashMap<>();
    body.put("code", code);
    body.put("name", "Đơn vị " + code);
    body.put("kind", kind);
    body.put("parentId", parent);
    TestHttp.Response created = http.postJson("/api/org-units", admin, body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private String admit(String name) {
    Map<String, Object> body = new HashMap<>();
    body.put("fullName", name);
    body.put("gender", "MALE");
    body.put("dateOfBirth", "1980-05-05");
    body.put("citizenId", "089080%06d".formatted(++citizen));
    body.put("orgUnitId", cell);
    body.put("admittedOn", LocalDate.now().minusYears(2).toString());
    body.put("phone", "0912345678");
    TestHttp.Response admitted = http.postJson("/api/members", admin, body);
    assertThat(admitted.status()).as(admitted.body()).isEqualTo(201);
    return admitted.json().get("id").asString();
  }
}
