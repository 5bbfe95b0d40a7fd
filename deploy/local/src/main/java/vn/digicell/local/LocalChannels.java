package vn.digicell.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What notification-service delivers to on the local platform, in the launcher's JVM: a real SMTP
 * server (GreenMail) whose mails are listed at {@code GET /mails} on the mail viewer port and
 * logged, and a stand-in SMS (brandname JSON API) and Zalo OA provider that records every message
 * ({@code GET /messages}), answers like the real ones, and sends the delivery receipt back to
 * notification-service a moment later.
 */
final class LocalChannels implements AutoCloseable {

  /** The shared secret the stand-in provider signs its receipts with (local only). */
  static final String RECEIPT_SECRET = "local-receipt-secret";

  static final int KEEP = 500;
  private static final Logger log = LoggerFactory.getLogger(LocalChannels.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final GreenMail smtp;
  private final HttpServer mailViewer;
  private final HttpServer providers;
  private final URI notification;
  private final ConcurrentLinkedDeque<Map<String, Object>> messages = new ConcurrentLinkedDeque<>();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "local-channels");
            t.setDaemon(true);
            return t;
          });
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** GreenMail lists messages mailbox by mailbox, so positions shift: remember what was logged. */
  private final java.util.Set<String> mailsLogged = new java.util.HashSet<>();

  private LocalChannels(
      GreenMail smtp, HttpServer mailViewer, HttpServer providers, URI notification) {
    this.smtp = smtp;
    this.mailViewer = mailViewer;
    this.providers = providers;
    this.notification = notification;
  }

  static LocalChannels start(Ports ports, URI notification) throws IOException {
    GreenMail smtp =
        new GreenMail(new ServerSetup(ports.smtp(), "localhost", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    HttpServer viewer =
        HttpServer.create(new InetSocketAddress("localhost", ports.mailViewer()), 0);
    HttpServer providers =
        HttpServer.create(new InetSocketAddress("localhost", ports.providers()), 0);
    LocalChannels channels = new LocalChannels(smtp, viewer, providers, notification);
    viewer.createContext("/", channels::mails);
    providers.createContext("/", channels::provider);
    viewer.start();
    providers.start();
    channels.scheduler.scheduleWithFixedDelay(channels::logNewMails, 1, 1, TimeUnit.SECONDS);
    return channels;
  }

  private void mails(HttpExchange exchange) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    MimeMessage[] received = smtp.getReceivedMessages();
    for (int i = received.length - 1; i >= 0 && out.size() < KEEP; i--) {
      out.add(describe(received[i]));
    }
    respond(exchange, 200, JSON.writeValueAsString(out));
  }

  private static Map<String, Object> describe(MimeMessage m) {
    Map<String, Object> mail = new LinkedHashMap<>();
    try {
      mail.put("from", addresses(m.getFrom()));
      mail.put("to", addresses(m.getAllRecipients()));
      mail.put("subject", m.getSubject());
      mail.put("sentAt", m.getSentDate() == null ? null : m.getSentDate().toInstant().toString());
      Object content = m.getContent();
      if (content instanceof jakarta.mail.Multipart parts) {
        // notices go as plain text plus HTML: show the text, say that the HTML came too
        mail.put("body", part(parts, "text/plain"));
        mail.put("html", part(parts, "text/html") != null);
      } else {
        mail.put("body", content instanceof String s ? s : GreenMailUtil.getBody(m));
      }
    } catch (Exception e) {
      mail.put("error", e.toString());
    }
    return mail;
  }

  private static String part(jakarta.mail.Multipart parts, String type) throws Exception {
    for (int i = 0; i < parts.getCount(); i++) {
      jakarta.mail.BodyPart part = parts.getBodyPart(i);
      if (part.isMimeType(type)) {
        return part.getContent().toString();
      }
      if (part.getContent() instanceof jakarta.mail.Multipart nested) {
        String found = part(nested, type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static List<String> addresses(Address[] addresses) {
    return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
  }

  private static String messageId(MimeMessage message) {
    try {
      String id = message.getMessageID();
      return id != null ? id : Integer.toHexString(System.identityHashCode(message));
    } catch (jakarta.mail.MessagingException unreadable) {
      return Integer.toHexString(System.identityHashCode(message));
    }
  }

  private void logNewMails() {
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (mailsLogged.add(messageId(message))) {
        Map<String, Object> mail = describe(message);
        log.info("E-mail to {}: {}", mail.get("to"), mail.get("subject"));
      }
    }
  }

  private void provider(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if ("GET".equals(method) && (path.equals("/messages") || path.equals("/"))) {
      respond(exchange, 200, JSON.writeValueAsString(List.copyOf(messages).reversed()));
      return;
    }
    if (!"POST".equals(method)) {
      respond(exchange, 405, "{\"error\":\"method not allowed\"}");
      return;
    }
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (RuntimeException e) {
      respond(exchange, 400, "{\"error\":\"body is not JSON\"}");
      return;
    }
    String id = UUID.randomUUID().toString();
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("receivedAt", Instant.now().toString());
    message.put("messageId", id);
    if (path.equals("/sms/v1/messages")) {
      message.put("channel", "sms");
      message.put("to", json.path("phone").asString(""));
      message.put("brandname", json.path("brandname").asString(""));
      message.put("text", json.path("text").asString(""));
      record(message);
      respond(exchange, 200, "{\"messageId\":\"" + id + "\",\"status\":\"ACCEPTED\"}");
      receiptLater("sms", id);
    } else if (path.equals("/zalo/v3.0/oa/message/cs")) {
      message.put("channel", "zalo");
      message.put("to", json.path("recipient").path("user_id").asString(""));
      message.put("text", json.path("message").path("text").asString(""));
      record(message);
      respond(
          exchange,
          200,
          "{\"error\":0,\"message\":\"Success\",\"data\":{\"message_id\":\"" + id + "\"}}");
      receiptLater("zalo", id);
    } else {
      respond(exchange, 404, "{\"error\":\"unknown path " + path + "\"}");
    }
  }

  private void record(Map<String, Object> message) {
    messages.addLast(message);
    while (messages.size() > KEEP) {
      messages.pollFirst();
    }
    log.info("{} to {}: {}", message.get("channel"), message.get("to"), message.get("text"));
  }

  /** Like a real provider, reports the delivery a moment after accepting the message. */
  private void receiptLater(String channel, String messageId) {
    scheduler.schedule(
        () -> {
          HttpRequest request =
              HttpRequest.newBuilder(
                      URI.create(notification + "/api/notifications/delivery-receipts/" + channel))
                  .timeout(Duration.ofSeconds(5))
                  .header("Content-Type", "application/json")
                  .header("X-Receipt-Secret", RECEIPT_SECRET)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"messageId\":\"" + messageId + "\",\"status\":\"DELIVERED\"}"))
                  .build();
          try {
            http.send(request, HttpResponse.BodyHandlers.discarding());
          } catch (IOException e) {
            log.debug("receipt for {} not sent: {}", messageId, e.toString());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        2,
        TimeUnit.SECONDS);
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    providers.stop(0);
    mailViewer.stop(0);
    smtp.stop();
  }
}
