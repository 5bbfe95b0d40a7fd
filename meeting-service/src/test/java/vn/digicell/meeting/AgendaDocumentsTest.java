package vn.digicell.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;

/** Agenda items show their documents as document-service last announced them. */
@DigiCellIntegrationTest
class AgendaDocumentsTest {

  static final String SHA = "a".repeat(64);

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;

  @Test
  void agendaDocumentsFollowTheLibrarysTitleVersionAndRetraction() {
    TestHttp http = new TestHttp("http://localhost:" + port);
    Fixtures fixtures = new Fixtures(publisher);
    String code = Fixtures.newCellCode();
    String path = "/AG/VB/" + code;
    String cellId = fixtures.cell(code);
    String secretary = MeetingFlowTest.secretaryOf(path);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> http.get("/api/cells/" + cellId + "/roster", secretary).status() == 200);
    String doc = "doc-" + UUID.randomUUID();
    String unknown = "doc-" + UUID.randomUUID();
    TestHttp.Response scheduled =
        http.postJson(
            "/api/meetings",
            secretary,
            Map.of(
                "cellId", cellId,
                "kind", "REGULAR",
                "mode", "IN_PERSON",
                "title", "Sinh hoạt chi bộ",
                "startsAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(2).toString(),
                "location", "Ấp",
                "agenda",
                    List.of(
                        Map.of("title", "Học nghị quyết", "documentIds", List.of(doc, unknown)))));
    assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);
    String meetingId = scheduled.json().get("id").asString();
    JsonNode before = scheduled.json().get("agenda").get(0).get("documents");
    assertThat(before).hasSize(2);
    assertThat(before.get(0).hasNonNull("title")).isFalse();

    publish(
        doc,
        1,
        "vn.digicell.document.published.v1",
        """
        {"documentId":"%s","title":"Nghị quyết 57-NQ/TW","kind":"RESOLUTION","orgPath":"/AG",\
        "visibility":"PUBLIC","version":{"number":1,"mediaType":"application/pdf","size":10,\
        "sha256":"%s"}}"""
            .formatted(doc, SHA));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> "Nghị quyết 57-NQ/TW".equals(document(http, secretary, meetingId, 0, "title")));
    publish(
        doc,
        2,
        "vn.digicell.document.version-added.v1",
        """
        {"documentId":"%s","orgPath":"/AG","version":{"number":2,"mediaType":"application/pdf",\
        "size":12,"sha256":"%s"}}"""
            .formatted(doc, SHA));
    publish(
        doc,
        3,
        "vn.digicell.document.metadata-changed.v1",
        """
        {"documentId":"%s","orgPath":"/AG","title":"Nghị quyết 57-NQ/TW (bản hợp nhất)",\
        "kind":"RESOLUTION","visibility":"PUBLIC","changedFields":["title"]}"""
            .formatted(doc));
    publish(
        doc,
        4,
        "vn.digicell.document.retracted.v1",
        """
        {"documentId":"%s","orgPath":"/AG","reason":"Ban hành nhầm","retractedAt":"2026-11-01T00:00:00Z"}"""
            .formatted(doc));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "true".equals(document(http, secretary, meetingId, 0, "retracted")));
    JsonNode documents =
        http.get("/api/meetings/" + meetingId, secretary)
            .json()
            .get("agenda")
            .get(0)
            .get("documents");
    assertThat(documents.get(0).get("title").asString())
        .isEqualTo("Nghị quyết 57-NQ/TW (bản hợp nhất)");
    assertThat(documents.get(0).get("version").asInt()).isEqualTo(2);
    assertThat(documents.get(1).get("documentId").asString()).isEqualTo(unknown);
    assertThat(documents.get(1).get("retracted").asBoolean()).isFalse();
    // lists show the same
    JsonNode listed = http.get("/api/meetings?cellId=" + cellId, secretary).json().get(0);
    assertThat(listed.get("agenda").get(0).get("documents").get(0).get("retracted").asBoolean())
        .isTrue();
  }

  void publish(String doc, long seq, String type, String payload) {
    publisher.publish(Fixtures.event(type, "document.events", doc, seq, "/AG", payload));
  }

  static String document(TestHttp http, String token, String meetingId, int index, String field) {
    JsonNode d =
        http.get("/api/meetings/" + meetingId, token)
            .json()
            .get("agenda")
            .get(0)
            .get("documents")
            .get(index)
            .get(field);
    return d == null || d.isNull() ? null : d.asString();
  }
}
