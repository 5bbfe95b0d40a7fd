package vn.digicell.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Legacy import at scale: generates a register of N valid members for the demo commune's cells,
 * uploads it to the running local platform's member-service and follows the job to the end. Prints
 * rows/s. Arguments: [rows=100000] [first citizen serial=500000] [port offset=0].
 */
public final class ImportBenchmark {

  private static String memberService = "http://localhost:8081";
  private static String keycloak = "http://localhost:8180";

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int serial = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
    int offset = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    memberService = "http://localhost:" + (8081 + offset);
    keycloak = "http://localhost:" + (8180 + offset);
    HttpClient http = HttpClient.newHttpClient();
    String token = token(http);
    StringBuilder csv =
        new StringBuilder("fullName,gender,dateOfBirth,citizenId,cell,admittedOn,officialOn\n");
    for (int i = 0; i < rows; i++) {
      boolean woman = i % 2 == 0;
      int year = 1950 + i % 50;
      csv.append(woman ? "Nguyễn Thị Nhập " : "Trần Văn Nhập ")
          .append(i)
          .append(',')
          .append(woman ? "Nữ" : "Nam")
          .append(",01/01/")
          .append(year)
          .append(",089")
          .append(woman ? '1' : '0')
          .append(String.format("%02d", year % 100))
          .append(String.format("%06d", (serial + i) % 1_000_000))
          .append(",C")
          .append(String.format("%02d", 1 + i % 33))
          .append(",01/01/")
          .append(year + 25)
          .append(",01/01/")
          .append(year + 26)
          .append('\n');
    }
    byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
    System.out.printf("import benchmark: %,d rows, %,d bytes%n", rows, file.length);
    String boundary = "----bench" + System.nanoTime();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + file.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(file, 0, body, head.length, file.length);
    System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
    long start = System.nanoTime();
    HttpResponse<String> started =
        http.send(
            HttpRequest.newBuilder(URI.create(memberService + "/api/imports?under=/AG/VB"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (started.statusCode() != 202) {
      throw new IllegalStateException(
          "import refused: " + started.statusCode() + " " + started.body());
    }
    String id = field(started.body(), "id");
    String status;
    String last;
    do {
      Thread.sleep(2_000); // polling a job's progress, as the portal's progress bar does
      token = token(http);
      last =
          http.send(
                  HttpRequest.newBuilder(URI.create(memberService + "/api/imports/" + id))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      status = field(last, "status");
      System.out.printf(
          "  %s%% (%s rows done)%n", number(last, "percent"), number(last, "processedRows"));
    } while ("RUNNING".equals(status));
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%s in %.1f s: %s imported, %s already on record, %s rejected — %,.0f rows/s%n",
        status,
        seconds,
        number(last, "importedRows"),
        number(last, "alreadyOnRecord"),
        number(last, "rejectedRows"),
        rows / seconds);
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  private static String number(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
    return m.find() ? m.group(1) : "?";
  }

  private static String token(HttpClient http) throws Exception {
    String form =
        "grant_type=password&client_id=digicell-cli&username=admin&password="
            + URLEncoder.encode("demo", StandardCharsets.UTF_8);
    String body =
        http.send(
                HttpRequest.newBuilder(
                        URI.create(keycloak + "/realms/digicell/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String token = field(body, "access_token");
    if (token == null) {
      throw new IllegalStateException("no token — is ./deploy/local/up.sh running?");
    }
    return token;
  }
}
