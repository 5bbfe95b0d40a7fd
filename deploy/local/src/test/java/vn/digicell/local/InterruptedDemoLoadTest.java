package vn.digicell.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterruptedDemoLoadTest {

  private static final String LOADED = ".demo-loaded";

  @TempDir Path data;

  private void stores() throws Exception {
    for (String store : InterruptedDemoLoad.STORES) {
      Files.createDirectories(data.resolve(store));
      Files.writeString(data.resolve(store).resolve("segment"), store + " bytes");
    }
    Files.createDirectories(data.resolve("logs"));
  }

  @Test
  void anInterruptedLoadIsSetAsideWholeAndTheStoresStartEmpty() throws Exception {
    stores();
    InterruptedDemoLoad.begin(data);

    Optional<Path> aside = InterruptedDemoLoad.setAside(data, LOADED);

    assertThat(aside).isPresent();
    assertThat(aside.get().getParent()).isEqualTo(data);
    assertThat(aside.get().getFileName().toString()).startsWith("interrupted-");
    for (String store : InterruptedDemoLoad.STORES) {
      assertThat(data.resolve(store)).doesNotExist();
      assertThat(aside.get().resolve(store).resolve("segment")).hasContent(store + " bytes");
    }
    assertThat(data.resolve(InterruptedDemoLoad.LOADING_MARKER)).doesNotExist();
    assertThat(aside.get().resolve("README.txt")).content().contains("mongo, kafka, keycloak");
    // the logs stay where the next start writes them
    assertThat(data.resolve("logs")).isDirectory();
    // and a second start finds nothing more to set aside
    assertThat(InterruptedDemoLoad.setAside(data, LOADED)).isEmpty();
  }

  @Test
  void aFinishedLoadTouchesNothing() throws Exception {
    stores();
    InterruptedDemoLoad.begin(data);
    Files.writeString(data.resolve(LOADED), "{}");
    InterruptedDemoLoad.finished(data);

    assertThat(InterruptedDemoLoad.setAside(data, LOADED)).isEmpty();

    assertThat(data.resolve(InterruptedDemoLoad.LOADING_MARKER)).doesNotExist();
    InterruptedDemoLoad.STORES.forEach(s -> assertThat(data.resolve(s)).isDirectory());
  }

  @Test
  void aLoadThatFinishedButMissedItsCleanUpIsKept() throws Exception {
    stores();
    InterruptedDemoLoad.begin(data);
    Files.writeString(data.resolve(LOADED), "{}");

    assertThat(InterruptedDemoLoad.setAside(data, LOADED)).isEmpty();

    assertThat(data.resolve(InterruptedDemoLoad.LOADING_MARKER)).doesNotExist();
    InterruptedDemoLoad.STORES.forEach(s -> assertThat(data.resolve(s)).isDirectory());
  }

  @Test
  void twoInterruptedLoadsInTheSameSecondKeepBothFolders() throws Exception {
    stores();
    InterruptedDemoLoad.begin(data);
    Path first = InterruptedDemoLoad.setAside(data, LOADED).orElseThrow();
    stores();
    InterruptedDemoLoad.begin(data);
    Files.setLastModifiedTime(
        data.resolve(InterruptedDemoLoad.LOADING_MARKER),
        Files.getLastModifiedTime(first.resolve(InterruptedDemoLoad.LOADING_MARKER)));

    Path second = InterruptedDemoLoad.setAside(data, LOADED).orElseThrow();

    assertThat(second).isNotEqualTo(first);
    try (Stream<Path> folders = Files.list(data)) {
      assertThat(folders.filter(p -> p.getFileName().toString().startsWith("interrupted-")))
          .hasSize(2);
    }
  }

  @Test
  void aDataDirThatNeverLoadedTheDemoIsLeftAlone() throws Exception {
    stores();

    assertThat(InterruptedDemoLoad.setAside(data, LOADED)).isEmpty();

    InterruptedDemoLoad.STORES.forEach(s -> assertThat(data.resolve(s)).isDirectory());
  }
}
