package motd.emit;

import java.nio.file.Path;
import motd.Tools;

/**
 * The generated {@code _redirects}, {@code _headers} and {@code 404.html} in Cloudflare Pages' own
 * runtime: workerd, run by {@code wrangler pages dev} from npm.
 */
class WranglerTest extends HostRulesContract {
  @Override
  ProcessBuilder configure(Path dir, int port, Path site) throws Exception {
    Path wrangler = Tools.requireNpm("wrangler");
    ProcessBuilder pb =
        new ProcessBuilder(
            wrangler.toString(),
            "pages",
            "dev",
            site.toString(),
            "--ip",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--inspector-port",
            Integer.toString(freePort()),
            // The newest date this workerd knows; without it wrangler looks for a newer one.
            "--compatibility-date",
            "2025-07-18",
            "--persist-to",
            dir.resolve("state").toString(),
            "--log-level",
            "info");
    RuntimeEnvironment.apply(pb, dir);
    return pb;
  }
}
