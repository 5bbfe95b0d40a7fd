package vn.digicell.member.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as spreadsheets save it (RFC 4180: quoted fields, doubled quotes, newlines inside
 * quotes), UTF-8 with or without a byte-order mark, comma or semicolon separated (taken from the
 * header line). Blank lines are left out; every row keeps the physical line it starts on, so a
 * rejected row is reported where a text editor or spreadsheet shows it.
 */
final class CsvReader {

  private CsvReader() {}

  static List<SheetRow> read(String text) {
    String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
    int firstLineEnd = content.indexOf('\n');
    String header = firstLineEnd < 0 ? content : content.substring(0, firstLineEnd);
    char separator =
        header.chars().filter(c -> c == ';').count() > header.chars().filter(c -> c == ',').count()
            ? ';'
            : ',';
    List<SheetRow> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    int line = 1; // the physical line at the current character
    int rowStart = 1; // the line the current record started on
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < content.length() && content.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
          // a line break inside quotes: CRLF counts once, at its LF
          if (c == '\n'
              || (c == '\r' && !(i + 1 < content.length() && content.charAt(i + 1) == '\n'))) {
            line++;
          }
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == separator) {
        row.add(field.toString().strip());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < content.length() && content.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString().strip());
        field.setLength(0);
        addUnlessBlank(rows, rowStart, row);
        row = new ArrayList<>();
        line++;
        rowStart = line;
      } else {
        field.append(c);
      }
    }
    row.add(field.toString().strip());
    addUnlessBlank(rows, rowStart, row);
    return rows;
  }

  private static void addUnlessBlank(List<SheetRow> rows, int line, List<String> row) {
    if (row.stream().anyMatch(f -> !f.isEmpty())) {
      rows.add(new SheetRow(line, row));
    }
  }
}
