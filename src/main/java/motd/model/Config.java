package motd.model;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The site configuration from {@code motd.yaml}.
 *
 * @param signed the {@code signed} field of every MOTD file
 * @param baseUrl the site's public address, for links in pages and the feed
 * @param languages language codes; the first is the default
 * @param platforms family name to the sys.platform values clients send, in file order
 * @param releases every version clients may run, oldest first
 * @param extra fields copied into every MOTD file as they are (JSON-like values)
 * @param signingKeys fingerprints of the keys allowed to sign the site (upper-case hex), in file
 *     order; empty until the maintainers list one
 * @param onion the site's onion service address ({@code http://….onion}, no trailing slash), or
 *     null
 */
public record Config(
    String signed,
    String baseUrl,
    List<String> languages,
    Map<String, List<String>> platforms,
    List<Release> releases,
    Map<String, Object> extra,
    List<String> signingKeys,
    String onion) {

  public Config {
    signingKeys = List.copyOf(signingKeys);
    languages = List.copyOf(languages);
    platforms = Collections.unmodifiableMap(new LinkedHashMap<>(platforms));
    releases = List.copyOf(releases);
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  public String defaultLanguage() {
    return languages.get(0);
  }

  /** Every sys.platform value, in configuration order, without repeats. */
  public List<String> platformValues() {
    return platforms.values().stream().flatMap(List::stream).distinct().toList();
  }

  /** The newest release, which the bare-version and generic files announce. */
  public Release newestRelease() {
    return releases.stream().max((a, b) -> a.version().compareTo(b.version())).orElseThrow();
  }

  /**
   * The newest release installable on {@code platform}; the newest overall if none lists it, so a
   * client is never told of nothing.
   */
  public Release newestReleaseOn(String platform) {
    return releases.stream()
        .filter(r -> r.availableOn(platform))
        .max((a, b) -> a.version().compareTo(b.version()))
        .orElseGet(this::newestRelease);
  }

  /**
   * The newest release that readers on {@code platforms} (everyone, if empty) are told of, among
   * the releases out by {@code asOf} (all, if null): on each platform the newest listing it, else
   * the newest out, as {@link #newestReleaseOn} does for one MOTD file; then the newest of those.
   * The oldest release if none was out yet.
   */
  public Release newestReleaseFor(Collection<String> platforms, LocalDate asOf) {
    Comparator<Release> byVersion = Comparator.comparing(Release::version);
    List<Release> out =
        releases.stream().filter(r -> asOf == null || !r.date().isAfter(asOf)).toList();
    if (out.isEmpty()) {
      return releases.stream().min(byVersion).orElseThrow();
    }
    Release newestOut = out.stream().max(byVersion).orElseThrow();
    return platforms.stream()
        .map(p -> out.stream().filter(r -> r.availableOn(p)).max(byVersion).orElse(newestOut))
        .max(byVersion)
        .orElse(newestOut);
  }
}
