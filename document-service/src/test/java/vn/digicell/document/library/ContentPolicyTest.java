package vn.digicell.document.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Types are judged from the bytes: what a commune uploads is accepted, what it must not is not. */
class ContentPolicyTest {

  static String detect(byte[] bytes) throws IOException {
    return ContentPolicy.detect(new ByteArrayInputStream(bytes));
  }

  static byte[] zip(String... namesAndContents) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        zip.putNextEntry(new ZipEntry(namesAndContents[i]));
        zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  @Test
  void documentsImagesAudioAndVideoAreAccepted() throws IOException {
    byte[] docx = zip("[Content_Types].xml", "<Types/>", "word/document.xml", "<w:document/>");
    String detected = detect(docx);
    assertThat(ContentPolicy.accepts(detected)).as(detected).isTrue();
    assertThat(ContentPolicy.refine(detected, "Nghị quyết 57.DOCX"))
        .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assertThat(detect(DocumentLibraryTest.PDF)).isEqualTo("application/pdf");
    assertThat(detect(DocumentLibraryTest.PNG)).isEqualTo("image/png");
    assertThat(detect("Nghị quyết".getBytes(StandardCharsets.UTF_8))).isEqualTo("text/plain");
    byte[] mp4 = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2', 0, 0, 0, 0};
    assertThat(ContentPolicy.accepts(detect(mp4))).isTrue();
  }

  @Test
  void executablesArchivesAndPagesAreRefusedWhateverTheirName() throws IOException {
    assertThat(detect(DocumentLibraryTest.EXE)).isEqualTo("application/x-msdownload");
    assertThat(ContentPolicy.accepts(detect(DocumentLibraryTest.EXE))).isFalse();
    assertThat(ContentPolicy.refine(detect(DocumentLibraryTest.EXE), "a.docx"))
        .isEqualTo("application/x-msdownload");
    assertThat(ContentPolicy.accepts(detect(zip("a.txt", "hello")))).isFalse();
    assertThat(
            ContentPolicy.accepts(
                detect("<html><body>x</body></html>".getBytes(StandardCharsets.UTF_8))))
        .isFalse();
  }
}
