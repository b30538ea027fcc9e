package motd.load;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Dates and date-times as authors write them; a date-time without a zone is UTC. */
final class Dates {
  private Dates() {}

  static Optional<LocalDate> date(String text) {
    try {
      return Optional.of(LocalDate.parse(text.trim()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code 2019-09-03}, {@code 2019-09-03T12:00:00Z}, {@code 2019-09-03 12:00}, offsets too. */
  static Optional<Instant> instant(String text) {
    String t = text.trim().replace(' ', 'T');
    Optional<LocalDate> d = date(t);
    if (d.isPresent()) {
      return Optional.of(d.get().atStartOfDay(ZoneOffset.UTC).toInstant());
    }
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      // fall through: maybe no zone
    }
    try {
      return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
