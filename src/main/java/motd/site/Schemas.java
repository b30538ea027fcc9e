package motd.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON Schemas of the two YAML files a maintainer writes, published in every site at stable
 * paths so editors can complete and check as the maintainer types: {@code motd new} writes the
 * {@code # yaml-language-server: $schema=} line that points at them.
 */
public final class Schemas {
  /** The schema of {@code motd.yaml}, by its path in the site. */
  public static final String CONFIG = "schema/motd.schema.json";

  /** The schema of one announcement file, by its path in the site. */
  public static final String ANNOUNCEMENT = "schema/announcement.schema.json";

  private Schemas() {}

  /** Both schemas by site path, as shipped in the jar. */
  public static SortedMap<String, byte[]> files() {
    SortedMap<String, byte[]> out = new TreeMap<>();
    for (String path : new String[] {CONFIG, ANNOUNCEMENT}) {
      try (InputStream in = Schemas.class.getResourceAsStream("/motd/" + path)) {
        if (in == null) {
          throw new IllegalStateException("missing resource /motd/" + path);
        }
        out.put(path, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
