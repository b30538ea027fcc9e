package motd.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import motd.site.NewRelease;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "release",
    description =
        "Add a release: list it in motd.yaml (keeping its comments and layout), write its release"
            + " note as a draft from templates/release-note.yaml, and offer to expire the notes of"
            + " older releases. Without a terminal it changes no older note unless told to.")
final class ReleaseCommand implements Callable<Integer> {
  @Mixin InputOptions input;
  @Mixin NowOption now;

  @Parameters(paramLabel = "VERSION", description = "The new release, e.g. 1.0.0rc7.")
  String version;

  @Option(
      names = "--date",
      paramLabel = "DATE",
      description = "Its release date (2019-09-03; default: today, UTC).")
  LocalDate date;

  @Option(
      names = "--platforms",
      paramLabel = "NAME",
      split = ",",
      description = "Where it can be installed: families or sys.platform values (default: all).")
  List<String> platforms = new ArrayList<>();

  @ArgGroup(exclusive = true)
  Previous previous = new Previous();

  static final class Previous {
    @Option(
        names = "--expire-previous",
        description = "Expire the live notes of older releases on the new release's date.")
    boolean expire;

    @Option(names = "--keep-previous", description = "Leave the notes of older releases live.")
    boolean keep;
  }

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    NewRelease.Previous mode =
        previous.expire
            ? NewRelease.Previous.EXPIRE
            : previous.keep
                ? NewRelease.Previous.KEEP
                : main.terminal.interactive()
                    ? NewRelease.Previous.ASK
                    : NewRelease.Previous.UNDECIDED;
    NewRelease.Report report =
        NewRelease.add(
            input.announcements,
            input.templates,
            new NewRelease.Options(version, date, platforms, mode),
            now.get().atZone(ZoneOffset.UTC).toLocalDate(),
            question -> main.terminal.confirm(question));
    report.lines().forEach(out::println);
    return 0;
  }
}
