package motd.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import motd.Tools;

/** Runs motd as its own process, in a chosen folder: what a person typing the command gets. */
final class MotdProcess {
  private MotdProcess() {}

  static Tools.Result run(Path cwd, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    // Run in cwd: Tools.run has no working-directory option, so use sh -c 'cd ... && exec ...'.
    StringBuilder sh = new StringBuilder("cd '" + cwd + "' && exec");
    for (String c : command) {
      sh.append(" '").append(c.replace("'", "'\\''")).append("'");
    }
    Map<String, String> all = new HashMap<>(env);
    return Tools.run(all, "sh", "-c", sh.toString());
  }
}
