package vn.digicell.member.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import vn.digicell.platform.web.ProblemException;

/**
 * Reads the first sheet of an XLSX register as rows of text, streaming (SAX over the sheet XML), so
 * a 100,000-row file never becomes an in-memory workbook. Dates come out as {@code dd/MM/yyyy} like
 * the CSV template; whole numbers without decimals or exponent. A citizen id typed as a number
 * loses its leading zero in Excel: an 11-digit value in that column gets it back.
 */
public final class XlsxReader {

  private static final DateTimeFormatter VIETNAMESE_DATE =
      DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private XlsxReader() {}

  /*
   * POI's guards against zip bombs, set explicitly rather than trusted as defaults: an entry may not
   * inflate more than 100 times its compressed size, no entry of the package may exceed
   * MAX_ENTRY_BYTES (the sheet XML of a 200,000-row register is about 100 MB), and no text read
   * from it may exceed MAX_TEXT_CHARS.
   */
  static final double MIN_INFLATE_RATIO = 0.01;
  static final long MAX_ENTRY_BYTES = 256L * 1024 * 1024;
  static final long MAX_TEXT_CHARS = 10L * 1024 * 1024;

  static {
    ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
    ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    ZipSecureFile.setMaxTextSize(MAX_TEXT_CHARS);
  }

  /** An XLSX file is a ZIP package: it starts with {@code PK\3\4}. */
  public static boolean isSpreadsheet(byte[] content) {
    return content.length >= 4
        && content[0] == 'P'
        && content[1] == 'K'
        && content[2] == 3
        && content[3] == 4;
  }

  /** The first sheet's non-blank rows, each with the row number Excel shows (1 for the first). */
  static List<SheetRow> readRows(byte[] content) {
    try {
      Path file = Files.createTempFile("register-", ".xlsx");
      try {
        Files.write(file, content);
        return readRows(file, Integer.MAX_VALUE);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The first sheet's non-blank rows of the package stored at {@code file} (read from the file, not
   * from memory), refusing as soon as a row beyond {@code maxRecords} (the header included) is
   * read.
   */
  static List<SheetRow> readRows(Path file, int maxRecords) {
    try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
      XSSFReader reader = new XSSFReader(pkg);
      StylesTable styles = reader.getStylesTable();
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
      Iterator<InputStream> sheets = reader.getSheetsData();
      if (!sheets.hasNext()) {
        return List.of();
      }
      Rows rows = new Rows(maxRecords);
      try (InputStream sheet = sheets.next()) {
        XMLReader parser = XMLHelper.newXMLReader();
        parser.setContentHandler(
            new XSSFSheetXMLHandler(styles, null, strings, rows, new PlainFormatter(), false));
        parser.parse(new InputSource(sheet));
      }
      restoreLeadingZeros(rows.rows, "citizenId", 12);
      return rows.rows;
    } catch (IOException
        | OpenXML4JException
        | SAXException
        | javax.xml.parsers.ParserConfigurationException
        | RuntimeException unreadable) {
      for (Throwable t = unreadable; t != null; t = t.getCause()) {
        if (t instanceof ProblemException problem) {
          throw problem;
        }
        if (t.getMessage() != null
            && (t.getMessage().contains("Zip bomb")
                || t.getMessage().contains("exceeds the maximum")
                || t.getMessage().contains("max text size")
                || t instanceof org.apache.poi.util.RecordFormatException)) {
          throw ProblemException.badRequest(
              "unsafe-spreadsheet",
              "The spreadsheet expands far beyond any member register (a compressed part is too"
                  + " large or too highly compressed); it was not read. Save it again from Excel"
                  + " or LibreOffice, or as CSV (UTF-8).");
        }
      }
      throw ProblemException.badRequest(
          "unreadable-spreadsheet",
          "The file could not be read as an XLSX spreadsheet: save it again from Excel or"
              + " LibreOffice, or as CSV (UTF-8).");
    }
  }

  private static void restoreLeadingZeros(List<SheetRow> rows, String column, int length) {
    if (rows.isEmpty()) {
      return;
    }
    int at = rows.get(0).cells().stream().map(String::strip).toList().indexOf(column);
    if (at < 0) {
      return;
    }
    for (List<String> row : rows.subList(1, rows.size()).stream().map(SheetRow::cells).toList()) {
      if (at < row.size()) {
        String value = row.get(at).strip();
        if (value.length() == length - 1 && value.chars().allMatch(Character::isDigit)) {
          row.set(at, "0" + value);
        }
      }
    }
  }

  /**
   * Collects each row's cells by column, empty cells as "", blank rows left out; each row keeps its
   * spreadsheet row number (POI gives it 0-based, from the row's own {@code r} attribute, so rows
   * missing from the sheet XML still count).
   */
  private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
    final List<SheetRow> rows = new ArrayList<>();
    private final int maxRecords;
    private List<String> current;

    Rows(int maxRecords) {
      this.maxRecords = maxRecords;
    }

    @Override
    public void startRow(int rowNum) {
      current = new ArrayList<>();
    }

    @Override
    public void endRow(int rowNum) {
      if (current.stream().anyMatch(v -> !v.isBlank())) {
        if (rows.size() >= maxRecords) {
          throw LegacyImport.tooLong(maxRecords - 1);
        }
        rows.add(new SheetRow(rowNum + 1, current));
      }
    }

    @Override
    public void cell(String cellReference, String formattedValue, XSSFComment comment) {
      int column =
          cellReference == null ? current.size() : new CellReference(cellReference).getCol();
      while (current.size() < column) {
        current.add("");
      }
      current.add(formattedValue == null ? "" : formattedValue);
    }
  }

  /** Dates as the template writes them, numbers as typed: no grouping, decimals or exponent. */
  private static final class PlainFormatter extends DataFormatter {
    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        return DateUtil.getLocalDateTime(value).toLocalDate().format(VIETNAMESE_DATE);
      }
      if (value == Math.rint(value) && Math.abs(value) < 1e15) {
        return Long.toString((long) value);
      }
      return super.formatRawCellContents(value, formatIndex, formatString);
    }
  }
}
