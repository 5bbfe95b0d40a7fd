package vn.digicell.document.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.platform.test.ParityContainers;
import vn.digicell.platform.test.ParityTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTopics;

/** document-service keeping content in GridFS on a replica set, announcing it on real Kafka. */
@ParityTest
class DocumentParityTest {

  static final String C07 = "/AG/VB/C07";
  static final byte[] PDF =
      "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"
          .getBytes(StandardCharsets.US_ASCII);

  @DynamicPropertySource
  static void containers(DynamicPropertyRegistry registry) {
    ParityContainers.register(registry, "digicell-document-parity");
  }

  @LocalServerPort int port;
  final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<byte[]> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aDocumentUploadedWithAKeycloakTokenIsKeptAnnouncedAndReadOnlyInItsCell() throws Exception {
    String secretary =
        ParityContainers.user("parity-doc-secretary")
            .roles("member", "cell-secretary")
            .orgScope(C07)
            .token();
    String metadata =
        """
        {"title":"Nghị quyết 57-NQ/TW","kind":"RESOLUTION","number":"57-NQ/TW",\
        "issuingBody":"Bộ Chính trị","issuedOn":"2024-12-22","summary":"Khoa học, công nghệ",\
        "tags":["chuyển đổi số"],"visibility":"SUBTREE","orgPath":"%s"}"""
            .formatted(C07);
    String boundary = "----parity" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + metadata
                + "\r\n"
                + "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\";"
                + " filename=\"nq57.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(PDF);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> uploaded =
        send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/documents"))
                .header("Authorization", "Bearer " + secretary)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    String response = new String(uploaded.body(), StandardCharsets.UTF_8);
    assertThat(uploaded.statusCode()).as(response).isEqualTo(201);
    String id =
        new TestHttp.Response(201, uploaded.headers().map(), response).json().get("id").asString();

    String member =
        ParityContainers.user("parity-doc-member").roles("member").orgScope(C07).token();
    HttpResponse<byte[]> content =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + port
                            + "/api/documents/"
                            + id
                            + "/versions/1/content"))
                .header("Authorization", "Bearer " + member)
                .build());
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.body()).isEqualTo(PDF);

    ConsumerRecord<String, byte[]> event =
        ParityContainers.awaitRecords("document.events", id, 1).get(0);
    String type = TestTopics.headers(event).get("ce_type");
    assertThat(EventSchemas.isKnown(type)).as(type).isTrue();
    assertThat(EventSchemas.violations(type, event.value())).isEmpty();

    TestHttp http = new TestHttp("http://localhost:" + port);
    String otherCell =
        ParityContainers.user("parity-doc-c08").roles("member").orgScope("/AG/VB/C08").token();
    assertThat(http.get("/api/documents/" + id, otherCell).status()).isEqualTo(404);
  }
}
