package motd.diagnostic;

import java.util.function.Supplier;

/**
 * Where each character of a text was written in its source file, so that a problem found in the
 * text (a template tag, an invisible character) is reported at the right {@code file:line:column}
 * even when YAML folded its lines, dropped their indentation, or decoded its escapes.
 *
 * <p>The mapping is worked out only when a position is asked for, which is rare: holding one for
 * every text of a large input would cost more memory than the texts themselves. Columns count code
 * points, as the YAML reader's own positions do. Thread-safe.
 */
public final class TextOrigin {
  private final String file;
  private final String source;
  private final Supplier<int[]> mapping;
  private volatile int[] offsets;

  private TextOrigin(String file, String source, Supplier<int[]> mapping) {
    this.file = file;
    this.source = source;
    this.mapping = mapping;
  }

  /**
   * A text that is itself the whole source file, such as a template file.
   *
   * @param text the file's text
   */
  public static TextOrigin wholeFile(String file, String text) {
    return new TextOrigin(
        file,
        text,
        () -> {
          int[] offsets = new int[text.length() + 1];
          for (int i = 0; i < offsets.length; i++) {
            offsets[i] = i;
          }
          return offsets;
        });
  }

  /**
   * A text taken from {@code source}: {@code mapping} gives, for each character {@code i} of the
   * text, the offset in the source where it was written (UTF-16 indices), and a last entry for
   * where the text ends. It is called at most once, when a position is first asked for.
   */
  public static TextOrigin mapped(String file, String source, Supplier<int[]> mapping) {
    return new TextOrigin(file, source, mapping);
  }

  /** Where the text's character at {@code index} was written (the text's end for its length). */
  public Position at(int index) {
    int[] map = offsets;
    if (map == null) {
      map = mapping.get();
      offsets = map;
    }
    return Position.inText(file, source, map[Math.max(0, Math.min(index, map.length - 1))]);
  }

  /** Where the text's line {@code line}, column {@code column} (both 1-based, in the text) is. */
  public Position at(String text, int line, int column) {
    return at(indexOf(text, line, column));
  }

  /** The index in {@code text} of its 1-based {@code line} and code-point {@code column}. */
  private static int indexOf(String text, int line, int column) {
    int index = 0;
    for (int l = 1; l < line && index < text.length(); index++) {
      if (text.charAt(index) == '\n') {
        l++;
      }
    }
    int lineEnd = text.indexOf('\n', index);
    int end = lineEnd < 0 ? text.length() : lineEnd;
    int codePoints = Math.max(0, column - 1);
    int available = text.codePointCount(index, end);
    return text.offsetByCodePoints(index, Math.min(codePoints, available));
  }
}
