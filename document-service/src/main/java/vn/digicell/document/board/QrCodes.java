package vn.digicell.document.board;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/** QR codes (ZXing) as images, PNG bytes and SVG. */
public final class QrCodes {

  private QrCodes() {}

  /** The code's modules, with a quiet zone of four modules, one pixel per module. */
  static BitMatrix matrix(String text) {
    try {
      return new QRCodeWriter()
          .encode(
              text,
              BarcodeFormat.QR_CODE,
              0,
              0,
              Map.of(
                  EncodeHintType.ERROR_CORRECTION,
                  ErrorCorrectionLevel.M,
                  EncodeHintType.MARGIN,
                  4,
                  EncodeHintType.CHARACTER_SET,
                  "UTF-8"));
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode as a QR code: " + text, e);
    }
  }

  /** A black-on-white image with {@code scale} pixels per module. */
  static BufferedImage image(String text, int scale) {
    BitMatrix m = matrix(text);
    BufferedImage img =
        new BufferedImage(
            m.getWidth() * scale, m.getHeight() * scale, BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, m.get(x / scale, y / scale) ? 0xFF000000 : 0xFFFFFFFF);
      }
    }
    return img;
  }

  public static byte[] png(String text, int scale) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image(text, scale), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** One path of horizontal runs of dark modules, scalable without loss. */
  public static String svg(String text) {
    BitMatrix m = matrix(text);
    StringBuilder d = new StringBuilder();
    for (int y = 0; y < m.getHeight(); y++) {
      int x = 0;
      while (x < m.getWidth()) {
        if (!m.get(x, y)) {
          x++;
          continue;
        }
        int start = x;
        while (x < m.getWidth() && m.get(x, y)) {
          x++;
        }
        d.append('M').append(start).append(' ').append(y);
        d.append('h').append(x - start).append("v1h-").append(x - start).append('z');
      }
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">\
        <rect width="100%%" height="100%%" fill="#fff"/><path fill="#000" d="%s"/></svg>
        """
        .formatted(m.getWidth(), m.getHeight(), d);
  }
}
