package motd.stats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import motd.Tools;

/** Caddy's JSON access log, with the same fallback for unknown versions as the other hosts. */
class CaddyLogsTest extends ServerLogsContract {
  private Path conf;

  @Override
  List<Log> configure(Path dir, int port, Path site) throws Exception {
    Tools.require("caddy");
    String text =
        """
        {
          admin off
          auto_https off
        }
        http://:%2$d {
          bind 127.0.0.1
          root * %3$s
          log {
            output file %1$s/access.json
            format json
          }
          @motd path_regexp ^/motd/[^/]+/motd\\.json$
          handle @motd {
            try_files {path} /motd/latest/motd.json
            file_server
          }
          handle {
            file_server
          }
        }
        """
            .formatted(dir, port, site);
    conf = dir.resolve("Caddyfile");
    Files.writeString(conf, text);
    return List.of(new Log(dir.resolve("access.json"), LogFormat.CADDY, true));
  }

  @Override
  ProcessBuilder command(Path dir) {
    ProcessBuilder pb =
        new ProcessBuilder("caddy", "run", "--config", conf.toString(), "--adapter", "caddyfile");
    pb.environment().put("HOME", dir.toString());
    pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
    pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    return pb;
  }
}
