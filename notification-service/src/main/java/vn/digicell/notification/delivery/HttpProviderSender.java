package vn.digicell.notification.delivery;

import java.time.Duration;
import java.util.function.Function;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/** Shared HTTP handling for provider adapters: 2xx ok, 5xx/429/IO retry, other 4xx never. */
abstract class HttpProviderSender implements ChannelSender {

  protected static RestClient client(RestClient.Builder builder, String baseUrl, Duration timeout) {
    SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
    factory.setConnectTimeout(timeout);
    factory.setReadTimeout(timeout);
    return builder.clone().baseUrl(baseUrl).requestFactory(factory).build();
  }

  protected SendResult call(
      String provider, RestClient.RequestBodySpec request, Function<JsonNode, SendResult> onOk) {
    try {
      JsonNode body = request.retrieve().body(JsonNode.class);
      return onOk.apply(body);
    } catch (RestClientResponseException e) {
      int status = e.getStatusCode().value();
      String reason = provider + " HTTP " + status + ": " + e.getResponseBodyAsString();
      return status >= 500 || status == 429 || status == 408
          ? SendResult.retryLater(reason)
          : SendResult.failed(reason);
    } catch (ResourceAccessException e) {
      return SendResult.retryLater(provider + " unreachable: " + e.getMessage());
    } catch (RuntimeException e) {
      return SendResult.retryLater(provider + " error: " + e.getMessage());
    }
  }
}
