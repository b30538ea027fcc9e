package motd.rules;

import motd.model.Announcement;

/** Whether one announcement reaches one variant, and why, in words for {@code --explain}. */
public record Decision(Announcement announcement, boolean included, String reason) {
  @Override
  public String toString() {
    return announcement.id()
        + (announcement.draft() ? " (draft)" : "")
        + ": "
        + (included ? "included" : "skipped")
        + ": "
        + reason;
  }
}
