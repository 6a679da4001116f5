package lshbench.report;

import static lshbench.report.Html.esc;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import lshbench.data.images.ImageDecodeException;
import lshbench.data.images.ImageFolder;
import lshbench.data.images.RgbImage;
import lshbench.experiment.DedupRunner;
import lshbench.experiment.DuplicateGroup;
import lshbench.io.AtomicFiles;

/**
 * The finder's pictures: {@code gallery-NNN.png}, one row per group with the suggested keep
 * image on the left and its near-duplicates on the right, each thumbnail with its cosine
 * distance to the keep image printed in green under it; and {@code index.html}, the same with
 * links to the original files. Pages hold a fixed number of rows so a large library gives
 * several readable pages rather than one image too tall to open.
 */
public final class DedupGallery {
  private static final int THUMB = 150;
  private static final int PAD = 12;
  private static final int LABEL = 70;
  private static final int HEADER = 26;
  private static final Color BACKGROUND = new Color(0x1e1e1e);
  private static final Color GREEN = new Color(0x33dd55);
  private static final Color KEEP = new Color(0xffd43b);
  private static final Color TEXT = new Color(0xdddddd);
  private static final Font BIG = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  private DedupGallery() {}

  /**
   * Writes the gallery pages and {@code index.html} into the run folder.
   *
   * @param rowsPerPage groups per PNG page
   * @param columns thumbnails per row, keep image included; further members are counted
   * @return the PNG pages written, in order
   */
  public static List<Path> write(DedupRunner.Result result, int rowsPerPage, int columns)
      throws IOException {
    if (rowsPerPage < 1) {
      throw new IllegalArgumentException("rowsPerPage must be positive, got " + rowsPerPage);
    }
    if (columns < 2) {
      throw new IllegalArgumentException("columns must be at least 2, got " + columns);
    }
    Path folder = result.folder().path();
    List<DuplicateGroup> groups = result.groups();
    List<Path> pages = new ArrayList<>();
    for (int from = 0; from < groups.size(); from += rowsPerPage) {
      List<DuplicateGroup> rows = groups.subList(from, Math.min(groups.size(), from + rowsPerPage));
      int page = pages.size() + 1;
      int pageCount = (groups.size() + rowsPerPage - 1) / rowsPerPage;
      BufferedImage image = page(rows, columns, String.format(Locale.ROOT,
          "near-duplicate groups %d-%d of %d  (page %d/%d)   distance = cosine distance to the "
          + "keep image", from + 1, from + rows.size(), groups.size(), page, pageCount));
      Path file = folder.resolve(String.format(Locale.ROOT, "gallery-%03d.png", page));
      AtomicFiles.write(file, tmp -> {
        if (!ImageIO.write(image, "png", tmp.toFile())) {
          throw new IOException("no PNG writer in this JVM");
        }
      });
      pages.add(file);
    }
    writeHtml(folder.resolve("index.html"), result, pages);
    return pages;
  }

