package vn.digicell.member.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Each row keeps the line a secretary sees when opening the file. */
class RegisterLinesTest {

  @Test
  void csvRowsKeepTheirPhysicalLineWithBlankLinesAndQuotedLineBreaksCounted() {
    String csv =
        "\uFEFFfullName;residence\r\n" // line 1
            + "An;ấp 1\r\n" // 2
            + "\r\n" // 3 blank
            + " ; \r\n" // 4 blank (only spaces)
            + "Bình;\"Số 5,\r\nấp Cái Nứa\r\nxã Vĩnh Bình\"\r\n" // 5-7
            + "Chi;ấp 2\n" // 8
            + "\n" // 9
            + "Dũng;\"một \"\"dòng\"\"\"\r" // 10 (old Mac line end)
            + "Em;\"a\nb\""; // 11-12, no final line break
    List<SheetRow> rows = CsvReader.read(csv);
    assertThat(rows).extracting(SheetRow::line).containsExactly(1, 2, 5, 8, 10, 11);
    assertThat(rows.get(2).cells()).containsExactly("Bình", "Số 5,\r\nấp Cái Nứa\r\nxã Vĩnh Bình");
    assertThat(rows.get(4).cells()).containsExactly("Dũng", "một \"dòng\"");
    assertThat(rows.get(5).cells()).containsExactly("Em", "a\nb");
  }

  @Test
  void csvWithoutBlankLinesNumbersRowsFromTheHeader() {
    assertThat(CsvReader.read("a,b\n1,2\n3,4\n"))
        .extracting(SheetRow::line)
        .containsExactly(1, 2, 3);
  }

  @Test
  void xlsxRowsKeepTheRowNumberExcelShowsWithEmptyRowsCounted() throws IOException {
    byte[] content;
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("Sổ");
      sheet.createRow(1).createCell(0).setCellValue("fullName"); // row 2: header below a gap
      sheet.createRow(2).createCell(0).setCellValue("An"); // row 3
      sheet.createRow(3).createCell(0).setCellValue(" "); // row 4: present but blank
      // row 5 and 6 are not in the sheet at all
      sheet.createRow(6).createCell(2).setCellValue("Bình"); // row 7, third column
      workbook.write(out);
      content = out.toByteArray();
    }
    List<SheetRow> rows = XlsxReader.readRows(content);
    assertThat(rows).extracting(SheetRow::line).containsExactly(2, 3, 7);
    assertThat(rows.get(2).cells()).containsExactly("", "", "Bình");
  }
}
