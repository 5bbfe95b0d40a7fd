package vn.digicell.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gateway overhead: the same authenticated GET sent directly to member-service and through the
 * gateway, against the running local platform ({@code ./deploy/local/up.sh}). Prints requests/s,
 * p50 and p99 for both and the throughput ratio (target: gateway ≥ 0.6 of direct). Loopback only;
 * the request count is bounded. Arguments: [requests] [concurrency] [base port offset]. One user's
 * flood is what the gateway's rate limits refuse: start the platform with {@code
 * DIGICELL_GATEWAY_RATELIMIT_ENABLED=false} to measure the routing overhead itself.
 */
public final class GatewayBenchmark {

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int offset = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    String keycloak = "http://localhost:" + (8180 + offset);
    String path = "/api/org-units?under=/AG/VB&size=10";
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(concurrency))
            .build();
    String token = token(client, keycloak);

    URI direct = URI.create("http://localhost:" + (8081 + offset) + path);
    URI viaGateway = URI.create("http://localhost:" + (8080 + offset) + path);
    System.out.printf(
        "gateway benchmark: GET %s, %,d requests, %d concurrent clients%n",
        path, requests, concurrency);
    run(client, direct, token, Math.min(1_000, requests), concurrency); // warm-up
    run(client, viaGateway, token, Math.min(1_000, requests), concurrency);
    Result d = run(client, direct, token, requests, concurrency);
    Result g = run(client, viaGateway, token, requests, concurrency);
    print("direct to member-service", d);
    print("through the gateway", g);
    System.out.printf("throughput ratio gateway/direct: %.2f  (target >= 0.60)%n", g.rps / d.rps);
  }

  record Result(double rps, double p50, double p99, int errors) {}

  private static void print(String label, Result r) {
    System.out.printf(
        "%-26s %,9.0f req/s   p50 %6.2f ms   p99 %6.2f ms   non-200: %d%n",
        label, r.rps, r.p50, r.p99, r.errors);
  }

  private static Result run(HttpClient client, URI uri, String token, int count, int concurrency)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30))
            .build();
    long[] latencies = new long[count];
    int[] errors = new int[1];
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Future<?>> futures = new ArrayList<>();
    int per = (count + concurrency - 1) / concurrency;
    long start = System.nanoTime();
    for (int t = 0; t < concurrency; t++) {
      int from = t * per;
      int to = Math.min(count, from + per);
      futures.add(
          pool.submit(
              () -> {
                for (int i = from; i < to; i++) {
                  long s = System.nanoTime();
                  HttpResponse<byte[]> response =
                      client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                  latencies[i] = System.nanoTime() - s;
                  if (response.statusCode() != 200) {
                    synchronized (errors) {
                      errors[0]++;
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    Arrays.sort(latencies);
    return new Result(
        count / seconds,
        latencies[count / 2] / 1e6,
        latencies[Math.min(count - 1, (int) (count * 0.99))] / 1e6,
        errors[0]);
  }

  private static String token(HttpClient client, String keycloak) throws Exception {
    String form =
        "grant_type=password&client_id=digicell-cli&username=commune&password="
            + URLEncoder.encode("demo", StandardCharsets.UTF_8);
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(keycloak + "/realms/digicell/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
    if (response.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException(
          "no token from Keycloak at "
              + keycloak
              + " — is ./deploy/local/up.sh running? "
              + response.statusCode());
    }
    return m.group(1);
  }
}
