package motd.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import motd.check.Checker;
import motd.compose.Composer;
import motd.compose.MotdFile;
import motd.diagnostic.Diagnostics;
import motd.diagnostic.InvalidInputException;
import motd.diagnostic.Timings;
import motd.emit.HostRules;
import motd.emit.SiteWriter;
import motd.model.Limits;
import motd.model.Variant;
import motd.rules.Decision;
import motd.rules.Targeting;
import motd.stats.Figures;

/**
 * The library entry point for {@code build} and {@code preview}: both go through {@link #compose},
 * so a client gets exactly the bytes its maintainer previewed.
 */
public final class SiteBuilder {
  private final Path announcements;
  private final Path templates;
  private final Path staticFiles;
  private final SiteWriter writer;
  private final Path stats;

  /** A builder whose static files are in {@code static/} beside {@code announcements}. */
  public SiteBuilder(Path announcements, Path templates) {
    this(announcements, templates, new SiteWriter());
  }

  public SiteBuilder(Path announcements, Path templates, SiteWriter writer) {
    this(announcements, templates, defaultStatic(announcements), writer, null);
  }

  private SiteBuilder(
      Path announcements, Path templates, Path staticFiles, SiteWriter writer, Path stats) {
    this.announcements = announcements;
    this.templates = templates;
    this.staticFiles = staticFiles;
    this.writer = writer;
    this.stats = stats;
  }

  /** The folder whose files are copied into the site as they are: {@code static/} beside. */
  public static Path defaultStatic(Path announcements) {
    Path abs = announcements.toAbsolutePath().normalize();
    return abs.getParent() == null ? abs.resolve("static") : abs.resolveSibling("static");
  }

  /** This builder, with its static files in {@code dir} instead. */
  public SiteBuilder withStatic(Path dir) {
    return new SiteBuilder(announcements, templates, dir, writer, stats);
  }

  /**
   * This builder, also publishing the usage figures of the stats store in {@code store} under
   * {@code stats/} when it holds counts. The store is then one of the build's inputs.
   */
  public SiteBuilder withStats(Path store) {
    return new SiteBuilder(announcements, templates, staticFiles, writer, store);
  }

  /** Everything {@code motd check} reports: announcements, message and page templates. */
  public Checker.Result check(Instant now) {
    return new Checker().check(announcements, templates, now, Pages.VARIABLES);
  }

  /** A checked input, ready to compose. */
  private Checker.Result checked(Instant now) {
    Checker.Result r = check(now);
    r.diagnostics().throwIfErrors();
    return r;
  }

  /** Every file of the site, by relative path, as of {@code now}. */
  public SortedMap<String, byte[]> compose(Instant now) {
    return compose(checked(now), now).files;
  }

  private record Composed(SortedMap<String, byte[]> files, int motdFiles, int distinctPayloads) {}

  private Composed compose(Checker.Result input, Instant now) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    Targeting targeting = input.targeting(false);
    // The pages need nothing the MOTD files make: they are rendered meanwhile, on another thread.
    CompletableFuture<Map<String, byte[]>> rendering =
        CompletableFuture.supplyAsync(
            () -> {
              Figures figures = stats == null ? null : Figures.read(stats);
              return Pages.render(
                  input.published(),
                  input.texts(),
                  input.siteTemplates(),
                  now,
                  figures == null || figures.newestFetch() == null ? null : figures);
            });
    Composed motd;
    try {
      motd = motdFiles(input, targeting, now);
    } catch (RuntimeException | Error e) {
      rendering.handle((pages, failure) -> null).join(); // nothing left running
      throw e;
    }
    Timings.mark("compose motd files");
    files.putAll(motd.files());
    Map<String, byte[]> pages;
    try {
      pages = rendering.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
    files.putAll(pages);
    Timings.mark("pages");
    files.putAll(
        HostRules.files(
            input.project().config(),
            targeting.variants(),
            pages.keySet().stream().filter(p -> p.endsWith(".html")).toList()));
    files.putAll(Schemas.files());
    Diagnostics problems = new Diagnostics();
    files.putAll(StaticFiles.read(staticFiles, files.keySet(), problems));
    problems.throwIfErrors();
    return new Composed(files, motd.motdFiles(), motd.distinctPayloads());
  }

  /** Every MOTD file; the composer and its caches are garbage once this returns. */
  private Composed motdFiles(Checker.Result input, Targeting targeting, Instant now) {
    Composer composer = new Composer(targeting, input.texts(), now);
    SortedMap<String, byte[]> files = new TreeMap<>();
    Set<Composer.Payload> payloads = new HashSet<>();
    List<Variant> variants = targeting.variants();
    // Variants are independent; composing them on every core is the build's main cost.
    java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
    List<MotdFile> composed =
        variants.parallelStream().map(v -> withinLimits(composer.compose(v), total)).toList();
    for (MotdFile f : composed) {
      files.put(f.variant().path(), f.bytes());
      payloads.add(f.payload());
    }
    return new Composed(files, variants.size(), payloads.size());
  }

