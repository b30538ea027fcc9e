package motd.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import motd.Tools;

/**
 * The generated {@code nginx.conf} included into a server block shaped like Debian's default site
 * (its own {@code location /}, the stock MIME map, gzip): it must load without a warning and add
 * only what the site needs.
 */
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
          # As in Debian's /etc/nginx/nginx.conf
          sendfile on;
          include /etc/nginx/mime.types;
          default_type application/octet-stream;
          gzip on;
          access_log off;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          # As in Debian's sites-available/default, with the site's root and the snippet
          server {
            listen 127.0.0.1:%2$d default_server;
            root %3$s;
            index index.html index.htm index.nginx-debian.html;
            server_name _;
            location / {
              try_files $uri $uri/ =404;
            }
            include %3$s/nginx.conf;
          }
        }
        """
            .formatted(dir, port, site);
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    Tools.Result test =
        Tools.run(
            "nginx", "-t", "-p", dir.toString(), "-e", dir + "/error.log", "-c", file.toString());
    assertThat(test.exitCode()).as(test.all()).isZero();
    // nginx -t reports warnings (a duplicate MIME type, say) and still succeeds.
    assertThat(test.err().lines().filter(l -> !l.contains("syntax is ok")))
        .as(test.all())
        .allMatch(l -> l.contains("test is successful"));
    return new ProcessBuilder(
        "nginx", "-p", dir.toString(), "-e", dir + "/error.log", "-c", file.toString());
  }
}
