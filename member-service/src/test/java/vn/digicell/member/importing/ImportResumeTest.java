package vn.digicell.member.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import tools.jackson.databind.JsonNode;
import vn.digicell.member.MemberServiceApplication;
import vn.digicell.member.member.Gender;
import vn.digicell.member.member.Member;
import vn.digicell.member.member.MemberService;
import vn.digicell.member.orgunit.OrgUnit;
import vn.digicell.member.orgunit.OrgUnitService;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestInfrastructure;
import vn.digicell.platform.test.TestSecrets;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

/**
 * A register import outlives the replica that took it: a replica killed in the middle of a batch
 * leaves a job another replica finishes, and a replica stopped for a rolling update hands its job
 * over; either way every member is admitted once, published once and counted once.
 */
@DigiCellIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportResumeTest {

  static final String DATABASE = "importresumetest";

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;
  @Autowired LegacyImport imports;
  @Autowired MemberService members;
  @Autowired OrgUnitService orgUnits;

  TestHttp http;
  String admin;

  @BeforeAll
  void tree() {
    http = new TestHttp("http://localhost:" + port);
    admin = TestTokens.forUser("admin").roles("org-admin", "committee").orgScope("/AG").sign();
    String province = create("AG", "PROVINCE", null);
    String vb = create("VB", "COMMUNE", province);
    create("C01", "CELL", vb);
    create("C02", "CELL", vb);
  }

  private String create(String code, String kind, String parent) {
    return vn.digicell.member.TestOrgUnits.create(http, admin, code, kind, parent);
  }

  /** Row {@code i} of a register (citizen ids from {@code first}), as the template writes it. */
  private static String row(int first, int i) {
    boolean woman = i % 2 == 0;
    return (woman ? "Nguyễn Thị Tiếp " : "Trần Văn Tiếp ")
        + i
        + ";"
        + (woman ? "Nữ" : "Nam")
        + ";15/03/1975;089"
        + (woman ? "1" : "0")
        + "75"
        + String.format("%06d", first + i)
        + ";"
        + (i % 3 == 0 ? "C02" : "C01")
        + ";19/05/2000\n";
  }

  private static String register(int first, int rows) {
    StringBuilder csv =
        new StringBuilder("\uFEFFfullName;gender;dateOfBirth;citizenId;cell;admittedOn\n");
    for (int i = 0; i < rows; i++) {
      csv.append(row(first, i));
    }
    return csv.toString();
  }

  private JsonNode job(String id) {
    return http.get("/api/imports/" + id, admin).json();
  }

  private String owner(String id) {
    Document job = mongo.getCollection("import_jobs").find(new Document("_id", id)).first();
    return job == null ? null : job.getString("owner");
  }

  private JsonNode awaitCompleted(String id) {
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> !"RUNNING".equals(job(id).get("status").asString()));
    JsonNode job = job(id);
    assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
    return job;
  }

  /** The members a register admitted: by citizen id (hash), each must be there exactly once. */
  private List<Document> admitted(String surname) {
    return mongo
        .getCollection("members")
        .find(new Document("fullName", new Document("$regex", "^" + surname)))
        .into(new ArrayList<>());
  }

  private static void assertOncePerPerson(List<Document> found, int expected) {
    Set<Object> hashes = new HashSet<>();
    found.forEach(m -> hashes.add(m.get("citizenIdHash")));
    assertThat(found).as("members admitted").hasSize(expected);
    assertThat(hashes).as("distinct people").hasSize(expected);
  }

  /** member.admitted records per admitted member on the stream: exactly one each. */
  private static void assertPublishedOnce(List<Document> found) {
    Set<String> ids = new HashSet<>();
    found.forEach(m -> ids.add(m.getString("_id")));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Map<String, Integer> perMember = new HashMap<>();
              TestTopics.readAll("member.events").stream()
                  .filter(r -> ids.contains(r.key()))
                  .filter(
                      r ->
                          "vn.digicell.member.admitted.v1"
                              .equals(TestTopics.headers(r).get("ce_type")))
                  .forEach(r -> perMember.merge(r.key(), 1, Integer::sum));
              assertThat(perMember)
                  .as("members with their admission published")
                  .hasSize(ids.size());
              assertThat(perMember.values()).as("admissions published per member").containsOnly(1);
            });
  }

  @Test
  void aJobWhoseReplicaWasKilledMidBatchIsFinishedElsewhereCountingEveryoneOnce() throws Exception {
    int rows = 1_200;
    String csv = register(200_000, rows);
    String jobId = UUID.randomUUID().toString();
    GridFsTemplate uploads =
        new GridFsTemplate(
            mongo.getMongoDatabaseFactory(), mongo.getConverter(), LegacyImport.UPLOADS);
    ObjectId upload =
        uploads.store(
            new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
            "so-dang-vien.csv",
            "text/csv");

    // what a replica SIGKILLed in its second batch leaves: the first batch (lines 2-501) saved and
    // counted, 200 rows of the second (lines 502-701) saved with their events, not yet counted
    OrgUnit c01 = orgUnits.findByPath("/AG/VB/C01").orElseThrow();
    OrgUnit c02 = orgUnits.findByPath("/AG/VB/C02").orElseThrow();
    List<Member> saved = new ArrayList<>();
    List<String> numbers = members.reservePartyNumbers(700);
    for (int i = 0; i < 700; i++) {
      String[] cells = row(200_000, i).strip().split(";");
      MemberService.LegacyMember legacy =
          new MemberService.LegacyMember(
              null,
              cells[0],
              "Nữ".equals(cells[1]) ? Gender.FEMALE : Gender.MALE,
              LocalDate.of(1975, 3, 15),
              cells[3],
              LocalDate.of(2000, 5, 19),
              null,
              null,
              null,
              null,
              null,
              null,
              null);
      saved.add(
          members.prepareLegacy(
              LegacyImport.memberId(jobId, i + 2),
              legacy,
              "C02".equals(cells[4]) ? c02 : c01,
              numbers.get(i),
              "admin"));
    }
    assertThat(members.insertAll(saved)).hasSize(700);
    Instant killedAt = Instant.now().minus(Duration.ofMinutes(5));
    String killed = "replica-killed-" + UUID.randomUUID();
    mongo.insert(
        new ImportJob(
            jobId,
            "/AG/VB",
            "so-dang-vien.csv",
            "admin",
            ImportJob.Status.RUNNING,
            rows,
            500,
            500,
            0,
            0,
            List.of(),
            killedAt,
            null,
            upload.toHexString(),
            false,
            "vi",
            killed,
            killedAt));

    // the next check of any replica takes it over (the scheduled check may get there first)
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> imports.resumeAbandoned() || !killed.equals(owner(jobId)));
    JsonNode done = awaitCompleted(jobId);
    assertThat(done.get("processedRows").asInt()).isEqualTo(rows);
    assertThat(done.get("importedRows").asInt())
        .as("each admitted member counted once")
        .isEqualTo(rows);
    assertThat(done.get("alreadyOnRecord").asInt()).isZero();
    assertThat(done.get("rejectedRows").asInt()).isZero();

    List<Document> found = admitted("(Nguyễn Thị|Trần Văn) Tiếp ");
    assertOncePerPerson(found, rows);
    assertPublishedOnce(found);
    assertThat(uploads.findOne(Query.query(Criteria.where("_id").is(upload))))
        .as("the stored file is deleted once the job ends")
        .isNull();
  }

  @Test
  void aReplicaStoppedForARollingUpdateHandsItsJobToAnother() throws Exception {
    Map<String, Object> properties =
        new LinkedHashMap<>(TestInfrastructure.serviceProperties(DATABASE));
    properties.putAll(TestSecrets.properties());
    properties.put("server.port", "0");
    // B takes over nothing itself: the test's replica (A) is the one left running
    properties.put("digicell.member.import.resume-every", "PT1H");
    ConfigurableApplicationContext replicaB =
        new SpringApplicationBuilder(MemberServiceApplication.class)
            .web(WebApplicationType.SERVLET)
            .run(
                properties.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new));
    int rows = 4_000;
    String id;
    try {
      int portB = ((WebServerApplicationContext) replicaB).getWebServer().getPort();
      String boundary = "----digicell" + System.nanoTime();
      String body =
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dot-2.csv\""
              + "\r\nContent-Type: text/csv\r\n\r\n"
              + register(300_000, rows).replace("Tiếp", "Chuyển")
              + "\r\n--"
              + boundary
              + "--\r\n";
      HttpResponse<String> started =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + portB + "/api/imports?under=/AG/VB"))
                      .header("Authorization", "Bearer " + admin)
                      .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                      .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      id =
          tools.jackson.databind.json.JsonMapper.shared()
              .readTree(started.body())
              .get("id")
              .asString();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> job(id).get("processedRows").asInt() >= 500);
    } finally {
      replicaB.close();
    }
    Document handedBack = mongo.getCollection("import_jobs").find(new Document("_id", id)).first();
    assertThat(handedBack.getString("status")).isEqualTo("RUNNING");
    assertThat(handedBack.getInteger("processedRows")).as("B stopped part-way").isLessThan(rows);

    // handed back, not left to a lease running out: taken over within seconds, not a minute
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> imports.resumeAbandoned() || owner(id) != null);
    JsonNode done = awaitCompleted(id);
    assertThat(done.get("importedRows").asInt()).isEqualTo(rows);
    assertThat(done.get("alreadyOnRecord").asInt()).isZero();
    List<Document> found = admitted("(Nguyễn Thị|Trần Văn) Chuyển ");
    assertOncePerPerson(found, rows);
    assertPublishedOnce(found);
  }
}
