package motd.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import motd.Tools;

/** The generated {@code nginx.conf}, included in a real nginx's server block. */
class NginxTest extends HostRulesContract {
  @Override
  ProcessBuilder configure(Path dir, int port, Path site) throws Exception {
    Tools.require("nginx");
    String conf =
        """
        master_process off;
        daemon off;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          server {
            listen 127.0.0.1:%2$d;
            root %3$s;
            index index.html;
            include %3$s/nginx.conf;
          }
        }
        """
            .formatted(dir, port, site);
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    Tools.Result test = Tools.run("nginx", "-t", "-p", dir.toString(), "-c", file.toString());
    assertThat(test.exitCode()).as(test.all()).isZero();
    return new ProcessBuilder("nginx", "-p", dir.toString(), "-c", file.toString());
  }
}
