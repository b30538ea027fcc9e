package motd.stats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import motd.Tools;

/** nginx's combined log, and a host-first log in the layout of Apache's vhost_combined. */
class NginxLogsTest extends ServerLogsContract {
  private Path conf;

  @Override
  List<Log> configure(Path dir, int port, Path site) throws Exception {
    Tools.require("nginx");
    String text =
        """
        master_process off;
        daemon off;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log;
        events { worker_connections 64; }
        http {
          log_format vhosts '$host:$server_port $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';
          access_log %1$s/access.log combined;
          access_log %1$s/vhosts.log vhosts;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          server {
            listen 127.0.0.1:%2$d;
            server_name localhost %4$s;
            root %3$s;
            index index.html;
            include %3$s/nginx.conf;
          }
        }
        """
            .formatted(dir, port, site, ONION);
    conf = dir.resolve("nginx.conf");
    Files.writeString(conf, text);
    return List.of(
        new Log(dir.resolve("access.log"), LogFormat.COMBINED, false),
        new Log(dir.resolve("vhosts.log"), LogFormat.VCOMBINED, true));
  }

  @Override
  ProcessBuilder command(Path dir) {
    return new ProcessBuilder("nginx", "-p", dir.toString(), "-c", conf.toString());
  }
}
