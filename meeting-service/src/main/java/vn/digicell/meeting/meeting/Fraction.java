package vn.digicell.meeting.meeting;

/**
 * A threshold "more than numerator/denominator of the base", e.g. 2/3 for the quorum, 1/2 for a
 * majority. Integer arithmetic, so "more than two thirds of 9" is 7, never a rounding question.
 */
public record Fraction(int numerator, int denominator) {

  public Fraction {
    if (numerator < 0 || denominator <= 0 || numerator > denominator) {
      throw new IllegalArgumentException(
          "not a fraction of a whole: " + numerator + "/" + denominator);
    }
  }

  /** Parses {@code "2/3"}. */
  public static Fraction parse(String text) {
    String[] parts = text.strip().split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected n/d, got " + text);
    }
    return new Fraction(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
  }

  /** Whether {@code count} is more than this fraction of {@code base}. */
  public boolean exceededBy(long count, long base) {
    return count * denominator > (long) numerator * base;
  }

  /** The smallest count that is more than this fraction of {@code base}. */
  public long smallestCountExceeding(long base) {
    return (long) numerator * base / denominator + 1;
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
