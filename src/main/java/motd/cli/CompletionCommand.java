package motd.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    description =
        "Print a shell completion script for motd's commands and options. Add"
            + " 'source <(./motd completion bash)' to ~/.bashrc, or 'source <(./motd completion"
            + " zsh)' to ~/.zshrc.")
final class CompletionCommand implements Callable<Integer> {
  /** The shells the script works in. */
  enum Shell {
    bash,
    zsh
  }

  @Parameters(
      paramLabel = "SHELL",
      description = "bash or zsh (zsh loads it through its bash completion support).")
  Shell shell;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // picocli's script detects zsh and turns on bashcompinit itself, so both shells get it.
    spec.commandLine().getOut().print(AutoComplete.bash("motd", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
