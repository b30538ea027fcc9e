package motd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "stats",
    description =
        "Count MOTD fetches from web-server logs without keeping identities, and show the figures.",
    subcommands = {StatsIngestCommand.class, StatsShowCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0   success",
      "  1   a log could not be read, is corrupt or in no known format (the others",
      "      were counted), or motd.yaml or a store file has errors",
      "  2   usage error",
      "  3   the store cannot be written (it is then unchanged), or another run holds",
      "      it too long"
    })
final class StatsCommand implements Runnable {
  @ParentCommand Main main;
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a subcommand: ingest or show; see 'motd stats --help'.");
  }
}
