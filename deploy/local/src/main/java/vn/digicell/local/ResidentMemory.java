package vn.digicell.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Resident memory (VmRSS) of the launcher and every process below it, from /proc. */
final class ResidentMemory {

  private ResidentMemory() {}

  static long ofLauncherTreeBytes() {
    ProcessHandle self = ProcessHandle.current();
    return Stream.concat(Stream.of(self), self.descendants())
        .mapToLong(h -> rssBytes(h.pid()))
        .sum();
  }

  /** 0 where /proc is missing (macOS) or the process has just ended. */
  static long rssBytes(long pid) {
    Path status = Path.of("/proc", String.valueOf(pid), "status");
    try (Stream<String> lines = Files.lines(status)) {
      return lines
          .filter(l -> l.startsWith("VmRSS:"))
          .findFirst()
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
          .orElse(0L);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  static String format(long bytes) {
    return bytes >= 1L << 30
        ? "%.2f GiB".formatted(bytes / (double) (1L << 30))
        : "%d MiB".formatted(bytes >> 20);
  }
}
