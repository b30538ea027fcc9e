package motd.stats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import motd.Apache;

/**
 * Apache's combined, common and vhost_combined logs, with a second virtual host on an onion name.
 */
class ApacheLogsTest extends ServerLogsContract {
  private Path conf;

  @Override
  List<Log> configure(Path dir, int port, Path site) throws Exception {
    String text =
        Apache.serverConfig(dir, port, site, tmp)
            + """
            LogFormat "%%h %%l %%u %%t \\"%%r\\" %%>s %%O \\"%%{Referer}i\\" \\"%%{User-Agent}i\\"" combined
            LogFormat "%%h %%l %%u %%t \\"%%r\\" %%>s %%O" common
            LogFormat "%%v:%%p %%h %%l %%u %%t \\"%%r\\" %%>s %%O \\"%%{Referer}i\\" \\"%%{User-Agent}i\\"" vhost_combined
            CustomLog %1$s/access.log combined
            CustomLog %1$s/common.log common
            CustomLog %1$s/vhosts.log vhost_combined
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
