package motd.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import motd.Tools;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code _redirects}, {@code _headers} and {@code 404.html} in Netlify's own local
 * runtime, {@code netlify dev --offline} from npm.
 */
class NetlifyTest extends HostRulesContract {
  @Override
  ProcessBuilder configure(Path dir, int port, Path site) throws Exception {
    Path netlify = Tools.requireNpm("netlify");
    ProcessBuilder pb =
        new ProcessBuilder(
            netlify.toString(),
            "dev",
            "--offline",
            "--dir",
            site.toString(),
            "--port",
            Integer.toString(port),
            "--staticServerPort",
            Integer.toString(freePort()),
            "--functions-port",
            Integer.toString(freePort()),
            "--no-open",
            // Edge functions would download Deno; the site has none.
            "--internal-disable-edge-functions");
    RuntimeEnvironment.apply(pb, dir);
    return pb;
  }

  /** netlify dev's static server sets its own Content-Type and Cache-Control. */
  @Override
  boolean sendsRuleTypesAndCaching() {
    return false;
  }

  /**
   * What netlify dev's static server hides: the Content-Type and Cache-Control the rules give each
   * path, computed by the same parser and matcher netlify dev applies to {@code _headers}.
   */
  @Test
  void netlifysOwnHeadersParserGivesEachPathItsTypeAndCaching() throws Exception {
    Path script = tmp.resolve("headers.mjs");
    Files.writeString(
        script,
        """
        const [mod, file, ...paths] = process.argv.slice(2);
        const { parseHeaders, headersForPath } = await import(mod);
        const rules = await parseHeaders({ headersFiles: [file], config: {} });
        const out = {};
        for (const p of paths) out[p] = headersForPath(rules, p);
        console.log(JSON.stringify(out));
        """);
    Map<String, Map<String, String>> expected = new LinkedHashMap<>();
    expected.put(
        "/motd/1.0.0rc5-linux2/motd.json",
        Map.of("Content-Type", HostRules.JSON_TYPE, "Cache-Control", HostRules.SHORT_CACHE));
    expected.put(
        "/motd/latest/motd.json.asc",
        Map.of("Content-Type", HostRules.SIGNATURE_TYPE, "Cache-Control", HostRules.SHORT_CACHE));
    expected.put(
        "/" + HostRules.CERTIFICATE,
        Map.of("Content-Type", HostRules.KEY_TYPE, "Cache-Control", HostRules.SHORT_CACHE));
    expected.put(
        "/feed.atom",
        Map.of("Content-Type", HostRules.ATOM_TYPE, "Cache-Control", HostRules.PAGE_CACHE));
    expected.put("/", Map.of("Cache-Control", HostRules.PAGE_CACHE, "Onion-Location", ONION + "/"));
    expected.put(
        "/announcements/hello.html",
        Map.of(
            "Cache-Control",
            HostRules.PAGE_CACHE,
            "Onion-Location",
            ONION + "/announcements/hello.html"));
    expected.put("/assets/style.css", Map.of("Cache-Control", HostRules.ASSET_CACHE));
    String[] command =
        Tools.args(
            "node",
            script.toString(),
            Tools.NODE_MODULES.resolve("netlify-cli/dist/utils/headers.js").toUri().toString(),
            fixture.site.resolve("_headers").toString(),
            expected.keySet().toArray(String[]::new));
    Tools.Result r = Tools.run(Map.of("NODE_ENV", "test", "NO_UPDATE_NOTIFIER", "1"), command);
    assertThat(r.exitCode()).as(r.all()).isZero();
    Map<String, Map<String, String>> actual =
        new ObjectMapper().readValue(r.out(), new TypeReference<>() {});
    expected.forEach(
        (path, headers) -> {
          Map<String, String> want = new LinkedHashMap<>(HostRules.SECURITY_HEADERS);
          want.putAll(headers);
          assertThat(actual.get(path)).as(path).isEqualTo(want);
        });
  }
}
