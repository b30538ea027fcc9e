package motd.sign;

import java.util.List;
import motd.diagnostic.MotdException;

/** A site failed verification; every problem is one line naming its file. Exit code 1. */
public final class VerificationException extends MotdException {
  public static final int EXIT_CODE = 1;
  private final List<String> problems;

  public VerificationException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }

  @Override
  public int exitCode() {
    return EXIT_CODE;
  }
}
