package vn.digicell.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests Netty cannot decode, or whose address is not a URI, are answered with a problem document
 * right after the HTTP codec, before Spring answers them with an empty 400 or 414.
 */
class UndecodableRequestProblemsTest {

  final ProblemResponses problems = new ProblemResponses(messages(), JsonMapper.shared());

  @Test
  void anAddressThatIsNotAUriIsA400ProblemInTheCallersLanguage() {
    for (String target :
        new String[] {"/api/members?q=%zz", "/api/members/%zz", "/api/x?cursor=%%%"}) {
      String answer = exchange("GET " + target + " HTTP/1.1\r\nAccept-Language: en\r\n");
      assertProblem(answer, 400, "bad-request", "Bad request");
    }
  }

  @Test
  void aRequestLineOverNettysLimitIsA414Problem() {
    String answer = exchange("GET /api/members/" + "a".repeat(5000) + " HTTP/1.1\r\n");
    assertProblem(answer, 414, "uri-too-long", "Địa chỉ quá dài");
  }

  @Test
  void headersOverNettysLimitAreA431Problem() {
    String answer = exchange("GET /api/members HTTP/1.1\r\nX-Junk: " + "j".repeat(9000) + "\r\n");
    assertProblem(answer, 431, "headers-too-large", "Tiêu đề yêu cầu quá lớn");
  }

  @Test
  void aWellFormedRequestGoesOnUntouched() {
    EmbeddedChannel channel = channel();
    channel.writeInbound(bytes("GET /api/members?q=%C3%A1&size=2 HTTP/1.1\r\nHost: x\r\n\r\n"));
    Object passed = channel.readInbound();
    assertThat(passed).isInstanceOf(HttpRequest.class);
    assertThat(((HttpRequest) passed).uri()).isEqualTo("/api/members?q=%C3%A1&size=2");
    assertThat((Object) channel.readOutbound()).isNull();
    channel.finishAndReleaseAll();
  }

  /** Netty writes header names as given: HttpHeaderNames are lower case. */
  private static void assertProblem(String answer, int status, String type, String title) {
    assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
    assertThat(answer)
        .contains("content-type: application/problem+json")
        .contains("\"type\":\"https://digicell.vn/problems/" + type + "\"")
        .contains("\"title\":\"" + title + "\"")
        .contains("\"status\":" + status)
        .contains("connection: close");
  }

  private String exchange(String head) {
    EmbeddedChannel channel = channel();
    channel.writeInbound(bytes(head + "Host: x\r\n\r\n"));
    StringBuilder answer = new StringBuilder();
    for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
      answer.append(out.toString(StandardCharsets.UTF_8));
      out.release();
    }
    assertThat(channel.isOpen()).as("closed after the answer").isFalse();
    channel.finishAndReleaseAll();
    return answer.toString();
  }

  /** Netty's limits as Reactor Netty sets them: 4,096 for the request line, 8,192 for headers. */
  private EmbeddedChannel channel() {
    return new EmbeddedChannel(
        new HttpServerCodec(4096, 8192, 8192), new UndecodableRequestProblems.Refusals(problems));
  }

  private static ByteBuf bytes(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  private static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasenames("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return messages;
  }
}
