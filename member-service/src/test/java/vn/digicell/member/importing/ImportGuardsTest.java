package vn.digicell.member.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.digicell.platform.web.ProblemException;

/** A register is read as it streams, stops at the row limit, and a zip bomb is a problem. */
class ImportGuardsTest {

  @TempDir Path dir;

  @Test
  void csvReadingStopsAtTheRowAfterTheLimit() {
    // an endless register: only a reader that stops at the limit returns at all
    CountingRows endless = new CountingRows();
    assertThatThrownBy(() -> CsvReader.read(endless, 11))
        .isInstanceOfSatisfying(
            ProblemException.class, p -> assertThat(p.type()).isEqualTo("file-too-long"));
    assertThat(endless.rows).isLessThanOrEqualTo(13);
  }

  @Test
  void csvWithinTheLimitIsReadWhole() {
    String csv = "a,b\n1,2\n3,4\n";
    assertThat(CsvReader.read(new java.io.StringReader(csv), 3)).hasSize(3);
    assertThatThrownBy(() -> CsvReader.read(new java.io.StringReader(csv), 2))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void xlsxReadingStopsAtTheRowAfterTheLimit() throws IOException {
    Path file = dir.resolve("long.xlsx");
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      Sheet sheet = workbook.createSheet("Sổ");
      for (int r = 0; r < 50; r++) {
        sheet.createRow(r).createCell(0).setCellValue("row " + r);
      }
      workbook.write(out);
    }
    assertThat(XlsxReader.readRows(file, 50)).hasSize(50);
    assertThatThrownBy(() -> XlsxReader.readRows(file, 11))
        .isInstanceOfSatisfying(
            ProblemException.class, p -> assertThat(p.type()).isEqualTo("file-too-long"));
  }

  @Test
  void aZipBombIsRefusedAsAProblemBeforeItInflates() throws IOException {
    assertThat(XlsxReader.MAX_ENTRY_BYTES).isEqualTo(ZipSecureFile.getMaxEntrySize());
    assertThat(ZipSecureFile.getMinInflateRatio()).isEqualTo(XlsxReader.MIN_INFLATE_RATIO);
    assertThat(ZipSecureFile.getMaxTextSize()).isEqualTo(XlsxReader.MAX_TEXT_CHARS);

    // a genuine workbook whose sheet is replaced by 64 MB of blanks (a few dozen KB compressed)
    byte[] workbook;
    try (XSSFWorkbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      book.createSheet("Sổ").createRow(0).createCell(0).setCellValue("fullName");
      book.write(out);
      workbook = out.toByteArray();
    }
    Path bomb = dir.resolve("bomb.xlsx");
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        out.putNextEntry(new ZipEntry(entry.getName()));
        if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
          out.write(
              ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas"
                      + ".openxmlformats.org/spreadsheetml/2006/main\"><sheetData>")
                  .getBytes(StandardCharsets.UTF_8));
          byte[] blanks = new byte[1 << 20];
          java.util.Arrays.fill(blanks, (byte) ' ');
          for (int mb = 0; mb < 64; mb++) {
            out.write(blanks);
          }
          out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        } else {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    assertThat(Files.size(bomb)).isLessThan(1_000_000);
    assertThatThrownBy(() -> XlsxReader.readRows(bomb, 200_001))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.status().value()).isEqualTo(400);
              assertThat(p.type()).isEqualTo("unsafe-spreadsheet");
            });
  }

  /** Rows {@code n,x} without end, counting how many were handed out. */
  private static final class CountingRows extends Reader {
    int rows;
    private String pending = "fullName,cell\n";
    private int at;

    @Override
    public int read(char[] buffer, int offset, int length) {
      int n = 0;
      while (n < length) {
        if (at == pending.length()) {
          pending = (rows++) + ",C07\n";
          at = 0;
        }
        buffer[offset + n++] = pending.charAt(at++);
      }
      return n;
    }

    @Override
    public void close() {}
  }
}
