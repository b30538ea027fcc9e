package motd.rules;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import motd.model.Announcement;
import motd.model.Config;
import motd.model.Release;
import motd.model.Target;
import motd.model.Variant;
import motd.model.VersionTarget;
import motd.version.Version;

/**
 * Which announcements reach which variant. Version targets are evaluated once per release when this
 * is constructed, so deciding a variant is a bit test, not a specifier parse.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>An announcement is sent only while live: published ≤ now < expires.
 *   <li>{@code /motd/V-P}: its versions contain V and its platforms contain P.
 *   <li>{@code /motd/V} (no platform sent): its versions contain V, and it has no {@code platforms}
 *       restriction or is generic.
 *   <li>{@code /motd/latest}: it is generic.
 * </ul>
 */
public final class Targeting {
  private final Config config;
  private final List<Announcement> announcements;
  private final Map<Version, Integer> releaseIndex = new HashMap<>();
  private final BitSet[] versionMatches;
  private final Map<Announcement, Integer> indexOf = new IdentityHashMap<>();
  private volatile Live live;

  public Targeting(Config config, List<Announcement> announcements) {
    this.config = config;
    this.announcements = List.copyOf(announcements);
    List<Release> releases = config.releases();
    for (int i = 0; i < releases.size(); i++) {
      releaseIndex.put(releases.get(i).version(), i);
    }
    versionMatches = new BitSet[announcements.size()];
    for (int a = 0; a < announcements.size(); a++) {
      indexOf.put(announcements.get(a), a);
      BitSet bits = new BitSet(releases.size());
      VersionTarget vt = announcements.get(a).target().versions();
      for (int i = 0; i < releases.size(); i++) {
        if (vt.contains(releases.get(i).version())) {
          bits.set(i);
        }
      }
      versionMatches[a] = bits;
    }
  }

  public Config config() {
    return config;
  }

  /** The announcements this decides for, in input order. */
  public List<Announcement> announcements() {
    return announcements;
  }

  /** Every file to build: each release on each platform, each bare release, and latest. */
  public List<Variant> variants() {
    List<Variant> out = new ArrayList<>();
    for (Release r : config.releases()) {
      for (String p : config.platformValues()) {
        out.add(new Variant(r.version(), p));
      }
      out.add(new Variant(r.version(), null));
    }
    out.add(Variant.latest());
    return out;
  }

  /**
   * The variant a client asking for {@code version} and {@code platform} gets, applying the same
   * fallback as the generated server rules: anything unknown gets {@code latest}.
   */
  public Variant resolve(String version, String platform) {
    if (version == null) {
      return Variant.latest();
    }
    Release release =
        config.releases().stream()
            .filter(r -> r.version().text().equals(version))
            .findFirst()
            .orElse(null);
    if (release == null) {
      return Variant.latest();
    }
    if (platform == null) {
      return new Variant(release.version(), null);
    }
    return config.platformValues().contains(platform)
        ? new Variant(release.version(), platform)
        : Variant.latest();
  }

  /**
   * The announcements that reach {@code variant} at {@code now}, in input order; unmodifiable.
   * Remembered for the moment last asked for: a build's check and its composing ask for the same.
   */
  public List<Announcement> select(Variant variant, Instant now) {
    Live at = liveAt(now);
    return at.selected().computeIfAbsent(variant, v -> selectAt(v, at.bits()));
  }

