package motd.diagnostic;

/** A place in an input file: 1-based line and column. Line 0 means "the whole file". */
public record Position(String file, int line, int column) {

  /** The whole of {@code file}, for problems that have no better place. */
  public static Position of(String file) {
    return new Position(file, 0, 0);
  }

  @Override
  public String toString() {
    return line <= 0 ? file : file + ":" + line + ":" + column;
  }
}
