package motd.diagnostic;

/**
 * Where each character of a text was written in its source file, so that a problem found in the
 * text (a template tag, an invisible character) is reported at the right {@code file:line:column}
 * even when YAML folded its lines, dropped their indentation, or decoded its escapes.
 *
 * <p>Columns count code points, as the YAML reader's own positions do.
 */
public final class TextOrigin {
  private final String file;
  private final String source;
  private final int[] lineStarts;
  private final int[] offsets;

  private TextOrigin(String file, String source, int[] offsets) {
    this.file = file;
    this.source = source;
    this.offsets = offsets;
    this.lineStarts = lineStarts(source);
  }

  /**
   * A text that is itself the whole source file, such as a template file.
   *
   * @param text the file's text
   */
  public static TextOrigin wholeFile(String file, String text) {
    int[] offsets = new int[text.length() + 1];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = i;
    }
    return new TextOrigin(file, text, offsets);
  }

  /**
   * A text taken from {@code source}: character {@code i} of the text was written at offset {@code
   * offsets[i]} of the source (UTF-16 indices). The last entry is where the text ends.
   */
  public static TextOrigin mapped(String file, String source, int[] offsets) {
    return new TextOrigin(file, source, offsets.clone());
  }

  /** The file the text came from. */
  public String file() {
    return file;
  }

  /** Where the text's character at {@code index} was written (the text's end for its length). */
  public Position at(int index) {
    int offset = offsets[Math.max(0, Math.min(index, offsets.length - 1))];
    int line = lineOf(offset);
    int start = lineStarts[line];
    int column = source.codePointCount(start, Math.min(offset, source.length())) + 1;
    return new Position(file, line + 1, column);
  }

  /** Where the text's line {@code line}, column {@code column} (both 1-based, in the text) is. */
  public Position at(String text, int line, int column) {
    return at(indexOf(text, line, column));
  }

  /** The index in {@code text} of its 1-based {@code line} and code-point {@code column}. */
  public static int indexOf(String text, int line, int column) {
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

  private int lineOf(int offset) {
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private static int[] lineStarts(String source) {
    int count = 1;
    for (int i = 0; i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        count++;
      }
    }
    int[] starts = new int[count];
    int n = 1;
    for (int i = 0; i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        starts[n++] = i + 1;
      }
    }
    return starts;
  }
}
