package vn.digicell.notification.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import org.apache.tika.Tika;

/**
 * Feedback takes photos (JPEG, PNG, WebP) and PDF documents, judged from the bytes, not the name.
 */
final class AttachmentPolicy {

  private static final Tika TIKA = new Tika();
  static final Set<String> ACCEPTED =
      Set.of("image/jpeg", "image/png", "image/webp", "application/pdf");

  private AttachmentPolicy() {}

  /** The media type Tika detects from the leading bytes, without parameters. */
  static String detect(InputStream content) throws IOException {
    String detected = TIKA.detect(content);
    int parameters = detected.indexOf(';');
    return (parameters < 0 ? detected : detected.substring(0, parameters))
        .strip()
        .toLowerCase(Locale.ROOT);
  }
}
