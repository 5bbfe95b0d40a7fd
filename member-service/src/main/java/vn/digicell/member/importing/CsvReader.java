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

  /** The longest header line read to find the separator. */
  private static final int HEADER_MAX = 64 * 1024;

  private CsvReader() {}

  static List<SheetRow> read(String text) {
    return read(new java.io.StringReader(text), Integer.MAX_VALUE);
  }

  /**
   * Reads records from {@code in} as they stream by, refusing (problem {@code file-too-long}) as
   * soon as a record beyond {@code maxRecords} (the header included) starts: a long file is never
   * read to its end, nor held whole in memory.
   */
  static List<SheetRow> read(java.io.Reader in, int maxRecords) {
    try {
      java.io.PushbackReader content = new java.io.PushbackReader(in, HEADER_MAX + 2);
      int first = content.read();
      if (first != '\uFEFF' && first != -1) {
        content.unread(first);
      }
      char separator = separator(content);
      return records(content, separator, maxRecords);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Comma or semicolon, whichever the header line holds more of; the line is pushed back. */
  private static char separator(java.io.PushbackReader content) throws java.io.IOException {
    StringBuilder header = new StringBuilder();
    int c;
    while (header.length() < HEADER_MAX && (c = content.read()) != -1) {
      header.append((char) c);
      if (c == '\n') {
        break;
      }
    }
    content.unread(header.toString().toCharArray());
    return header.chars().filter(ch -> ch == ';').count()
            > header.chars().filter(ch -> ch == ',').count()
        ? ';'
        : ',';
  }

  private static List<SheetRow> records(
      java.io.PushbackReader content, char separator, int maxRecords) throws java.io.IOException {
    List<SheetRow> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    int line = 1; // the physical line at the current character
    int rowStart = 1; // the line the current record started on
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int read;
    while ((read = content.read()) != -1) {
      char c = (char) read;
      if (quoted) {
        int next = content.read();
        if (c == '"' && next == '"') {
          field.append('"');
          continue;
        }
        if (next != -1) {
          content.unread(next);
        }
        if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
          // a line break inside quotes: CRLF counts once, at its LF
          if (c == '\n' || (c == '\r' && next != '\n')) {
            line++;
          }
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == separator) {
        row.add(field.toString().strip());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r') {
          int next = content.read();
          if (next != '\n' && next != -1) {
            content.unread(next);
          }
        }
        row.add(field.toString().strip());
        field.setLength(0);
        addUnlessBlank(rows, rowStart, row, maxRecords);
        row = new ArrayList<>();
        line++;
        rowStart = line;
      } else {
        field.append(c);
      }
    }
    row.add(field.toString().strip());
    addUnlessBlank(rows, rowStart, row, maxRecords);
    return rows;
  }

  private static void addUnlessBlank(
      List<SheetRow> rows, int line, List<String> row, int maxRecords) {
    if (row.stream().anyMatch(f -> !f.isEmpty())) {
      if (rows.size() >= maxRecords) {
        throw LegacyImport.tooLong(maxRecords - 1);
      }
      rows.add(new SheetRow(line, row));
    }
  }
}
