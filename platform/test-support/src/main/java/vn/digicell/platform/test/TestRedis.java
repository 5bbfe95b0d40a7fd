package vn.digicell.platform.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One real Redis server per test JVM: Debian's {@code redis-server} started as a child process on a
 * free port, without persistence, stopped when the JVM exits. The gateway keeps its web sessions
 * there, as it does in production. No Docker, no download: without the binary it fails, saying how
 * to install it.
 */
public final class TestRedis {

  private static volatile Process server;
  private static volatile int port;

  private TestRedis() {}

  /** The port of the shared Redis server, started on first use. */
  public static synchronized int port() {
    if (server == null || !server.isAlive()) {
      start();
    }
    return port;
  }

  /** Spring Boot's connection properties for the shared server. */
  public static Map<String, String> properties() {
    return Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", "" + port());
  }

  /**
   * Sends one command to the shared server and returns its answer's first line as Redis writes it
   * ({@code :123} for a number, {@code $-1} for nothing, {@code +OK}…), e.g. {@code MEMORY USAGE}.
   */
  public static String command(String... words) {
    StringBuilder request = new StringBuilder("*" + words.length + "\r\n");
    for (String word : words) {
      byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
      request.append('$').append(bytes.length).append("\r\n").append(word).append("\r\n");
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port()), 2000);
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
        line.append((char) c);
      }
      return line.toString();
    } catch (IOException e) {
      throw new IllegalStateException("Redis did not answer " + words[0], e);
    }
  }

  /** Where Debian (and most systems) put {@code redis-server}, or the PATH's. */
  static Path binary() {
    List<Path> candidates =
        Stream.concat(
                Stream.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/local/bin/redis-server")),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                    .filter(dir -> !dir.isBlank())
                    .map(dir -> Path.of(dir, "redis-server")))
            .toList();
    return candidates.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "redis-server not found (looked in /usr/bin, /usr/local/bin and PATH). The"
                        + " gateway keeps its sessions in Redis; install Debian's package:"
                        + " apt-get install redis-server"));
  }

  private static void start() {
    try {
      int free;
      try (ServerSocket socket = new ServerSocket(0)) {
        free = socket.getLocalPort();
      }
      Process process =
          new ProcessBuilder(
                  binary().toString(),
                  "--port",
                  "" + free,
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--loglevel",
                  "warning")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "test-redis-stop"));
      awaitPong(free, process);
      port = free;
      server = process;
    } catch (IOException e) {
      throw new IllegalStateException("could not start redis-server: " + e.getMessage(), e);
    }
  }

  /** Polls with PING until the server answers PONG (it starts in a few milliseconds). */
  private static void awaitPong(int port, Process process) throws IOException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    IOException last = null;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited with " + process.exitValue());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        socket.setSoTimeout(2000);
        OutputStream out = socket.getOutputStream();
        out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] answer = new byte[7];
        int read = in.readNBytes(answer, 0, answer.length);
        if (new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG")) {
          return;
        }
      } catch (IOException e) {
        last = e;
      }
      Thread.onSpinWait();
    }
    process.destroy();
    throw new IllegalStateException("redis-server did not answer PING on port " + port, last);
  }
}
