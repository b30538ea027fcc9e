package motd.emit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The environment the npm-installed runtimes run in: a home, config and temp folder of the test's
 * own, and every update check, telemetry report and download switched off, so they need no network
 * and tell nobody they ran.
 */
final class RuntimeEnvironment {
  private RuntimeEnvironment() {}

  static void apply(ProcessBuilder pb, Path dir) throws IOException {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path config = Files.createDirectories(home.resolve(".config"));
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    // netlify-cli keeps its telemetry switch in its config file; this is the "off" position.
    Path netlify = Files.createDirectories(config.resolve("netlify"));
    Files.writeString(netlify.resolve("config.json"), "{\"telemetryDisabled\": true}\n");
    Map<String, String> env = pb.environment();
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", config.toString());
    env.put("TMPDIR", temp.toString());
    // miniflare fetches Cloudflare's request metadata unless NODE_ENV is "test"; update-notifier
    // (netlify-cli) is off under it too.
    env.put("NODE_ENV", "test");
    env.put("NO_UPDATE_NOTIFIER", "1");
    env.put("WRANGLER_SEND_METRICS", "false");
    env.put("WRANGLER_SEND_ERROR_REPORTS", "false");
    // wrangler asks the npm registry for a newer version on every start and offers no switch:
    // point its registry lookup at a closed loopback port so the check fails at once, offline.
    env.put("npm_registry", "http://127.0.0.1:9/");
    env.put("npm_config_registry", "http://127.0.0.1:9/");
    env.put("NO_COLOR", "1");
    env.put("BROWSER", "none");
    pb.directory(dir.toFile());
  }
}
