package motd.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import motd.bundle.Bundler;
import motd.sign.SiteVerifier;
import motd.sign.VerificationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "bundle",
    description = {
      "Pack the site into a reproducible .tar.gz or .zip for upload.",
      "Refuses a site that is unsigned or fails verify, unless --unsigned."
    })
final class BundleCommand implements Callable<Integer> {
  @Option(
      names = "--site",
      paramLabel = "DIR",
      defaultValue = "site",
      description = "The site (default: ${DEFAULT-VALUE}).")
  Path site;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = "site.tar.gz",
      description = "The archive; .tar.gz, .tgz or .zip (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--unsigned", description = "Bundle without verifying signatures.")
  boolean unsigned;

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    motd.emit.SiteWriter.requireSite(site);
    if (!unsigned) {
      if (!java.nio.file.Files.exists(site.resolve("motd/manifest.json"))) {
        throw new VerificationException(
            java.util.List.of(
                site + ": has no signatures; run ./motd sign, or bundle with --unsigned"));
      }
      new SiteVerifier()
          .verify(
              site,
              new SiteVerifier.Options(
                  null, null, null, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    }
    Instant mtime = Bundler.entryTime(site, main.terminal.getenv("SOURCE_DATE_EPOCH"));
    Bundler.Report r = new Bundler().bundle(site, out, mtime);
    spec.commandLine()
        .getOut()
        .printf(
            "bundled %s into %s: %d files, %d bytes, entries dated %s%s%n",
            site,
            r.file(),
            r.files(),
            r.bytes(),
            r.mtime(),
            unsigned ? " (not verified)" : " (verified)");
    return 0;
  }
}
