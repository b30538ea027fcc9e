package motd.cli;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import motd.site.NewAnnouncement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "new",
    description =
        "Write a new announcement file as a draft (build leaves it out), ready to edit. Never"
            + " overwrites.")
final class NewCommand implements Callable<Integer> {
  @Mixin InputOptions input;
  @Mixin NowOption now;

  @Parameters(
      paramLabel = "TITLE",
      description = "The announcement's title; its id is made from it.")
  String title;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path file =
        NewAnnouncement.create(
            input.announcements, title, now.get().atZone(ZoneOffset.UTC).toLocalDate());
    spec.commandLine()
        .getOut()
        .println("wrote " + file + "; edit it, then run ./motd check and ./motd preview");
    return 0;
  }
}
