package motd.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that reads announcements shares. */
final class InputOptions {
  @Option(
      names = "--announcements",
      paramLabel = "DIR",
      defaultValue = "announcements",
      description = "Folder with motd.yaml and the announcements (default: ${DEFAULT-VALUE}).")
  Path announcements;

  @Option(
      names = "--templates",
      paramLabel = "DIR",
      defaultValue = "templates",
      description = "Folder with motd.mustache and site/ (default: ${DEFAULT-VALUE}).")
  Path templates;
}
