package motd.stats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import motd.Tools;

/**
 * Apache's combined, common and vhost_combined logs, with a second virtual host on an onion name.
 */
class ApacheLogsTest extends ServerLogsContract {
  private static final String MODULES = "/usr/lib/apache2/modules";
  private Path conf;

  @Override
  List<Log> configure(Path dir, int port, Path site) throws Exception {
    Tools.require("apache2");
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
    String text =
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
            LogFormat "%%h %%l %%u %%t \\"%%r\\" %%>s %%O \\"%%{Referer}i\\" \\"%%{User-Agent}i\\"" combined
            LogFormat "%%h %%l %%u %%t \\"%%r\\" %%>s %%O" common
            LogFormat "%%v:%%p %%h %%l %%u %%t \\"%%r\\" %%>s %%O \\"%%{Referer}i\\" \\"%%{User-Agent}i\\"" vhost_combined
            CustomLog %1$s/access.log combined
            CustomLog %1$s/common.log common
            CustomLog %1$s/vhosts.log vhost_combined
            <Directory "%3$s">
              AllowOverride FileInfo
              Require all granted
            </Directory>
            <VirtualHost 127.0.0.1:%2$d>
              ServerName localhost
              DocumentRoot "%3$s"
              DirectoryIndex index.html
            </VirtualHost>
            <VirtualHost 127.0.0.1:%2$d>
              ServerName %4$s
              DocumentRoot "%3$s"
              DirectoryIndex index.html
            </VirtualHost>
            """
                .formatted(dir, port, site, ONION);
    conf = dir.resolve("httpd.conf");
    Files.writeString(conf, text);
    return List.of(
        new Log(dir.resolve("access.log"), LogFormat.COMBINED, false),
        new Log(dir.resolve("common.log"), LogFormat.COMMON, false),
        new Log(dir.resolve("vhosts.log"), LogFormat.VCOMBINED, true));
  }

  @Override
  ProcessBuilder command(Path dir) {
    return new ProcessBuilder("apache2", "-f", conf.toString(), "-DFOREGROUND");
  }
}
