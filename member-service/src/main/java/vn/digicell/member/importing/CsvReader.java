package vn.digicell.member.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as spreadsheets save it (RFC 4180: quoted fields, doubled quotes, newlines inside
 * quotes), UTF-8 with or without a byte-order mark, comma or semicolon separated (taken from the
 * header line).
 */
final class CsvReader {

  private CsvReader() {}

  static List<List<String>> read(String text) {
    String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
    int firstLineEnd = content.indexOf('\n');
    String header = firstLineEnd < 0 ? content : content.substring(0, firstLineEnd);
    char separator =
        header.chars().filter(c -> c == ';').count() > header.chars().filter(c -> c == ',').count()
            ? ';'
            : ',';
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
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
        addUnlessBlank(rows, row);
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    row.add(field.toString().strip());
    addUnlessBlank(rows, row);
    return rows;
  }

  private static void addUnlessBlank(List<List<String>> rows, List<String> row) {
    if (row.stream().anyMatch(f -> !f.isEmpty())) {
      rows.add(row);
    }
  }
}
