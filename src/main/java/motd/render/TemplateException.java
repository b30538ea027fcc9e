package motd.render;

/** A template that does not compile; line and column are 1-based within the template text. */
public final class TemplateException extends Exception {
  private final int line;
  private final int column;

  public TemplateException(String message, int line, int column) {
    super(message);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
