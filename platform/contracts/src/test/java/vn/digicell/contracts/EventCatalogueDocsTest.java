package vn.digicell.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EventCatalogueDocsTest {

  @Test
  void theDocumentedCatalogueListsEveryEventTypeWithItsTopic() throws IOException {
    String page = Files.readString(Path.of("../../docs/events.md"));
    assertThat(EventCatalogue.entries())
        .allSatisfy(
            e ->
                assertThat(page)
                    .as("docs/events.md row for %s", e.type())
                    .contains("| `" + e.type() + "` | `" + e.topic() + "` |"));
  }
}