  /**
   * The file, if it and all files so far keep within {@link Limits}. The check before composing
   * bounds every text; this catches what no bound foresees, such as a composition template that
   * repeats each text, before memory runs out.
   */
  private MotdFile withinLimits(MotdFile f, java.util.concurrent.atomic.AtomicLong total) {
    long sum = total.addAndGet(f.bytes().length);
    if (f.bytes().length > Limits.MOTD_FILE_BYTES || sum > Limits.SITE_MOTD_BYTES) {
      motd.diagnostic.Diagnostics d = new motd.diagnostic.Diagnostics();
      d.error(
          motd.diagnostic.Position.of(templates.resolve(Checker.COMPOSITION_TEMPLATE).toString()),
          f.bytes().length > Limits.MOTD_FILE_BYTES
              ? "the MOTD file for "
                  + f.variant().name()
                  + " is "
                  + Limits.size(f.bytes().length)
                  + "; the limit is "
                  + Limits.size(Limits.MOTD_FILE_BYTES)
              : "the site's MOTD files exceed "
                  + Limits.size(Limits.SITE_MOTD_BYTES)
                  + ", the limit; shorten the texts or the composition template");
      d.throwIfErrors();
    }
    return f;
  }

  /**
   * Builds the site into {@code out}, all or nothing.
   *
   * @throws InvalidInputException if the input has errors; {@code out} is then untouched
   */
  public BuildReport build(Path out, Instant now) {
    long start = System.nanoTime();
    String inputs;
    try {
      inputs =
          BuildStamp.hashInputs(
              stats == null
                  ? List.of(announcements, templates, staticFiles)
                  : List.of(announcements, templates, staticFiles, stats));
    } catch (java.io.IOException e) {
      inputs = "unreadable"; // the full build below reports what cannot be read
    }
    Timings.mark("hash inputs (stamp)");
    Optional<BuildStamp> stamp = BuildStamp.read(out);
    if (stamp.isPresent() && stamp.get().stillHolds(inputs, now, out)) {
      BuildStamp s = stamp.get();
      return new BuildReport(
          0,
          s.outputs().size(),
          0,
          s.motdFiles(),
          s.distinctPayloads(),
          (System.nanoTime() - start) / 1_000_000);
    }
    BuildStamp.delete(out);
    Checker.Result input = checked(now);
    Composed c = compose(input, now);
    Timings.mark("host rules, schemas, static");
    var report = writer.write(out, c.files());
    Timings.mark("write site");
    try {
      Instant[] window = BuildStamp.window(input.project().announcements(), now);
      new BuildStamp(
              inputs,
              window[0],
              window[1],
              c.motdFiles(),
              c.distinctPayloads(),
              BuildStamp.describe(out, c.files().keySet()))
          .write(out);
    } catch (java.io.IOException e) {
      // no stamp: the next build does the full work, nothing worse
    }
    Timings.mark("build stamp");
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new BuildReport(
        report.written(),
        report.unchanged(),
        report.removed(),
        c.motdFiles(),
        c.distinctPayloads(),
        millis);
  }

  /**
   * What {@code preview} shows: the file's bytes and, on request, why each announcement is in.
   *
   * @param drafts the drafts this file carries, which {@code build} leaves out
   */
  public record Preview(
      Variant variant, String asked, byte[] bytes, List<Decision> decisions, List<String> drafts) {

    /**
     * The notes for standard error: the fallback taken, the drafts shown, and on request the text a
     * client in {@code lang} (may be null) shows and why each announcement is in.
     */
    public List<String> notes(String lang, boolean explain) {
      List<String> out = new java.util.ArrayList<>();
      if (!asked.equals(variant.name())) {
        out.add(
            "note: /motd/"
                + asked
                + "/motd.json does not exist; the server rules send "
                + variant.path());
      }
      for (String draft : drafts) {
        out.add(
            "note: draft '" + draft + "' is shown here; build leaves it out until it is published");
      }
      if (lang != null) {
        ClientText shown = clientText(lang);
        out.add(
            "--- a client in '"
                + lang
                + "' shows"
                + (shown.fallback() ? " (falling back to 'en')" : "")
                + ":");
        out.add(shown.text().isEmpty() ? "(no message)" : shown.text());
      }
      if (explain) {
        out.add("--- why, for " + variant.path() + ":");
        decisions.forEach(d -> out.add(d.toString()));
      }
      return out;
    }

    /**
     * The text a client in {@code lang} displays, picked as the shipped client does: {@code
     * motd.get(lang, motd.get('en'))}.
     */
    public ClientText clientText(String lang) {
      try {
        JsonNode json = new ObjectMapper().readTree(bytes);
        boolean own = json.has(lang);
        JsonNode text = own ? json.get(lang) : json.get("en");
        return new ClientText(text == null ? "" : text.asText(), !own);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * What one client shows.
   *
   * @param text empty if the file has no text for it
   * @param fallback whether it is the English text, because the file has none in the language
   */
  public record ClientText(String text, boolean fallback) {}

  /**
   * The file a client that sends {@code version} and {@code platform} (either may be null) gets,
   * after the same fallback the server rules apply. Drafts are included, so a maintainer sees them
   * before they are published; {@link Preview#drafts} names them.
   */
  public Preview preview(String version, String platform, Instant now) {
    Checker.Result input = checked(now);
    Targeting targeting = input.targeting(true);
    Variant v = targeting.resolve(version, platform);
    byte[] bytes = new Composer(targeting, input.texts(), now).compose(v).bytes();
    List<String> drafts =
        targeting.select(v, now).stream()
            .filter(motd.model.Announcement::draft)
            .map(motd.model.Announcement::id)
            .toList();
    String asked =
        version == null ? "latest" : (platform == null ? version : version + "-" + platform);
    return new Preview(v, asked, bytes, targeting.explain(v, now), drafts);
  }
}
