package motd.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code motd} in-process and keeps what it printed. */
record Cli(int exitCode, String out, String err) {
  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Cli(code, out.toString(), err.toString());
  }

  /** Runs with exactly these environment variables and no terminal. */
  static Cli run(java.util.Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(Terminal.of(env), new PrintWriter(out), new PrintWriter(err), args);
    return new Cli(code, out.toString(), err.toString());
  }

  /** No stack trace reached the user. */
  boolean clean() {
    return !err.contains("\tat ") && !out.contains("\tat ") && !err.contains("Exception");
  }
}
