package motd.stats;

/** What makes a line malformed: named in warnings, which never show the line itself. */
enum Problem {
  NONE(""),
  /** Not a request but a line about the log (CloudFront's {@code #Fields}); never a warning. */
  HEADER(""),
  NO_TIME("no time stamp"),
  BAD_TIME("unreadable time stamp"),
  NO_REQUEST("no request"),
  NO_STATUS("no status code"),
  TOO_LONG("1 MiB or longer"),
  NOT_JSON("not a JSON object"),
  MISSING_FIELD("a field is missing"),
  TOO_FEW_FIELDS("too few fields"),
  EMPTY("empty line");

  final String text;

  /** The warning for a line with this problem, made once rather than for every such line. */
  final String warning;

  Problem(String text) {
    this.text = text;
    this.warning = "malformed line (" + text + ")";
  }
}
