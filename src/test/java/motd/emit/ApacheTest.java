package motd.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import motd.Apache;
import motd.Tools;

/**
 * The generated {@code .htaccess} in a real Apache, with only the modules it documents:
 * mod_rewrite, mod_headers and mod_mime ({@code AllowOverride FileInfo}).
 */
class ApacheTest extends HostRulesContract {
  /** mod_dir serves {@code /} by an internal redirect, after which the path is /index.html. */
  @Override
  String[] onionForFrontPage() {
    return new String[] {ONION + "/index.html"};
  }

  @Override
  ProcessBuilder configure(Path dir, int port, Path site) throws Exception {
    String conf =
        Apache.serverConfig(dir, port, site, tmp)
            + """
            DocumentRoot "%s"
            DirectoryIndex index.html
            """
                .formatted(site);
    Path file = dir.resolve("httpd.conf");
    Files.writeString(file, conf);
    Tools.Result test = Tools.run("apache2", "-t", "-f", file.toString());
    assertThat(test.exitCode()).as(test.all()).isZero();
    return new ProcessBuilder("apache2", "-f", file.toString(), "-DFOREGROUND");
  }
}
