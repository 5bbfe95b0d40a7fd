package vn.digicell.member.shared;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Vietnamese text as data: search keys that ignore diacritics and case (đ/Đ does not decompose and
 * is mapped by hand), and sort keys in Vietnamese alphabetical order (a ă â b c d đ e ê …, then
 * tones), given name first as Vietnamese lists are ordered.
 */
public final class VietnameseText {

  private static final String ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";
  // tone order: none, huyền (grave), hỏi (hook), ngã (tilde), sắc (acute), nặng (dot below)
  private static final String TONES = "\u0300\u0309\u0303\u0301\u0323";

  private VietnameseText() {}

  /** "Nguyễn Thị Đào" → "nguyen thi dao". */
  public static String searchKey(String text) {
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

  /** A key whose plain string order is the Vietnamese order of people's names. */
  public static String nameSortKey(String fullName) {
    String name = fullName.strip().replaceAll("\\s+", " ");
    int lastSpace = name.lastIndexOf(' ');
    String given = lastSpace < 0 ? name : name.substring(lastSpace + 1);
    return collationKey(given) + "\u0001" + collationKey(name);
  }

  /** Letters by the Vietnamese alphabet first, tones second. */
  static String collationKey(String text) {
    String decomposed =
        Normalizer.normalize(text.toLowerCase(Locale.forLanguageTag("vi")), Normalizer.Form.NFD);
    StringBuilder primary = new StringBuilder();
    StringBuilder tones = new StringBuilder();
    int i = 0;
    while (i < decomposed.length()) {
      char base = decomposed.charAt(i++);
      StringBuilder letter = new StringBuilder().append(base);
      char tone = '0';
      while (i < decomposed.length()
          && Character.getType(decomposed.charAt(i)) == Character.NON_SPACING_MARK) {
        char mark = decomposed.charAt(i++);
        int t = TONES.indexOf(mark);
        if (t >= 0) {
          tone = (char) ('1' + t);
        } else {
          letter.append(mark);
        }
      }
      String composed = Normalizer.normalize(letter, Normalizer.Form.NFC);
      int rank = composed.length() == 1 ? ALPHABET.indexOf(composed.charAt(0)) : -1;
      primary.append(rank >= 0 ? (char) ('A' + rank) : composed.equals(" ") ? ' ' : '~');
      tones.append(tone);
    }
    return primary + "\u0000" + tones;
  }
}
