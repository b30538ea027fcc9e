package motd.model;

import java.time.LocalDate;
import java.util.Set;
import motd.diagnostic.Position;
import motd.version.Version;

/**
 * A version clients may run.
 *
 * @param platforms the sys.platform values it can be installed on, or empty for everywhere
 */
public record Release(Version version, LocalDate date, Set<String> platforms, Position position) {
  public Release {
    platforms = Set.copyOf(platforms);
  }

  /** Whether this release can be installed on {@code platform}. */
  public boolean availableOn(String platform) {
    return platforms.isEmpty() || platforms.contains(platform);
  }
}
