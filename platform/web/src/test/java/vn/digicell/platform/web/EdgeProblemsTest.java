package vn.digicell.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Junk that never reaches a controller, or breaks before its arguments are read, on a real Tomcat:
 * every answer is a 4xx problem document, never Tomcat's HTML page, Boot's {@code /error} JSON or a
 * 500.
 */
@SpringBootTest(
    classes = EdgeProblemsTest.EdgeApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EdgeProblemsTest {

  // not a @SpringBootConfiguration: the slice tests of this package must find only theirs
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(EdgeController.class)
  static class EdgeApplication {}

  @RestController
  static class EdgeController {
    @GetMapping("/edge/count")
    String count(@RequestParam(required = false) String n) {
      return "n=" + n;
    }

    @PostMapping("/edge/upload")
    String upload(@RequestPart MultipartFile file) {
      return "uploaded";
    }

    @PutMapping("/edge/form")
    String form(@RequestParam(required = false) String a) {
      return "a=" + a;
    }

    @GetMapping("/edge/refused")
    void refused(HttpServletResponse response) throws IOException {
      // as the security firewall does with a path it refuses
      response.sendError(409);
    }
  }

  @LocalServerPort int port;

  @Test
  void pathsAndQueriesTomcatRefusesAreProblemsNotItsHtmlPage() throws IOException {
    for (String target :
        new String[] {"/edge/a%2Fb", "/edge/%zz", "/edge/a%00b", "/edge/count?a[b]=c"}) {
      Answer answer = send("GET " + target, null, "");
      answer.assertProblem(400, "http-400");
      assertThat(answer.problem().path("title").asString()).as(target).isEqualTo("Bad request");
    }
  }

  @Test
  void aQueryThatCannotBeDecodedIsA400ProblemNotA500() throws IOException {
    for (String query : new String[] {"n=%zz", "n=%C3%28", "%=&n=1"}) {
      send("GET /edge/count?" + query, null, "").assertProblem(400, "malformed-request");
    }
  }

  @Test
  void aMultipartBodyWithoutBoundaryIsA400ProblemNotA500() throws IOException {
    send("POST /edge/upload", "multipart/form-data", "--x\r\n\r\n--x--\r\n")
        .assertProblem(400, "malformed-request");
  }

  @Test
  void anExceptionThrownByAFilterIsAnsweredAsFromAController() throws IOException {
    // the form filter cannot decode this body and throws before any controller runs
    send("PUT /edge/form", "application/x-www-form-urlencoded", "a=%zz")
        .assertProblem(400, "malformed-request");
  }

  @Test
  void anErrorStatusSentWithoutABodyIsAProblemOfThatStatus() throws IOException {
    Answer answer = send("GET /edge/refused", null, "");
    answer.assertProblem(409, "http-409");
    assertThat(answer.problem().path("instance").asString()).isEqualTo("/edge/refused");
  }

  @Test
  void theErrorPageAskedForByNameIsNotFoundNotA500() throws IOException {
    for (String request : new String[] {"GET /error", "GET /error?%=&a=1", "POST /error"}) {
      send(request, null, "").assertProblem(404, "http-404");
    }
  }

  record Answer(int status, String contentType, String body) {
    void assertProblem(int expectedStatus, String type) {
      assertThat(status).as(body).isEqualTo(expectedStatus);
      assertThat(problem().path("type").asString())
          .isEqualTo("https://digicell.vn/problems/" + type);
    }

    JsonNode problem() {
      assertThat(contentType).as(body).startsWith("application/problem+json");
      return JsonMapper.shared().readTree(body);
    }
  }

  /** The exact request line given (java.net.http refuses such addresses), body read to the end. */
  private Answer send(String requestLine, String contentType, String body) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      String head =
          requestLine
              + " HTTP/1.1\r\nHost: localhost\r\nAccept-Language: en\r\nConnection: close\r\n"
              + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
              + "Content-Length: "
              + bytes.length
              + "\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(9, 12));
      String type = null;
      for (String line : answer.substring(0, answer.indexOf("\r\n\r\n")).split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
          type = line.substring("content-type:".length()).trim();
        }
      }
      String content = answer.substring(answer.indexOf("\r\n\r\n") + 4);
      if (answer.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
        // one chunk is enough for a problem: size line, data, then the terminating chunk
        content = content.substring(content.indexOf("\r\n") + 2, content.lastIndexOf("\r\n0\r\n"));
      }
      return new Answer(status, type, content);
    }
  }
}
