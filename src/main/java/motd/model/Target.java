package motd.model;

import java.util.List;
import java.util.Set;

/**
 * Who an announcement is for.
 *
 * @param versions the client versions
 * @param platformNames the families or values as written under {@code platforms}; empty for all
 * @param platforms the sys.platform values they stand for; empty for all
 * @param excludedPlatforms sys.platform values under {@code not_platforms}
 * @param generic whether it also goes into {@code /motd/latest} and the bare-version files
 */
public record Target(
    VersionTarget versions,
    List<String> platformNames,
    Set<String> platforms,
    Set<String> excludedPlatforms,
    boolean generic) {

  public Target {
    platformNames = List.copyOf(platformNames);
    platforms = Set.copyOf(platforms);
    excludedPlatforms = Set.copyOf(excludedPlatforms);
  }

  /** Everyone, everywhere, including the generic file. */
  public static Target everyone() {
    return new Target(new VersionTarget.Any(), List.of(), Set.of(), Set.of(), true);
  }

  /** Whether the target has no version or platform restriction at all. */
  public boolean isEveryone() {
    return versions instanceof VersionTarget.Any
        && platforms.isEmpty()
        && excludedPlatforms.isEmpty();
  }

  /** Whether {@code platform} is targeted. */
  public boolean containsPlatform(String platform) {
    return (platforms.isEmpty() || platforms.contains(platform))
        && !excludedPlatforms.contains(platform);
  }
}
