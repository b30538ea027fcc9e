package motd.diagnostic;

/** A place in an input file: 1-based line and column. Line 0 means "the whole file". */
public record Position(String file, int line, int column) {

  /** The whole of {@code file}, for problems that have no better place. */
  public static Position of(String file) {
    return new Position(file, 0, 0);
  }

  /**
   * The line and code-point column of {@code text}'s character at {@code index}, in {@code file}.
   */
  public static Position inText(String file, String text, int index) {
    int end = Math.min(index, text.length());
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Position(file, line, text.codePointCount(lineStart, end) + 1);
  }

  @Override
  public String toString() {
    return line <= 0 ? file : file + ":" + line + ":" + column;
  }
}
