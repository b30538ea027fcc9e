package motd.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import motd.Fixture;
import motd.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's onion service setup, checked by the real tor and nginx. */
class OnionServiceTest {
  @TempDir Path tmp;

  /** The fenced block that follows {@code marker} in the README's onion section. */
  private static String readmeBlock(String fence) throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int section = readme.indexOf("### A Tor onion service");
    assertThat(section).as("the README's onion section").isPositive();
    int start = readme.indexOf("```" + fence + "\n", section);
    assertThat(start).as("a ```" + fence + " block in it").isPositive();
    start += fence.length() + 4;
    return readme.substring(start, readme.indexOf("```\n", start));
  }

  private Path privateDir(String name) throws Exception {
    return Files.createDirectory(
        tmp.resolve(name),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  @Test
  void torAcceptsTheReadmesTorrcLines() throws Exception {
    Tools.require("tor");
    String lines = readmeBlock("torrc");
    assertThat(lines).contains("HiddenServiceDir /var/lib/tor/motd/");
    Path service = privateDir("motd");
    Path data = privateDir("data");
    Path torrc = tmp.resolve("torrc");
    Files.writeString(
        torrc,
        "DataDirectory "
            + data
            + "\nSocksPort 0\n"
            + lines.replace("/var/lib/tor/motd/", service + "/"));
    Tools.Result r =
        Tools.run(
            "tor", "--verify-config", "--defaults-torrc", "/dev/null", "-f", torrc.toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.out()).contains("Configuration was valid");

    // The check is real: a broken port line is refused.
    Files.writeString(torrc, Files.readString(torrc).replace("127.0.0.1:8081", "127.0.0.1:80801"));
    Tools.Result bad =
        Tools.run(
            "tor", "--verify-config", "--defaults-torrc", "/dev/null", "-f", torrc.toString());
    assertThat(bad.exitCode()).as(bad.all()).isNotZero();
  }

  @Test
  void nginxAcceptsTheReadmesServerBlock() throws Exception {
    Tools.require("nginx");
    Fixture f = Fixture.create(tmp.resolve("project"));
    f.config(Fixture.CONFIG + "onion: " + HostRulesContract.ONION + "\n");
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    f.builder().build(f.site, Instant.parse("2020-01-01T00:00:00Z"));
    Path dir = Files.createDirectories(tmp.resolve("nginx"));
    String server =
        readmeBlock("nginx")
            .replace("/srv/motd/site", f.site.toAbsolutePath().toString())
            .replace("127.0.0.1:8081", "127.0.0.1:" + HostRulesContract.freePort());
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(
        conf,
        """
        pid %1$s/nginx.pid;
        error_log %1$s/error.log;
        events { worker_connections 64; }
        http {
          include /etc/nginx/mime.types;
          default_type application/octet-stream;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
        %2$s}
        """
            .formatted(dir, server));
    Tools.Result r =
        Tools.run(
            "nginx", "-t", "-p", dir.toString(), "-e", dir + "/error.log", "-c", conf.toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.err()).doesNotContain("[warn]").doesNotContain("[emerg]");
  }
}
