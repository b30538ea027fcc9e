package motd.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import motd.diagnostic.Diagnostic;
import motd.diagnostic.InvalidInputException;
import motd.diagnostic.MotdException;
import motd.diagnostic.Printable;
import motd.diagnostic.Timings;
import motd.sign.WarmUp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code motd} command. {@link #run} is the testable entry point. */
@Command(
    name = "motd",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    resourceBundle = "motd.cli.Help",
    description =
        "Builds, signs and serves the Message Of The Day files that Mailpile clients fetch.",
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0   success",
      "  1   invalid input (check found errors), verification failed, or a log could",
      "      not be read",
      "  2   usage error (unknown option, bad value)",
      "  3   output cannot be written, or would overwrite a file",
      "  4   key problem (wrong passphrase, not a secret key, expired, cannot sign)",
      "  5   an external tool (gpg) failed",
      " 70   internal error (a bug: please report it with --stacktrace)",
      "130   serve stopped by Ctrl-C"
    })
public final class Main implements Runnable {
  /** A bug, not bad input: sysexits' EX_SOFTWARE. */
  public static final int INTERNAL_ERROR = 70;

  @Option(
      names = "--stacktrace",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print the full stack trace of a failure.")
  boolean stacktrace;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The environment and terminal; tests give their own. */
  Terminal terminal = Terminal.system();

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a command; see 'motd --help'.");
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs {@code motd args}, writing to {@code out} and {@code err}; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(Terminal.system(), out, err, args);
  }

  static int run(Terminal terminal, PrintWriter out, PrintWriter err, String... args) {
    Timings.mark("main");
    Main main = new Main();
    main.terminal = terminal;
    CommandLine cl = commandLine(main, args);
    Timings.mark("command line model");
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          boolean trace = parseResult.hasMatchedOption("--stacktrace") || main.stacktrace;
          return report(e, commandLine.getErr(), trace);
        });
    int code = cl.execute(args);
    Timings.mark("the command");
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The commands, in the order help lists them. Each is made only when asked for: picocli reads a
   * command's annotations when it is added, and doing that for every command cost a third of the
   * time a small build takes.
   */
  private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("check", CheckCommand::new);
    COMMANDS.put("preview", PreviewCommand::new);
    COMMANDS.put("build", BuildCommand::new);
    COMMANDS.put("new", NewCommand::new);
    COMMANDS.put("release", ReleaseCommand::new);
    COMMANDS.put("keygen", KeygenCommand::new);
    COMMANDS.put("sign", SignCommand::new);
    COMMANDS.put("verify", VerifyCommand::new);
    COMMANDS.put("serve", ServeCommand::new);
    COMMANDS.put("bundle", BundleCommand::new);
    COMMANDS.put("completion", CompletionCommand::new);
    COMMANDS.put("stats", StatsCommand::new);
    COMMANDS.put("help", CommandLine.HelpCommand::new);
  }

  /** The whole command line, every command in it: for help, completion and tests. */
  static CommandLine commandLine(Main main) {
    return commandLine(main, new String[0]);
  }

  /**
   * The command line for {@code args}: with only the command they run if they name one that needs
   * no other (its own help included), else with every command, so that {@code motd --help}, {@code
   * motd help}, {@code completion} and the suggestion for a mistyped command see them all.
   */
  private static CommandLine commandLine(Main main, String[] args) {
    CommandLine cl = new CommandLine(main);
    String named = null;
    for (String a : args) {
      if (!a.startsWith("-")) {
        named = a;
        break;
      }
    }
    if (signs(named, args)) {
      WarmUp.start(); // on the other core, while picocli reads the command's options
    }
    if (named != null
        && COMMANDS.containsKey(named)
        && !named.equals("help")
        && !named.equals("completion")) {
      cl.addSubcommand(named, COMMANDS.get(named).get());
    } else {
      COMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
    }
    addHelpOptions(cl);
    return cl;
  }

  /** Whether the command signs or checks signatures. */
  private static boolean signs(String command, String[] args) {
    if (command == null) {
      return false;
    }
    return switch (command) {
      case "sign", "verify", "bundle", "keygen" -> true;
      case "build", "serve" ->
          java.util.Arrays.asList(args).contains("--sign")
              || java.util.Arrays.asList(args).contains("--watch");
      default -> false;
    };
  }

  /** {@code -h} and {@code --help} on every command, in one place. */
  private static void addHelpOptions(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
      if (spec.findOption("--help") == null) {
        spec.addOption(
            CommandLine.Model.OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .description("Show this help message and exit.")
                .build());
      }
      addHelpOptions(sub);
    }
  }

  static int report(Exception e, PrintWriter err, boolean stacktrace) {
    if (e instanceof InvalidInputException invalid) {
      for (Diagnostic d : invalid.diagnostics()) {
        err.println(d);
      }
      long errors =
          invalid.diagnostics().stream()
              .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
              .count();
      err.println(
          "motd: " + errors + (errors == 1 ? " error" : " errors") + "; nothing was written");
    } else if (e instanceof motd.sign.VerificationException v) {
      v.problems().forEach(p -> err.println(Printable.line(p)));
      err.println(
          "motd: verification failed: "
              + v.problems().size()
              + (v.problems().size() == 1 ? " problem" : " problems"));
    } else if (e instanceof MotdException m) {
      err.println("motd: " + Printable.text(m.getMessage()));
    } else {
      err.println(
          "motd: internal error: "
              + Printable.text(e.toString())
              + (stacktrace ? "" : " (run with --stacktrace for details)"));
    }
    if (stacktrace) {
      e.printStackTrace(err);
    }
    err.flush();
    return e instanceof MotdException m ? m.exitCode() : INTERNAL_ERROR;
  }

  /** The version from the jar's manifest, or "development". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"motd " + (v == null ? "(development)" : v)};
    }
  }
}
