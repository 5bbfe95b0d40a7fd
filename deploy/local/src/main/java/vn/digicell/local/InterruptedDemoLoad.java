package vn.digicell.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first start of a data dir loads the demo commune into stores that were empty when it began.
 * Stopped halfway (Ctrl-C, a closed laptop, a killed process), the stores hold half a commune, and
 * loading again would stumble on what already exists ({@code 409 /AG already exists}). So a load
 * leaves a marker while it runs; a start that finds it sets the half-loaded stores aside,
 * untouched, in {@code data/interrupted-<time>/}, and loads the demo from the beginning. Nothing is
 * deleted: whoever wants to look at what the interrupted load left finds it there.
 */
final class InterruptedDemoLoad {

  /** Written when the demo load begins, removed once {@code .demo-loaded} is written. */
  static final String LOADING_MARKER = ".demo-loading";

  /** What the demo load writes into: everything a fresh start creates anew. */
  static final List<String> STORES = List.of("mongo", "kafka", "keycloak");

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());

  private InterruptedDemoLoad() {}

  /** Marks the start of a demo load into {@code dataDir}. */
  static void begin(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Files.writeString(dataDir.resolve(LOADING_MARKER), Instant.now() + System.lineSeparator());
  }

  /** The load finished: the stores are whole again. Call after the loaded marker is written. */
  static void finished(Path dataDir) throws IOException {
    Files.deleteIfExists(dataDir.resolve(LOADING_MARKER));
  }

  /**
   * Before the stores start: when a demo load was interrupted in {@code dataDir}, moves its stores
   * into {@code dataDir/interrupted-<time>} and returns that folder; otherwise returns empty and
   * touches nothing.
   */
  static Optional<Path> setAside(Path dataDir, String loadedMarker) throws IOException {
    Path marker = dataDir.resolve(LOADING_MARKER);
    if (!Files.exists(marker)) {
      return Optional.empty();
    }
    if (Files.exists(dataDir.resolve(loadedMarker))) {
      // the load finished and only the clean-up was missed: the stores are whole
      Files.delete(marker);
      return Optional.empty();
    }
    Path aside =
        dataDir.resolve(
            "interrupted-" + STAMP.format(Files.getLastModifiedTime(marker).toInstant()));
    for (int n = 2; Files.exists(aside); n++) {
      aside = dataDir.resolve(aside.getFileName() + "-" + n);
    }
    Files.createDirectories(aside);
    List<String> moved = new ArrayList<>();
    for (String store : STORES) {
      Path from = dataDir.resolve(store);
      if (Files.exists(from)) {
        Files.move(from, aside.resolve(store));
        moved.add(store);
      }
    }
    Files.move(marker, aside.resolve(LOADING_MARKER));
    Files.writeString(
        aside.resolve("README.txt"),
        """
        A first start of DigiCell stopped while it loaded the demo commune; these are the stores \
        it had filled so far (%s). The next start set them aside and loaded the demo again from \
        the beginning. Nothing reads this folder: delete it when you no longer need it.
        """
            .formatted(String.join(", ", moved)));
    return Optional.of(aside);
  }
}
