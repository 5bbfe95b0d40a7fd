package vn.digicell.notification.delivery;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import vn.digicell.notification.notice.Notice;
import vn.digicell.notification.preference.Channel;

/**
 * Brandname SMS over a generic JSON API: {@code POST {baseUrl}/v1/messages} with {@code
 * Authorization: Bearer <apiKey>} and {@code {brandname, phone, text, requestId}}; the provider
 * answers {@code {messageId}} and later calls the receipt endpoint.
 */
@Component
class SmsSender extends HttpProviderSender {

  private final RestClient http;
  private final NotificationProperties.Sms config;

  SmsSender(RestClient.Builder builder, NotificationProperties properties) {
    this.config = properties.sms();
    this.http = client(builder, config.baseUrl(), config.timeout());
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public SendResult send(Notice notice, String phone, String deliveryId) {
    return call(
        "sms",
        http.post()
            .uri("/v1/messages")
            .header("Authorization", "Bearer " + (config.apiKey() == null ? "" : config.apiKey()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                Map.of(
                    "brandname",
                    config.brandname(),
                    "phone",
                    phone,
                    "text",
                    notice.shortText(),
                    "requestId",
                    deliveryId)),
        body -> {
          String id = body == null ? null : body.path("messageId").asString(null);
          return id == null || id.isBlank()
              ? SendResult.retryLater("sms provider answered without a messageId")
              : SendResult.sent(id);
        });
  }
}
