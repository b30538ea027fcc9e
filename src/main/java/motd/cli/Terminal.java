package motd.cli;

import java.io.Console;
import java.util.Map;

/** What a command may ask of its surroundings: environment variables and a terminal. */
interface Terminal {
  String getenv(String name);

  /** Reads a secret without echo, or returns null if there is no terminal. */
  char[] readPassword(String prompt);

  /** Whether progress lines may be drawn (a person is watching). */
  boolean interactive();

  /** Asks a yes/no question; false without a terminal or for anything but yes. */
  default boolean confirm(String question) {
    return false;
  }

  static Terminal system() {
    return new Terminal() {
      @Override
      public String getenv(String name) {
        return System.getenv(name);
      }

      @Override
      public char[] readPassword(String prompt) {
        Console c = System.console();
        return c == null ? null : c.readPassword("%s", prompt);
      }

      @Override
      public boolean interactive() {
        return System.console() != null;
      }

      @Override
      public boolean confirm(String question) {
        Console c = System.console();
        if (c == null) {
          return false;
        }
        String answer = c.readLine("%s [y/N] ", question);
        return answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y");
      }
    };
  }

  /** For tests: fixed variables and no terminal. */
  static Terminal of(Map<String, String> env) {
    return new Terminal() {
      @Override
      public String getenv(String name) {
        return env.get(name);
      }

      @Override
      public char[] readPassword(String prompt) {
        return null;
      }

      @Override
      public boolean interactive() {
        return false;
      }
    };
  }
}
