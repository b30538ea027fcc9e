package motd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A real Apache in the foreground for tests: what every test's configuration starts with. */
public final class Apache {
  private static final String MODULES = "/usr/lib/apache2/modules";

  private Apache() {}

  /**
   * The modules the generated rules document (mod_rewrite, mod_headers, mod_mime) and the server
   * lines: loopback on {@code port}, pid, error log and runtime files in {@code dir}. Apache's
   * children run as www-data, so the folders from {@code site} up to {@code tmp} are opened to
   * them.
   */
  public static String serverConfig(Path dir, int port, Path site, Path tmp) throws IOException {
    Tools.require("apache2");
    for (Path p = site; !p.equals(tmp.getParent()); p = p.getParent()) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    StringBuilder conf = new StringBuilder();
    for (String m : new String[] {"mpm_event", "authz_core", "dir", "mime", "rewrite", "headers"}) {
      conf.append("LoadModule %s_module %s/mod_%s.so\n".formatted(m, MODULES, m));
    }
    return conf.append(
            """
            ServerName localhost
            Listen 127.0.0.1:%2$d
            PidFile %1$s/httpd.pid
            ErrorLog %1$s/error.log
            DefaultRuntimeDir %1$s
            User www-data
            Group www-data
            TypesConfig /etc/mime.types
            <Directory "%3$s">
              AllowOverride FileInfo
              Require all granted
            </Directory>
            """
                .formatted(dir, port, site))
        .toString();
  }
}
