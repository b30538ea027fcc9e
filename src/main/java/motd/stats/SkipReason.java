package motd.stats;

/** Why a log line was not counted. */
public enum SkipReason {
  /** The line is not a log line of the format: no time, no request, no status, too long. */
  MALFORMED("malformed"),
  /** Not a request for {@code /motd/…/motd.json}: pages, signatures, other files. */
  NOT_MOTD("not MOTD"),
  /** A MOTD file answered with a status other than 200 or 304. */
  STATUS("status"),
  /** A MOTD file requested with a method other than GET or HEAD. */
  METHOD("method"),
  /** A MOTD fetch dated before 2000 or after the day after the ingest. */
  OUT_OF_RANGE("out of range");

  private final String label;

  SkipReason(String label) {
    this.label = label;
  }

  /** How the summary names it. */
  public String label() {
    return label;
  }
}
