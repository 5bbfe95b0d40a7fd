package vn.digicell.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process the launcher started (Keycloak's kc.sh, a service JVM), with its output going to a log
 * file. Stopping it also stops its descendants: kc.sh starts the Keycloak JVM as a child instead of
 * exec-ing it, so killing the script alone would leave Keycloak running.
 */
final class ChildProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path logFile;
  private final long logStart;

  private ChildProcess(String name, Process process, Path logFile, long logStart) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.logStart = logStart;
  }

  static ChildProcess start(
      String name, List<String> command, Path workDir, Map<String, String> env, Path logFile)
      throws IOException {
    Files.createDirectories(logFile.getParent());
    rotate(logFile);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            // a child must never wait on the launcher's terminal
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    builder.environment().putAll(env);
    Files.writeString(
        logFile,
        "%n==== %s starting: %s%n".formatted(java.time.Instant.now(), String.join(" ", command)),
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    long logStart = Files.size(logFile);
    return new ChildProcess(name, builder.start(), logFile, logStart);
  }

  /** Logs append across restarts; keep one previous generation once a log gets large. */
  private static void rotate(Path logFile) throws IOException {
    if (Files.exists(logFile) && Files.size(logFile) > 20L * 1024 * 1024) {
      Files.move(
          logFile,
          logFile.resolveSibling(logFile.getFileName() + ".1"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  String name() {
    return name;
  }

  Path logFile() {
    return logFile;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /**
   * The last lines this run wrote to the log, to show why a child died without making people dig
   * for it.
   */
  String logTail(int lines) {
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      long length = file.length();
      long from = Math.max(logStart, length - 64 * 1024);
      byte[] bytes = new byte[(int) (length - from)];
      file.seek(from);
      file.readFully(bytes);
      List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
      return String.join(
          System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + logFile + ": " + e.getMessage() + ")";
    }
  }

  /**
   * Asks the process and every descendant to stop (SIGTERM, so JVMs run their shutdown hooks), then
   * kills whatever is still alive after the grace period.
   */
  @Override
  public void close() {
    stopAll(List.of(this), Duration.ofSeconds(20));
  }

  static void stopAll(List<ChildProcess> children, Duration grace) {
    List<ProcessHandle> handles = new ArrayList<>();
    for (ChildProcess child : children) {
      // collect first: once the parent is gone its children are re-parented and lost to us
      handles.addAll(child.process.descendants().toList());
      handles.add(child.process.toHandle());
    }
    handles.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle handle : handles) {
      long left = deadline - System.nanoTime();
      try {
        handle.onExit().get(Math.max(1, left), TimeUnit.NANOSECONDS);
      } catch (Exception notYet) {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
      }
    }
  }
}
