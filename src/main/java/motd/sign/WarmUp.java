package motd.sign;

/**
 * Gets the slow first steps of signing and checking out of the way on another core while the
 * command line is still being read: Bouncy Castle's default policy parses its cutoff dates with
 * {@link java.text.SimpleDateFormat}, whose first use loads every time zone name (about 100 ms on a
 * cold JVM), and Ed25519 builds its tables of base-point multiples on first use.
 */
public final class WarmUp {
  private WarmUp() {}

  /** Starts the warm-up on a daemon thread and returns at once; it never fails the command. */
  public static void start() {
    Thread t =
        new Thread(
            () -> {
              try {
                Crypto.api();
                org.bouncycastle.math.ec.rfc8032.Ed25519.precompute();
              } catch (RuntimeException | LinkageError e) {
                // only a head start: the command does the same work itself, and reports failures
              }
            },
            "motd-warm-up");
    t.setDaemon(true);
    t.start();
  }
}
