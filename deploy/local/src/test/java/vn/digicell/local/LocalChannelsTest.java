package vn.digicell.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local SMTP server and the stand-in SMS/Zalo provider, on shifted ports: a real mail over SMTP
 * is listed, provider calls are recorded and answered like the real APIs, and the receipt comes
 * back to notification-service's receipt endpoint with the shared secret.
 */
class LocalChannelsTest {

  final HttpClient http = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();

  @Test
  void mailsAndProviderMessagesAreRecordedAndReceiptsSentBack() throws Exception {
    List<String> receipts = new CopyOnWriteArrayList<>();
    HttpServer notification = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    notification.createContext(
        "/api/notifications/delivery-receipts/",
        exchange -> {
          receipts.add(
              exchange.getRequestURI().getPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("X-Receipt-Secret")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    notification.start();
    Ports ports = Ports.withOffset(23000 + (int) (ProcessHandle.current().pid() % 500));
    try (LocalChannels channels =
        LocalChannels.start(
            ports, URI.create("http://localhost:" + notification.getAddress().getPort()))) {
      Properties props = new Properties();
      props.put("mail.smtp.host", "localhost");
      props.put("mail.smtp.port", String.valueOf(ports.smtp()));
      MimeMessage mail = new MimeMessage(Session.getInstance(props));
      mail.setFrom(new InternetAddress("no-reply@digicell.vn"));
      mail.setRecipient(Message.RecipientType.TO, new InternetAddress("an@example.vn"));
      mail.setSubject("Lịch sinh hoạt: Họp chi bộ", "UTF-8");
      // as notification-service sends them: plain text and HTML alternatives
      jakarta.mail.internet.MimeMultipart alternatives =
          new jakarta.mail.internet.MimeMultipart("alternative");
      jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
      text.setText("Hội trường ấp 7", "UTF-8");
      jakarta.mail.internet.MimeBodyPart html = new jakarta.mail.internet.MimeBodyPart();
      html.setText("<p>Hội trường ấp 7</p>", "UTF-8", "html");
      alternatives.addBodyPart(text);
      alternatives.addBodyPart(html);
      mail.setContent(alternatives);
      Transport.send(mail);

      JsonNode mails = get("http://localhost:" + ports.mailViewer() + "/mails");
      assertThat(mails.get(0).get("subject").asString()).isEqualTo("Lịch sinh hoạt: Họp chi bộ");
      assertThat(mails.get(0).get("to").get(0).asString()).isEqualTo("an@example.vn");
      assertThat(mails.get(0).get("body").asString()).isEqualTo("Hội trường ấp 7");
      assertThat(mails.get(0).get("html").asBoolean()).isTrue();

      String provider = "http://localhost:" + ports.providers();
      JsonNode sms =
          post(
              provider + "/sms/v1/messages",
              "{\"brandname\":\"DIGICELL\",\"phone\":\"0912345678\",\"text\":\"Hop chi bo\",\"requestId\":\"r1\"}");
      String smsId = sms.get("messageId").asString();
      JsonNode zalo =
          post(
              provider + "/zalo/v3.0/oa/message/cs",
              "{\"recipient\":{\"user_id\":\"z-1\"},\"message\":{\"text\":\"Họp\"}}");
      assertThat(zalo.get("error").asInt()).isZero();
      String zaloId = zalo.get("data").get("message_id").asString();

      JsonNode messages = get(provider + "/messages");
      assertThat(messages).hasSize(2);
      assertThat(messages.get(0).get("channel").asString()).isEqualTo("zalo");
      assertThat(messages.get(1).get("to").asString()).isEqualTo("0912345678");

      await().atMost(Duration.ofSeconds(15)).until(() -> receipts.size() == 2);
      assertThat(receipts)
          .anyMatch(
              r ->
                  r.startsWith("/api/notifications/delivery-receipts/sms local-receipt-secret")
                      && r.contains(smsId)
                      && r.contains("DELIVERED"))
          .anyMatch(
              r -> r.startsWith("/api/notifications/delivery-receipts/zalo") && r.contains(zaloId));
      HttpResponse<String> unknown =
          http.send(
              HttpRequest.newBuilder(URI.create(provider + "/nowhere"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(unknown.statusCode()).isEqualTo(404);
    } finally {
      notification.stop(0);
    }
  }

  private JsonNode get(String uri) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return json.readTree(r.body());
  }

  private JsonNode post(String uri, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return json.readTree(r.body());
  }
}
