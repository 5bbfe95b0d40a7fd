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

  ZaloSender(RestClient.Builder builder, NotificationProperties properties) {
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
                    "message", Map.of("text", notice.shortText()))),
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
}
