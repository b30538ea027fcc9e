package motd.emit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import motd.serve.SiteServer;

/**
 * {@code motd serve} against the same contract as the production hosts: it reads the generated
 * {@code _headers} and applies the same fallback, so a test against it predicts production.
 */
class ServeRulesTest extends HostRulesContract {
  @Override
  AutoCloseable launch(Path dir, int port, Path site) throws Exception {
    return SiteServer.start(
        site, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null);
  }
}
