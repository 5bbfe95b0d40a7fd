package vn.digicell.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The gateway's session store: Debian's {@code redis-server} as a child process on {@code
 * localhost}, its snapshot in {@code data/redis}; every gateway replica serves every browser
 * session from it.
 */
final class RedisServer {

  static final String NOT_FOUND =
      "redis-server not found (looked in /usr/bin, /usr/local/bin and PATH). The gateway keeps"
          + " its sessions in Redis; install it with: sudo apt-get install redis-server";

  private RedisServer() {}

  /** The installed {@code redis-server}, if any. */
  static Optional<Path> binary() {
    return Stream.concat(
            Stream.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/local/bin/redis-server")),
            Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "redis-server")))
        .filter(Files::isExecutable)
        .findFirst();
  }

  static ChildProcess start(Path dataDir, int port, Path logFile) throws IOException {
    Path binary = binary().orElseThrow(() -> new PlatformException(NOT_FOUND, 2, null));
    Path dir = dataDir.resolve("redis");
    Files.createDirectories(dir);
    return ChildProcess.start(
        "redis",
        List.of(
            binary.toString(),
            "--port",
            "" + port,
            "--bind",
            "127.0.0.1",
            "--dir",
            dir.toString(),
            // sessions are worth a snapshot a minute, not a write-ahead log
            "--save",
            "60 1",
            "--appendonly",
            "no",
            "--loglevel",
            "notice"),
        dir,
        Map.of(),
        logFile);
  }

  /** Waits until the server answers PING (milliseconds after its start). */
  static void awaitPong(int port, ChildProcess process, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new PlatformException("redis-server exited (log " + process.logFile() + ")", 1, null);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        socket.setSoTimeout(2000);
        OutputStream out = socket.getOutputStream();
        out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] answer = in.readNBytes(5);
        if (new String(answer, StandardCharsets.US_ASCII).equals("+PONG")) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PlatformException("stopped while starting");
      }
    }
    throw new PlatformException(
        "redis-server did not answer on port " + port + " (log " + process.logFile() + ")",
        1,
        null);
  }
}
