package vn.digicell.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers which processes a launcher started, so that the next start can stop the ones a launcher
 * killed hard (kill -9, the OOM killer) left behind: Java cannot make children die with their
 * parent. A process counts as ours only if its pid and start time both match, so a reused pid is
 * never touched, and nothing is touched while the launcher that started it still runs.
 */
final class Orphans {

  private static final Logger log = LoggerFactory.getLogger(Orphans.class);

  private final Path file;

  Orphans(Path dataDir) {
    this.file = dataDir.resolve("run").resolve("processes");
  }

  /** Stops what an earlier, dead launcher left running; returns how many it stopped. */
  int stopLeftovers() throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    List<String> lines = Files.readAllLines(file);
    if (lines.isEmpty() || alive(lines.getFirst()).isPresent()) {
      // the first line is the launcher: while it runs, its children are not orphans
      return 0;
    }
    List<ProcessHandle> leftovers = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      alive(line).ifPresent(leftovers::add);
    }
    for (ProcessHandle process : leftovers) {
      log.warn(
          "Stopping pid {} left running by an earlier launcher that did not stop cleanly: {}",
          process.pid(),
          process.info().commandLine().map(Orphans::shorten).orElse("?"));
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
    for (ProcessHandle process : leftovers) {
      try {
        process.onExit().get(20, TimeUnit.SECONDS);
      } catch (Exception notYet) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }
    Files.delete(file);
    return leftovers.size();
  }

  /** Records the launcher itself and every process it has started so far. */
  void record(List<ProcessHandle> children) throws IOException {
    Files.createDirectories(file.getParent());
    List<String> lines = new ArrayList<>();
    lines.add(line(ProcessHandle.current()));
    for (ProcessHandle child : children) {
      lines.add(line(child));
      child.descendants().map(Orphans::line).forEach(lines::add);
    }
    Files.write(file, lines);
  }

  void clear() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.debug("cannot remove {}: {}", file, e.toString());
    }
  }

  private static String shorten(String commandLine) {
    return commandLine.length() > 160 ? commandLine.substring(0, 157) + "..." : commandLine;
  }

  private static String line(ProcessHandle process) {
    return process.pid()
        + " "
        + process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }

  private static Optional<ProcessHandle> alive(String line) {
    String[] parts = line.trim().split(" ");
    if (parts.length != 2) {
      return Optional.empty();
    }
    long started = Long.parseLong(parts[1]);
    return ProcessHandle.of(Long.parseLong(parts[0]))
        .filter(ProcessHandle::isAlive)
        .filter(
            p ->
                p.info()
                    .startInstant()
                    .map(
                        s ->
                            Math.abs(s.toEpochMilli() - started) < Duration.ofSeconds(1).toMillis())
                    .orElse(false));
  }
}
