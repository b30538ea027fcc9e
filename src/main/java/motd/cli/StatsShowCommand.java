package motd.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import motd.stats.StatsTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "show",
    description =
        "Print the published figures of the last days: complete days only, floored to 10, cells under 10 left out.")
final class StatsShowCommand implements Callable<Integer> {
  @Option(
      names = "--store",
      paramLabel = "DIR",
      defaultValue = "stats",
      description = "The stats store (default: ${DEFAULT-VALUE}).")
  Path store;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "7",
      description = "How many of the newest published days (default: ${DEFAULT-VALUE}).")
  int days;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (days < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--days: at least 1");
    }
    spec.commandLine().getOut().print(StatsTable.show(store, days));
    return 0;
  }
}
