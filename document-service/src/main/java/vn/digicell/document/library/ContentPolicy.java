package vn.digicell.document.library;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.apache.tika.Tika;

/**
 * What content the library accepts, judged from the bytes (Apache Tika's magic detection), never
 * from the file name or the declared type: documents, images, audio and video.
 */
final class ContentPolicy {

  private static final Tika TIKA = new Tika();
  private static final Set<String> DOCUMENT_TYPES =
      Set.of(
          "application/pdf",
          "text/plain",
          "application/rtf",
          "application/msword",
          "application/vnd.ms-excel",
          "application/vnd.ms-powerpoint",
          "application/x-tika-msoffice",
          "application/x-tika-ooxml",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation",
          "application/vnd.oasis.opendocument.text",
          "application/vnd.oasis.opendocument.spreadsheet",
          "application/vnd.oasis.opendocument.presentation",
          "application/epub+zip");

  private ContentPolicy() {}

  private static final java.util.Map<String, String> OOXML_BY_EXTENSION =
      java.util.Map.of(
          "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation");

  /** The media type detected from the content's leading bytes, without parameters. */
  static String detect(InputStream content) throws IOException {
    String detected = TIKA.detect(content);
    int parameters = detected.indexOf(';');
    return (parameters < 0 ? detected : detected.substring(0, parameters))
        .strip()
        .toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The type to serve: the detected one, except that a verified Office Open XML container (which
   * Tika's core detector names only generically) takes the specific type of its file extension.
   */
  static String refine(String detected, String filename) {
    if ("application/x-tika-ooxml".equals(detected) && filename != null) {
      String name = filename.toLowerCase(java.util.Locale.ROOT);
      String extension = name.substring(name.lastIndexOf('.') + 1);
      return OOXML_BY_EXTENSION.getOrDefault(extension, detected);
    }
    return detected;
  }

  static boolean accepts(String mediaType) {
    return mediaType.startsWith("image/")
        || mediaType.startsWith("audio/")
        || mediaType.startsWith("video/")
        || DOCUMENT_TYPES.contains(mediaType);
  }
}
