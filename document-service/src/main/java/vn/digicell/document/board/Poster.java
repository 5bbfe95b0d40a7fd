package vn.digicell.document.board;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.springframework.http.HttpStatus;
import vn.digicell.platform.web.ProblemException;

/**
 * The printable poster of a board: its title and, in a grid on one page, each section's QR code
 * with its title and caption. Text is set in an embedded TrueType font (the PDF standard fonts have
 * no Vietnamese glyphs).
 */
final class Poster {

  /** Paper sizes a commune prints on. */
  enum Size {
    A4(PDRectangle.A4, 1f),
    A3(PDRectangle.A3, 1.414f);

    final PDRectangle page;
    final float scale;

    Size(PDRectangle page, float scale) {
      this.page = page;
      this.scale = scale;
    }
  }

  /** One cell of the grid: the URL to encode and the words under it. */
  record Cell(String url, String title, String caption) {}

  private Poster() {}

  static byte[] render(String title, List<Cell> cells, Size size, File fontFile) {
    if (!fontFile.canRead()) {
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "poster-font-missing",
          "The poster font " + fontFile + " is not installed.");
    }
    try (PDDocument pdf = new PDDocument()) {
      PDPage page = new PDPage(size.page);
      pdf.addPage(page);
      PDFont font = PDType0Font.load(pdf, fontFile);
      float w = size.page.getWidth();
      float h = size.page.getHeight();
      float margin = 36 * size.scale;
      try (PDPageContentStream cs = new PDPageContentStream(pdf, page)) {
        float titleSize = 22 * size.scale;
        float y = h - margin;
        for (String line : wrap(font, titleSize, title, w - 2 * margin, 3)) {
          y -= titleSize * 1.25f;
          text(cs, font, titleSize, (w - width(font, titleSize, line)) / 2, y, line);
        }
        y -= titleSize * 0.8f;
        int n = cells.size();
        int cols = Math.max(1, (int) Math.ceil(Math.sqrt(n * 0.75)));
        int rows = (int) Math.ceil(n / (double) cols);
        float cellW = (w - 2 * margin) / cols;
        float cellH = (y - margin) / rows;
        float headSize = 11 * size.scale;
        float captionSize = 9 * size.scale;
        float textRoom = headSize * 1.3f * 2 + captionSize * 1.3f * 3 + 6;
        float side = Math.max(24, Math.min(cellW - 12, cellH - textRoom));
        for (int i = 0; i < n; i++) {
          Cell cell = cells.get(i);
          float left = margin + (i % cols) * cellW;
          float top = y - (i / cols) * cellH;
          PDImageXObject qr = LosslessFactory.createFromImage(pdf, QrCodes.image(cell.url(), 4));
          cs.drawImage(qr, left + (cellW - side) / 2, top - side, side, side);
          float ty = top - side - 2;
          for (String line : wrap(font, headSize, cell.title(), cellW - 8, 2)) {
            ty -= headSize * 1.3f;
            text(cs, font, headSize, left + (cellW - width(font, headSize, line)) / 2, ty, line);
          }
          for (String line : wrap(font, captionSize, cell.caption(), cellW - 8, 3)) {
            ty -= captionSize * 1.3f;
            text(
                cs,
                font,
                captionSize,
                left + (cellW - width(font, captionSize, line)) / 2,
                ty,
                line);
          }
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      pdf.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void text(
      PDPageContentStream cs, PDFont font, float size, float x, float y, String s)
      throws IOException {
    cs.beginText();
    cs.setFont(font, size);
    cs.newLineAtOffset(x, y);
    cs.showText(s);
    cs.endText();
  }

  private static float width(PDFont font, float size, String s) throws IOException {
    return font.getStringWidth(s) / 1000 * size;
  }

  /** Greedy word wrap; the last allowed line ends with an ellipsis when text is left over. */
  static List<String> wrap(PDFont font, float size, String text, float max, int maxLines)
      throws IOException {
    List<String> lines = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return lines;
    }
    StringBuilder line = new StringBuilder();
    String[] words = text.strip().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      String candidate = line.isEmpty() ? words[i] : line + " " + words[i];
      if (width(font, size, candidate) <= max || line.isEmpty()) {
        line = new StringBuilder(candidate);
        continue;
      }
      if (lines.size() == maxLines - 1) {
        lines.add(line + " …");
        return lines;
      }
      lines.add(line.toString());
      line = new StringBuilder(words[i]);
    }
    lines.add(line.toString());
    return lines;
  }
}
