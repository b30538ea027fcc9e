package motd.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --now}: the moment to build for; a fixed value makes builds repeatable. */
final class NowOption {
  @Option(
      names = "--now",
      paramLabel = "DATETIME",
      converter = Converter.class,
      descriptionKey = "now")
  Instant now;

  Instant get() {
    return now != null ? now : Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  static final class Converter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      String t = value.trim().replace(' ', 'T');
      try {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        // try the longer forms
      }
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e) {
        // try without a zone
      }
      try {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a date (2019-09-03) or date-time (2019-09-03T12:00:00Z)");
      }
    }
  }
}
