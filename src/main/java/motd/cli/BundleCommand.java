package motd.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import motd.bundle.Bundler;
import motd.site.SiteBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "bundle",
    description =
        "Pack the site into a reproducible .tar.gz or .zip for upload. Refuses a site that is"
            + " unsigned or fails verify (with verify's trust options), unless --unsigned.")
final class BundleCommand implements Callable<Integer> {
  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = "site.tar.gz",
      description = "The archive; .tar.gz, .tgz or .zip (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--unsigned", description = "Bundle without verifying signatures.")
  boolean unsigned;

  @Mixin TrustOptions trust;
  @Mixin NowOption now;
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Bundler.Report r =
        SiteBundle.bundle(
            trust.site,
            out,
            unsigned ? null : trust.toTrust(main.terminal),
            now.get(),
            main.terminal.getenv("SOURCE_DATE_EPOCH"));
    spec.commandLine()
        .getOut()
        .printf(
            "bundled %s into %s: %d files, %d bytes, entries dated %s%s%n",
            trust.site,
            r.file(),
            r.files(),
            r.bytes(),
            r.mtime(),
            unsigned ? " (not verified)" : " (verified)");
    return 0;
  }
}
