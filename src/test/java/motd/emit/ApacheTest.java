package motd.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import motd.Tools;

/**
 * The generated {@code .htaccess} in a real Apache, with only the modules it documents:
 * mod_rewrite, mod_headers and mod_mime ({@code AllowOverride FileInfo}).
 */
class ApacheTest extends HostRulesContract {
  private static final String MODULES = "/usr/lib/apache2/modules";

  /** mod_dir serves {@code /} by an internal redirect, after which the path is /index.html. */
  @Override
  String[] onionForFrontPage() {
    return new String[] {ONION + "/index.html"};
  }

  @Override
  ProcessBuilder configure(Path dir, int port, Path site) throws Exception {
    Tools.require("apache2");
    // Apache's children run as www-data; the temp folders must let them in.
    for (Path p = site; !p.equals(tmp.getParent()); p = p.getParent()) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    StringBuilder modules = new StringBuilder();
    for (String m : new String[] {"mpm_event", "authz_core", "dir", "mime", "rewrite", "headers"}) {
      modules
          .append("LoadModule ")
          .append(m)
          .append("_module ")
          .append(MODULES)
          .append("/mod_")
          .append(m)
          .append(".so\n");
    }
    String conf =
        modules
            + """
            ServerName localhost
            Listen 127.0.0.1:%2$d
            PidFile %1$s/httpd.pid
            ErrorLog %1$s/error.log
            DefaultRuntimeDir %1$s
            User www-data
            Group www-data
            TypesConfig /etc/mime.types
            DocumentRoot "%3$s"
            DirectoryIndex index.html
            <Directory "%3$s">
              AllowOverride FileInfo
              Require all granted
            </Directory>
            """
                .formatted(dir, port, site);
    Path file = dir.resolve("httpd.conf");
    Files.writeString(file, conf);
    Tools.Result test = Tools.run("apache2", "-t", "-f", file.toString());
    assertThat(test.exitCode()).as(test.all()).isZero();
    return new ProcessBuilder("apache2", "-f", file.toString(), "-DFOREGROUND");
  }
}
