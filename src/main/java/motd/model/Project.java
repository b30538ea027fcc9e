package motd.model;

import java.util.List;

/** Everything read from an announcements folder: the configuration and every announcement. */
public record Project(Config config, List<Announcement> announcements) {
  public Project {
    announcements = List.copyOf(announcements);
  }
}
