package motd.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paragraphs for reading on any screen. Authors break lines in YAML {@code |} blocks to keep the
 * file tidy, not to break them on a phone; the pages join such lines. Blank lines still separate
 * paragraphs, and lines that start a list item keep their own line. The JSON files keep the text as
 * written, since clients show it in a fixed-width box.
 */
final class Reflow {
  private static final Pattern DATE = Pattern.compile("(?<![\\w-])\\d{4}-\\d{2}-\\d{2}(?![\\w-])");
  private static final Pattern LIST_ITEM = Pattern.compile("^\\s*([-*•]|\\d+[.)])\\s+.*");

  private Reflow() {}

  /** The paragraphs of {@code text}; list items within a paragraph stay on lines of their own. */
  static List<String> paragraphs(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty()) {
        flush(paragraph, out);
        continue;
      }
      if (paragraph.length() > 0) {
        paragraph.append(LIST_ITEM.matcher(line).matches() ? "\n" : " ");
      }
      paragraph.append(line);
    }
    flush(paragraph, out);
    return out;
  }

  /**
   * The paragraphs as views for a page: each has {@code parts}, pieces of text where dates ({@code
   * 2019-09-03}) are marked {@code date}, so the page can keep each date on one line: browsers
   * otherwise break after its hyphens.
   */
  static List<Map<String, Object>> views(String text) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String paragraph : paragraphs(text)) {
      List<Map<String, Object>> parts = new ArrayList<>();
      Matcher m = DATE.matcher(paragraph);
      int at = 0;
      while (m.find()) {
        if (m.start() > at) {
          parts.add(Map.of("text", paragraph.substring(at, m.start()), "date", false));
        }
        parts.add(Map.of("text", m.group(), "date", true));
        at = m.end();
      }
      if (at < paragraph.length()) {
        parts.add(Map.of("text", paragraph.substring(at), "date", false));
      }
      out.add(Map.of("parts", parts));
    }
    return out;
  }

  /** The paragraphs joined by blank lines, for the feed's plain-text content. */
  static String text(String text) {
    return String.join("\n\n", paragraphs(text));
  }

  private static void flush(StringBuilder paragraph, List<String> out) {
    if (paragraph.length() > 0) {
      out.add(paragraph.toString());
      paragraph.setLength(0);
    }
  }
}
