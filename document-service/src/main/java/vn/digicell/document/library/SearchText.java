package vn.digicell.document.library;

import java.text.Normalizer;
import java.util.Locale;

/** Search keys that ignore Vietnamese diacritics and case; {@code đ}/{@code Đ} map to d by hand. */
public final class SearchText {

  private SearchText() {}

  /** "Nghị quyết Đại hội" → "nghi quyet dai hoi". */
  public static String fold(String text) {
    if (text == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (char c : decomposed.toCharArray()) {
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      out.append(c == 'đ' || c == 'Đ' ? 'd' : c);
    }
    return out.toString().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }
}
