package vn.digicell.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every port before anything starts, so a clash is reported as "port 9092 (Kafka) is taken
 * by pid 123: java ... kafka" instead of a half-started platform and a bind error buried in a log.
 */
final class PortCheck {

  private PortCheck() {}

  /** One human-readable line per port that is taken; empty when all are free. */
  static List<String> takenPorts(Map<Integer, String> wanted) {
    List<String> problems = new ArrayList<>();
    wanted.forEach(
        (port, purpose) -> {
          if (!isFree(port)) {
            problems.add(
                "%d (%s): %s".formatted(port, purpose, holder(port).orElse("another process")));
          }
        });
    return problems;
  }

  /** With a second replica of everything, its gateway's and services' ports too. */
  static Map<Integer, String> portsOf(Ports ports, Iterable<Service> services, int replicas) {
    Map<Integer, String> wanted = portsOf(ports, services);
    for (int n = 2; n <= replicas; n++) {
      for (Service service : services) {
        wanted.put(ports.replica(n).of(service), service.module() + " (replica " + n + ")");
      }
    }
    return wanted;
  }

  static Map<Integer, String> portsOf(Ports ports, Iterable<Service> services) {
    Map<Integer, String> wanted = new LinkedHashMap<>();
    wanted.put(ports.kafka(), "Kafka broker");
    wanted.put(ports.kafkaController(), "Kafka controller");
    wanted.put(ports.mongo(), "Mongo-compatible store");
    wanted.put(ports.keycloak(), "Keycloak");
    wanted.put(ports.keycloakManagement(), "Keycloak management");
    for (Service service : services) {
      wanted.put(ports.of(service), service.module());
      if (service == Service.GATEWAY) {
        wanted.put(ports.redis(), "Redis (the gateway's sessions)");
      }
      if (service == Service.NOTIFICATION) {
        wanted.put(ports.smtp(), "local SMTP server");
        wanted.put(ports.mailViewer(), "local mail viewer");
        wanted.put(ports.providers(), "stand-in SMS/Zalo provider");
      }
    }
    return wanted;
  }

  /** Binds the wildcard address like the servers will, so any listener on the port counts. */
  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /**
   * Finds the listening process on Linux: the socket inode from /proc/net/tcp*, then the process
   * holding that inode. Sockets of other users' processes are not visible; then we only guess.
   */
  private static Optional<String> holder(int port) {
    try {
      Optional<String> inode = listeningInode(port);
      if (inode.isEmpty()) {
        return Optional.of("another process (" + guess(port) + ")");
      }
      String target = "socket:[" + inode.get() + "]";
      try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
        for (Path proc : procs) {
          if (holds(proc, target)) {
            return Optional.of(describe(proc.getFileName().toString(), commandLine(proc)));
          }
        }
      }
      return Optional.of("another process (" + guess(port) + ")");
    } catch (IOException | RuntimeException e) {
      return Optional.of("another process (" + guess(port) + ")");
    }
  }

  /** Names what people will recognise: an earlier launcher, a Keycloak, a DigiCell service. */
  private static String describe(String pid, String commandLine) {
    String what;
    if (commandLine.contains("vn.digicell.local.LocalPlatform")) {
      what = "an earlier DigiCell launcher (stop it with Ctrl-C or kill -INT " + pid + ")";
    } else if (commandLine.contains("keycloak") || commandLine.contains("quarkus")) {
      what = "a Keycloak, probably left over from an earlier DigiCell run";
    } else if (commandLine.contains("-service-") || commandLine.contains("gateway-0")) {
      what = "a DigiCell service, probably left over from an earlier run";
    } else {
      what = commandLine;
    }
    return "pid " + pid + ", " + what;
  }

  private static String guess(int port) {
    return "probably an earlier DigiCell run that is still up, or a local "
        + switch (port % 10000) {
          case 9092, 9093 -> "Kafka";
          case 7017 -> "MongoDB";
          case 8180, 9180 -> "Keycloak";
          default -> "web server";
        };
  }

  private static Optional<String> listeningInode(int port) throws IOException {
    String hexPort = ":%04X".formatted(port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.isReadable(path)) {
        continue;
      }
      for (String line : Files.readAllLines(path)) {
        String[] f = line.trim().split("\\s+");
        // f[1] local address, f[3] state (0A = LISTEN), f[9] inode
        if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
          return Optional.of(f[9]);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean holds(Path proc, String socket) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
      for (Path fd : fds) {
        try {
          if (Files.readSymbolicLink(fd).toString().equals(socket)) {
            return true;
          }
        } catch (IOException gone) {
          // the descriptor closed while we looked
        }
      }
    } catch (IOException | SecurityException notOurs) {
      return false;
    }
    return false;
  }

  private static String commandLine(Path proc) throws IOException {
    String cmd =
        new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
            .replace('\0', ' ')
            .trim();
    return cmd.length() > 300 ? cmd.substring(0, 297) + "..." : cmd;
  }
}
