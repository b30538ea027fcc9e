package motd.model;

import java.util.List;
import motd.version.SpecifierSet;
import motd.version.Version;

/** Which client versions an announcement targets. */
public sealed interface VersionTarget {

  /** Whether {@code version} is targeted. */
  boolean contains(Version version);

  /** Every version. */
  record Any() implements VersionTarget {
    @Override
    public boolean contains(Version version) {
      return true;
    }
  }

  /** Versions that satisfy PEP 440 specifiers. */
  record Specified(SpecifierSet specifiers) implements VersionTarget {
    @Override
    public boolean contains(Version version) {
      return specifiers.contains(version);
    }
  }

  /** An explicit list of versions. */
  record Listed(List<Version> versions) implements VersionTarget {
    public Listed {
      versions = List.copyOf(versions);
    }

    @Override
    public boolean contains(Version version) {
      return versions.contains(version);
    }
  }
}
