package vn.digicell.notification.feedback;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Photos keep only their pixels. JPEG and PNG are decoded and encoded anew, so no EXIF, XMP, IPTC,
 * comment, embedded thumbnail or text chunk survives; WebP (which the JDK cannot encode) keeps its
 * image data and loses its EXIF and XMP chunks. Very large photos are decoded subsampled, so a
 * small file of huge dimensions cannot exhaust the memory.
 */
final class ImageSanitizer {

  /** More pixels than this are read subsampled (a 24-megapixel photo is read whole). */
  static final long MAX_PIXELS = 24_000_000L;

  private static final Map<String, String> EXTENSIONS =
      Map.of(
          "image/jpeg", "jpg", "image/png", "png", "image/webp", "webp", "application/pdf", "pdf");

  private ImageSanitizer() {}

  static boolean handles(String type) {
    return type.equals("image/jpeg") || type.equals("image/png") || type.equals("image/webp");
  }

  /** A name that says nothing about the sender: {@code attachment-2.jpg}. */
  static String neutralName(int number, String type) {
    return "attachment-" + number + "." + EXTENSIONS.getOrDefault(type, "bin");
  }

  /** The image without its metadata; throws when the bytes are not a readable image. */
  static byte[] withoutMetadata(byte[] content, String type) throws IOException {
    return switch (type) {
      case "image/jpeg" -> reencode(content, "jpeg");
      case "image/png" -> reencode(content, "png");
      case "image/webp" -> webpWithoutMetadata(content);
      default -> throw new IllegalArgumentException("not an image: " + type);
    };
  }

  private static byte[] reencode(byte[] content, String format) throws IOException {
    BufferedImage image = decode(content);
    if (format.equals("jpeg") && image.getColorModel().hasAlpha()) {
      BufferedImage opaque =
          new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
      opaque.createGraphics().drawImage(image, 0, 0, java.awt.Color.WHITE, null);
      image = opaque;
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (format.equals("jpeg")) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
      }
      // no metadata object: the writer writes only what the pixels need
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static BufferedImage decode(byte[] content) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException("no reader for this image");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        ImageReadParam param = reader.getDefaultReadParam();
        if (pixels > MAX_PIXELS) {
          int step = (int) Math.ceil(Math.sqrt((double) pixels / MAX_PIXELS));
          param.setSourceSubsampling(step, step, 0, 0);
        }
        return reader.read(0, param);
      } finally {
        reader.dispose();
      }
    }
  }

  /**
   * Drops the {@code EXIF} and {@code XMP } chunks of a WebP file (RIFF container) and clears their
   * flags in the {@code VP8X} header; the image chunks are kept byte for byte.
   */
  static byte[] webpWithoutMetadata(byte[] content) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
    if (content.length < 12
        || !ascii(content, 0).equals("RIFF")
        || !ascii(content, 8).equals("WEBP")) {
      throw new IOException("not a WebP file");
    }
    ByteArrayOutputStream chunks = new ByteArrayOutputStream(content.length);
    int at = 12;
    while (at + 8 <= content.length) {
      String id = ascii(content, at);
      long size = Integer.toUnsignedLong(in.getInt(at + 4));
      long padded = size + (size & 1);
      if (at + 8 + padded > content.length) {
        if (at + 8 + size > content.length) {
          throw new IOException("truncated WebP chunk " + id);
        }
        padded = size;
      }
      int length = (int) (8 + padded);
      if (!id.equals("EXIF") && !id.equals("XMP ")) {
        byte[] chunk = java.util.Arrays.copyOfRange(content, at, at + length);
        if (id.equals("VP8X") && chunk.length > 8) {
          chunk[8] &= (byte) ~(0x08 | 0x04); // EXIF and XMP present flags
        }
        chunks.write(chunk);
      }
      at += length;
    }
    byte[] body = chunks.toByteArray();
    ByteBuffer out = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put("RIFF".getBytes(StandardCharsets.US_ASCII));
    out.putInt(4 + body.length);
    out.put("WEBP".getBytes(StandardCharsets.US_ASCII));
    out.put(body);
    return out.array();
  }

  private static String ascii(byte[] bytes, int at) {
    return new String(bytes, at, 4, StandardCharsets.US_ASCII);
  }
}