  private static BufferedImage page(List<DuplicateGroup> rows, int columns, String title) {
    int cell = THUMB + PAD;
    int rowHeight = HEADER + THUMB + LABEL + PAD;
    int width = PAD + columns * cell + 60;
    int height = 40 + rows.size() * rowHeight;
    BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
          RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, width, height);
      g.setColor(TEXT);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(title, PAD, 26);
      int y = 40;
      for (DuplicateGroup group : rows) {
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(String.format(Locale.ROOT, "group %d: %d images, %d could be removed",
            group.id(), group.members().size(), group.removable()), PAD, y + 17);
        int top = y + HEADER;
        int shown = Math.min(columns, group.members().size());
        for (int c = 0; c < shown; c++) {
          DuplicateGroup.Member m = group.members().get(c);
          int x = PAD + c * cell;
          drawThumb(g, m, x, top);
          drawLabel(g, m, x, top + THUMB);
        }
        int hidden = group.members().size() - shown;
        if (hidden > 0) {
          g.setColor(TEXT);
          g.setFont(BIG);
          g.drawString("+" + hidden, PAD + shown * cell, top + THUMB / 2);
        }
        g.setColor(new Color(0x444444));
        g.drawLine(PAD, y + rowHeight - PAD / 2, width - PAD, y + rowHeight - PAD / 2);
        y += rowHeight;
      }
    } finally {
      g.dispose();
    }
    return page;
  }

  private static void drawThumb(Graphics2D g, DuplicateGroup.Member m, int x, int y) {
    BufferedImage thumb = thumbnail(m.file());
    if (thumb == null) {
      g.setColor(new Color(0x552222));
      g.fillRect(x, y, THUMB, THUMB);
      g.setColor(TEXT);
      g.setFont(SMALL);
      g.drawString("unreadable", x + 8, y + THUMB / 2);
    } else {
      int dx = x + (THUMB - thumb.getWidth()) / 2;
      int dy = y + (THUMB - thumb.getHeight()) / 2;
      g.drawImage(thumb, dx, dy, null);
    }
    if (m.keep() && !m.isAlias()) {
      g.setColor(KEEP);
      g.setStroke(new java.awt.BasicStroke(3f));
      g.drawRect(x - 2, y - 2, THUMB + 3, THUMB + 3);
      g.setStroke(new java.awt.BasicStroke(1f));
    }
  }

  private static void drawLabel(Graphics2D g, DuplicateGroup.Member m, int x, int y) {
    g.setFont(BIG);
    FontMetrics fm = g.getFontMetrics();
    String big = m.isAlias() ? "SAME FILE" : m.keep() ? "KEEP"
        : String.format(Locale.ROOT, "%.3f", m.distanceToKeep());
    g.setColor(m.isAlias() ? TEXT : m.keep() ? KEEP : GREEN);
    g.drawString(big, x + (THUMB - fm.stringWidth(big)) / 2, y + 19);
    g.setFont(SMALL);
    g.setColor(TEXT);
    fm = g.getFontMetrics();
    String name = m.path();
    String info = m.width() > 0 ? m.width() + "×" + m.height() + "  " + kb(m.bytes()) : kb(m.bytes());
    String line = fit(name, fm, THUMB);
    g.drawString(line, x + (THUMB - fm.stringWidth(line)) / 2, y + 32);
    g.drawString(info, x + (THUMB - fm.stringWidth(info)) / 2, y + 44);
    // why: the keep reason under the keep image, the reason it lost under the others
    String why = m.reason() == null ? "" : m.reason().replaceFirst("^kept: the others are ", "");
    if (!why.isEmpty()) {
      g.setColor(m.keep() ? KEEP : TEXT);
      int at = y + 56;
      for (String part : wrap(why, fm, THUMB, 2)) {
        g.drawString(part, x + (THUMB - fm.stringWidth(part)) / 2, at);
        at += 12;
      }
    }
  }

  private static String kb(long bytes) {
    return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
  }

  /**
   * The text shortened in the middle so it fits: the start (the folder, which tells
   * {@code orig/} from {@code edits/}) and the end (the file name's tail and extension) stay.
   */
  static String fit(String text, FontMetrics fm, int width) {
    if (fm.stringWidth(text) <= width) {
      return text;
    }
    int head = (text.length() + 1) / 2;
    int tail = text.length() / 2;
    while (head + tail > 2) {
      if (head >= tail) {
        head--;
      } else {
        tail--;
      }
      String s = text.substring(0, head) + "…" + text.substring(text.length() - tail);
      if (fm.stringWidth(s) <= width) {
        return s;
      }
    }
    return "…";
  }

  /** Up to {@code lines} lines of at most {@code width}, the last shortened if needed. */
  private static java.util.List<String> wrap(String text, FontMetrics fm, int width, int lines) {
    java.util.List<String> out = new java.util.ArrayList<>();
    String rest = text;
    while (!rest.isEmpty() && out.size() < lines - 1) {
      int cut = rest.length();
      while (cut > 1 && fm.stringWidth(rest.substring(0, cut)) > width) {
        int space = rest.lastIndexOf(' ', cut - 1);
        cut = space > 0 ? space : cut - 1;
      }
      out.add(rest.substring(0, cut).trim());
      rest = rest.substring(cut).trim();
    }
    if (!rest.isEmpty()) {
      out.add(fit(rest, fm, width));
    }
    return out;
  }

  /** The file scaled to fit THUMB × THUMB, or null when it cannot be decoded any more. */
  private static BufferedImage thumbnail(Path file) {
    RgbImage rgb;
    try {
      rgb = ImageFolder.decodeAtLeast(file, 2 * THUMB).image(); // bounded by the thumbnail
    } catch (ImageDecodeException e) {
      return null;
    }
    BufferedImage full = rgb.toBufferedImage();
    double scale = Math.min((double) THUMB / rgb.width(), (double) THUMB / rgb.height());
    int w = Math.max(1, (int) Math.round(rgb.width() * scale));
    int h = Math.max(1, (int) Math.round(rgb.height() * scale));
    BufferedImage thumb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = thumb.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
          RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(full.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
    } finally {
      g.dispose();
    }
    return thumb;
  }

  private static void writeHtml(Path file, DedupRunner.Result result, List<Path> pages)
      throws IOException {
    Path base = file.toAbsolutePath().normalize().getParent();
    Map<Path, String> links = new HashMap<>();
    AtomicFiles.writeText(file, out -> {
      out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          + "<title>Near-duplicates in " + esc(result.photos().toString()) + "</title>\n<style>"
          + "body{font-family:sans-serif;background:#1e1e1e;color:#ddd;margin:1em}"
          + "a{color:#8cf}.g{border-bottom:1px solid #444;padding:.6em 0}"
          + ".m{display:inline-block;width:170px;vertical-align:top;text-align:center;"
          + "margin-right:8px}.m img{max-width:160px;max-height:160px}"
          + ".d{color:#33dd55;font-weight:bold;font-size:1.2em}.k{color:#ffd43b;font-weight:bold;"
          + "font-size:1.2em}.keep img{outline:3px solid #ffd43b}.p{font-size:.75em;"
          + "word-break:break-all}</style></head><body>\n");
      out.write("<h1>Near-duplicate groups</h1>\n<pre>" + esc(result.summary()) + "</pre>\n");
      out.write("<p>Files: <a href=\"groups.csv\">groups.csv</a>, <a href=\"pairs.csv\">"
          + "pairs.csv</a>, <a href=\"skipped.csv\">skipped.csv</a> (" + result.skipped().size()
          + " skipped); gallery pages:");
      for (Path p : pages) {
        String name = p.getFileName().toString();
        out.write(" <a href=\"" + name + "\">" + name + "</a>");
      }
      out.write("</p>\n<p>Distances are cosine distances (1 − cos) of the CNN features to the "
          + "group's keep image. " + esc(DedupRunner.KEEP_RULE) + ".</p>\n");
      for (DuplicateGroup g : result.groups()) {
        writeGroup(out, g, base, links);
      }
      out.write("</body></html>\n");
    });
  }

  private static void writeGroup(Writer out, DuplicateGroup g, Path base, Map<Path, String> links)
      throws IOException {
    out.write("<div class=\"g\" id=\"group-" + g.id() + "\"><h3>group " + g.id() + ": "
        + g.members().size() + " images</h3>\n");
    for (DuplicateGroup.Member m : g.members()) {
      String href = links.computeIfAbsent(m.file(), f -> link(base, f));
      out.write("<div class=\"m" + (m.keep() && !m.isAlias() ? " keep" : "") + "\"><a href=\""
          + href + "\"><img loading=\"lazy\" src=\"" + href + "\" alt=\"" + esc(m.path())
          + "\"></a><br>"
          + (m.isAlias() ? "<span>same file as " + esc(m.sameFileAs()) + "</span>"
          : m.keep() ? "<span class=\"k\">KEEP</span>" : "<span class=\"d\">"
          + String.format(Locale.ROOT, "%.3f", m.distanceToKeep()) + "</span>")
          + "<div class=\"p\">" + esc(m.path()) + "<br>" + m.width() + "×" + m.height() + ", "
          + kb(m.bytes()) + (m.reason() == null || m.reason().isEmpty() ? ""
          : "<br><i>" + esc(m.reason()) + "</i>") + "</div></div>\n");
    }
    out.write("</div>\n");
  }

  /** A link from the run folder to the original: relative, percent-encoded. */
  private static String link(Path base, Path file) {
    Path rel = base.relativize(file.toAbsolutePath().normalize());
    StringBuilder s = new StringBuilder();
    for (Path part : rel) {
      if (s.length() > 0) {
        s.append('/');
      }
      String p = part.toString();
      s.append(p.equals("..") ? p : encode(p));
    }
    return s.toString();
  }

  private static String encode(String segment) {
    try {
      String raw = new URI(null, null, segment, null).getRawPath();
      return raw.replace(":", "%3A").replace("&", "%26").replace("'", "%27");
    } catch (java.net.URISyntaxException e) {
      return segment;
    }
  }
}
