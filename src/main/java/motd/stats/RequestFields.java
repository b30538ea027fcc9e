package motd.stats;

/**
 * Where the parts of one request lie in a log line: offsets only, never copies. A format fills it
 * for each line; the {@link Sanitizer} reads it. Reused from line to line.
 */
final class RequestFields {
  /** The buffer that path and query point into. */
  byte[] buf;

  /** The buffer that the method points into. */
  byte[] methodBuf;

  int methodFrom;
  int methodTo;

  /** The request path, without the query string. */
  int pathFrom;

  int pathTo;

  /** The query string after {@code ?}, or {@code queryFrom < 0} if there is none. */
  int queryFrom;

  int queryTo;

  int status;

  /** Days since 1970-01-01 (UTC) of the request. */
  long epochDay;

  /** The host the request was sent to, or {@code hostFrom < 0} if the format has none. */
  byte[] hostBuf;

  int hostFrom;
  int hostTo;

  void clear(byte[] line) {
    buf = line;
    methodBuf = line;
    hostBuf = line;
    methodFrom = methodTo = pathFrom = pathTo = 0;
    queryFrom = queryTo = -1;
    hostFrom = hostTo = -1;
    status = 0;
    epochDay = 0;
  }
}
