package vn.digicell.document.board;

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

  /** Eight base32 characters from 40 random bits. */
  static String next() {
    return ShortCodes.next();
  }
}
