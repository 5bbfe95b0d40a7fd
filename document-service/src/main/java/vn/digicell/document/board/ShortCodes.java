package vn.digicell.document.board;

import java.security.SecureRandom;

/**
 * Short codes printed as QR codes (board sections, meeting packs): eight lower-case base32
 * characters from 40 random bits, easy to type, no look-alike digits 0, 1, 8, 9.
 */
public final class ShortCodes {

  /** What a code looks like. */
  public static final String PATTERN = "[a-z2-7]{8}";

  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private ShortCodes() {}

  /** A fresh random code; callers reserve it under a unique key and draw again on a clash. */
  public static String next() {
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
