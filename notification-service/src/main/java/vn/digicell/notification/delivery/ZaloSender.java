package vn.digicell.notification.delivery;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import vn.digicell.notification.notice.Notice;
import vn.digicell.notification.preference.Channel;

/**
 * Zalo Official Account "send message" API: {@code POST {baseUrl}/v3.0/oa/message/cs} with the
 * {@code access_token} header and {@code {"recipient":{"user_id"},"message":{"text"}}}; Zalo
 * answers HTTP 200 with {@code {"error":0,"data":{"message_id"}}}, a non-zero {@code error} being a
 * refusal (unknown user, not following the OA…).
 */
@Component
class ZaloSender extends HttpProviderSender {

  private final RestClient http;
  private final NotificationProperties.Zalo config;

  /** Zalo OA text messages carry at most 2,000 characters. */
  static final int MAX_TEXT = 2000;

  private final String portalUrl;

  ZaloSender(RestClient.Builder builder, NotificationProperties properties) {
    this.portalUrl = properties.portalUrl();
    this.config = properties.zalo();
    this.http = client(builder, config.baseUrl(), config.timeout());
  }

  @Override
  public Channel channel() {
    return Channel.ZALO;
  }

  @Override
  public SendResult send(Notice notice, String zaloUserId, String deliveryId) {
    return call(
        "zalo",
        http.post()
            .uri("/v3.0/oa/message/cs")
            .header("access_token", config.accessToken() == null ? "" : config.accessToken())
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                Map.of(
                    "recipient", Map.of("user_id", zaloUserId),
                    "message", Map.of("text", text(notice)))),
        body -> {
          if (body == null) {
            return SendResult.retryLater("zalo answered with no body");
          }
          int error = body.path("error").asInt(-1);
          if (error != 0) {
            return SendResult.failed(
                "zalo error " + error + ": " + body.path("message").asString(""));
          }
          String id = body.path("data").path("message_id").asString(null);
          return SendResult.sent(id == null ? deliveryId : id);
        });
  }

  /**
   * Unlike an SMS, a Zalo message is not paid per 70 characters: the whole notice, with its marks,
   * and the link to open it in the portal.
   */
  String text(Notice notice) {
    StringBuilder text = new StringBuilder(notice.title());
    if (notice.body() != null && !notice.body().isBlank()) {
      text.append('\n').append(notice.body());
    }
    if (notice.link() != null) {
      text.append('\n').append(portalUrl).append(notice.link());
    }
    return text.length() <= MAX_TEXT ? text.toString() : text.substring(0, MAX_TEXT - 1) + "…";
  }
}
