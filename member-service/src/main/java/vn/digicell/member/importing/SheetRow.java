package vn.digicell.member.importing;

import java.util.List;

/**
 * One non-blank row of a register file and where a secretary finds it when opening the file: the
 * physical line a CSV record starts on (the header is line 1, blank lines and the extra lines of a
 * quoted field spanning lines counted), or the row number Excel shows for an XLSX row (empty rows
 * counted).
 */
record SheetRow(int line, List<String> cells) {}
