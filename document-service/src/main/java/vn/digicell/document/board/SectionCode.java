package vn.digicell.document.board;

import java.security.SecureRandom;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A section's short code, reserved once (its uniqueness is the collection's {@code _id}), with the
 * board it belongs to and how often it was scanned (counted here with an atomic {@code $inc}, so
 * saving the board never loses a scan).
 */
@Document("section_codes")
record SectionCode(@Id String code, @Indexed String boardId, long scans) {

  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Eight base32 characters from 40 random bits. */
  static String next() {
    long bits = 0;
    byte[] bytes = new byte[5];
    RANDOM.nextBytes(bytes);
    for (byte b : bytes) {
      bits = (bits << 8) | (b & 0xff);
    }
    char[] out = new char[8];
    for (int i = 7; i >= 0; i--) {
      out[i] = ALPHABET[(int) (bits & 31)];
      bits >>>= 5;
    }
    return new String(out);
  }
}