  private List<Announcement> selectAt(Variant variant, BitSet live) {
    List<Announcement> out = new ArrayList<>();
    int release = variant.isLatest() ? -1 : releaseIndex.get(variant.version());
    for (int a = live.nextSetBit(0); a >= 0; a = live.nextSetBit(a + 1)) {
      Announcement ann = announcements.get(a);
      if (reaches(a, ann.target(), variant, release)) {
        out.add(ann);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Whether any file this site has would carry {@code a} (one of this targeting's announcements)
   * while it is live: the same rule as {@link #select}, without the time.
   */
  public boolean reachesAnyFile(Announcement a) {
    Integer index = indexOf.get(a);
    if (index == null) {
      throw new IllegalArgumentException("not one of these announcements: " + a.id());
    }
    // The rule of reaches() over every variant, without making them: latest carries the generic
    // ones; a release's bare file those without platforms; its platform files those that
    // contain the platform.
    Target t = a.target();
    if (t.generic()) {
      return true;
    }
    if (versionMatches[index].isEmpty()) {
      return false;
    }
    if (t.platforms().isEmpty()) {
      return true;
    }
    for (String p : config.platformValues()) {
      if (t.containsPlatform(p)) {
        return true;
      }
    }
    return false;
  }

  /** Which announcements are live at {@code now}; remembered, since a build asks for one moment. */
  private Live liveAt(Instant now) {
    Live cached = live;
    if (cached != null && cached.now().equals(now)) {
      return cached;
    }
    BitSet bits = new BitSet(announcements.size());
    for (int a = 0; a < announcements.size(); a++) {
      if (announcements.get(a).isLiveAt(now)) {
        bits.set(a);
      }
    }
    cached = new Live(now, bits, new ConcurrentHashMap<>());
    live = cached;
    return cached;
  }

  private record Live(Instant now, BitSet bits, Map<Variant, List<Announcement>> selected) {}

  private boolean reaches(int a, Target t, Variant v, int release) {
    if (v.isLatest()) {
      return t.generic();
    }
    if (!versionMatches[a].get(release)) {
      return false;
    }
    if (v.isBareVersion()) {
      return t.platforms().isEmpty() || t.generic();
    }
    return t.containsPlatform(v.platform());
  }

  /** Every announcement with the reason it does or does not reach {@code variant}. */
  public List<Decision> explain(Variant variant, Instant now) {
    List<Decision> out = new ArrayList<>();
    int release = variant.isLatest() ? -1 : releaseIndex.get(variant.version());
    for (int a = 0; a < announcements.size(); a++) {
      Announcement ann = announcements.get(a);
      out.add(decide(a, ann, variant, release, now));
    }
    return out;
  }

  private Decision decide(int a, Announcement ann, Variant v, int release, Instant now) {
    DateTimeFormatter iso = DateTimeFormatter.ISO_INSTANT;
    if (ann.published().isAfter(now)) {
      return new Decision(ann, false, "not published until " + iso.format(ann.published()));
    }
    if (ann.isExpiredAt(now)) {
      return new Decision(ann, false, "expired at " + iso.format(ann.expires()));
    }
    Target t = ann.target();
    if (v.isLatest()) {
      return t.generic()
          ? new Decision(ann, true, "generic, so it is in the file for clients that share nothing")
          : new Decision(
              ann,
              false,
              "not generic (target.generic is false), and latest only carries generic announcements");
    }
    if (!versionMatches[a].get(release)) {
      return new Decision(ann, false, v.version() + " is not in " + describe(t.versions()));
    }
    if (v.isBareVersion()) {
      if (t.platforms().isEmpty()) {
        return new Decision(
            ann, true, v.version() + " is in " + describe(t.versions()) + ", on every platform");
      }
      return t.generic()
          ? new Decision(
              ann, true, v.version() + " is in " + describe(t.versions()) + ", and it is generic")
          : new Decision(
              ann,
              false,
              "it targets platforms "
                  + String.join(", ", t.platformNames())
                  + ", and this client sent none");
    }
    if (t.excludedPlatforms().contains(v.platform())) {
      return new Decision(ann, false, v.platform() + " is excluded by not_platforms");
    }
    if (!t.containsPlatform(v.platform())) {
      return new Decision(
          ann,
          false,
          v.platform() + " is not in platforms [" + String.join(", ", t.platformNames()) + "]");
    }
    return new Decision(
        ann,
        true,
        v.version() + " is in " + describe(t.versions()) + " and " + v.platform() + " is targeted");
  }

  private static String describe(VersionTarget vt) {
    if (vt instanceof VersionTarget.Specified s) {
      return s.specifiers().toString();
    }
    if (vt instanceof VersionTarget.Listed l) {
      return l.versions().stream().map(Version::text).collect(Collectors.joining(", ", "[", "]"));
    }
    return "every version";
  }
}
