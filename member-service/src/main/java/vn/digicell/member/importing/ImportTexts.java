package vn.digicell.member.importing;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * What a person reads about a register file: the template's header row and the reasons a row is
 * rejected, in the language of the request that started the import (Vietnamese unless English was
 * asked for). Headers are recognised in either language, with or without diacritics.
 */
final class ImportTexts {

  static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

  private static final ResourceBundleMessageSource SOURCE = new ResourceBundleMessageSource();

  static {
    SOURCE.setBasenames("import-messages");
    SOURCE.setDefaultEncoding("UTF-8");
    SOURCE.setFallbackToSystemLocale(false);
    SOURCE.setAlwaysUseMessageFormat(true);
  }

  /** Every accepted spelling of a header (normalised), by template column. */
  private static final Map<String, String> HEADERS = new HashMap<>();

  static {
    for (String column : LegacyImport.COLUMNS) {
      HEADERS.put(key(column), column);
      HEADERS.put(key(header(column, VIETNAMESE)), column);
      HEADERS.put(key(header(column, Locale.ENGLISH)), column);
    }
  }

  private final Locale locale;

  ImportTexts(Locale locale) {
    this.locale =
        Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? Locale.ENGLISH : VIETNAMESE;
  }

  Locale locale() {
    return locale;
  }

  /** The text of {@code code} with its arguments (already formatted as text). */
  String text(String code, Object... args) {
    return SOURCE.getMessage(code, args, code, locale);
  }

  /** The column's name as the header row of the template in this language shows it. */
  String column(String column) {
    return header(column, locale);
  }

  /** The template's header row in this language. */
  List<String> headerRow() {
    return LegacyImport.COLUMNS.stream().map(this::column).toList();
  }

  private static String header(String column, Locale locale) {
    return SOURCE.getMessage("import.column." + column, null, column, locale);
  }

  /** The template column a header cell names ("Họ và tên", "ho va ten", "fullName"), if any. */
  static String columnOf(String headerCell) {
    return HEADERS.get(key(headerCell));
  }

  /** Lower case, no diacritics (đ as d), letters and digits only. */
  static String key(String text) {
    String plain =
        Normalizer.normalize(text.strip().toLowerCase(VIETNAMESE), Normalizer.Form.NFD)
            .replaceAll("\\p{M}+", "")
            .replace('đ', 'd');
    return plain.replaceAll("[^a-z0-9]+", "");
  }
}
