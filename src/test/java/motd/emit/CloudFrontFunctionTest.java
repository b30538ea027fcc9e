package motd.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import motd.Fixture;
import motd.Tools;
import motd.site.SiteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CloudFront Function {@code build} writes ({@code cloudfront-function.js}), run under Node
 * with viewer-request events shaped as CloudFront sends them, and the README's copy of it.
 */
class CloudFrontFunctionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2020-01-01T00:00:00Z");

  @TempDir Path tmp;

  /** Runs the function once per URI; returns the URI each request leaves with. */
  private Map<String, String> run(Path function, List<String> uris) throws Exception {
    ArrayNode events = JSON.createArrayNode();
    for (String uri : uris) {
      events.add(event(uri));
    }
    Path eventsFile = tmp.resolve("events.json");
    Files.writeString(eventsFile, JSON.writeValueAsString(events));
    Path harness = tmp.resolve("harness.js");
    // A CloudFront Function is a script that defines handler(event); run it as one, alone.
    Files.writeString(
        harness,
        """
        const fs = require('fs');
        const vm = require('vm');
        const [file, eventsFile] = process.argv.slice(2);
        const handler = vm.runInNewContext(fs.readFileSync(file, 'utf8') + '\\n;handler', {});
        const out = JSON.parse(fs.readFileSync(eventsFile, 'utf8')).map((e) => handler(e));
        console.log(JSON.stringify(out));
        """);
    Tools.Result r =
        Tools.run("node", harness.toString(), function.toString(), eventsFile.toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    JsonNode results = JSON.readTree(r.out());
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < uris.size(); i++) {
      JsonNode request = results.get(i);
      // Everything but the URI passes through untouched.
      ObjectNode sent = (ObjectNode) events.get(i).get("request").deepCopy();
      sent.put("uri", request.get("uri").asText());
      assertThat(request).as(uris.get(i)).isEqualTo(sent);
      out.put(uris.get(i), request.get("uri").asText());
    }
    return out;
  }

  /** A viewer-request event as CloudFront documents it, with Mailpile's query and headers. */
  private static ObjectNode event(String uri) {
    ObjectNode e = JSON.createObjectNode();
    e.put("version", "1.0");
    ObjectNode context = e.putObject("context");
    context.put("distributionDomainName", "d111111abcdef8.cloudfront.net");
    context.put("distributionId", "EDFDVBD6EXAMPLE");
    context.put("eventType", "viewer-request");
    context.put("requestId", "4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==");
    e.putObject("viewer").put("ip", "198.51.100.11");
    ObjectNode request = e.putObject("request");
    request.put("method", "GET");
    request.put("uri", uri);
    ObjectNode query = request.putObject("querystring");
    query.putObject("lang").put("value", "de");
    query.putObject("py").put("value", "2.7.18");
    ObjectNode headers = request.putObject("headers");
    headers.putObject("host").put("value", "motd.example.org");
    headers.putObject("user-agent").put("value", "Python-urllib/2.7");
    headers.putObject("accept-encoding").put("value", "identity");
    request.putObject("cookies");
    return e;
  }

  private Fixture build(String config) {
    Fixture f = Fixture.create(tmp.resolve("project"));
    f.config(config);
    f.write("hello.yaml", "published: 2019-01-01\nmessage: {en: hello}\n");
    f.builder().build(f.site, NOW);
    return f;
  }

  @Test
  void sendsUnknownVariantsToTheGenericFileAndPassesEverythingElse() throws Exception {
    Tools.require("node");
    Fixture f = build(Fixture.CONFIG);
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("/motd/1.0.0rc6-linux2/motd.json", "/motd/1.0.0rc6-linux2/motd.json");
    expected.put("/motd/1.0.0rc6-linux2/motd.json.asc", "/motd/1.0.0rc6-linux2/motd.json.asc");
    expected.put("/motd/1.0.0rc5/motd.json", "/motd/1.0.0rc5/motd.json");
    expected.put("/motd/latest/motd.json", "/motd/latest/motd.json");
    expected.put("/motd/1.0.0rc7-linux2/motd.json", "/motd/latest/motd.json");
    expected.put("/motd/1.0.0rc6-haiku/motd.json", "/motd/latest/motd.json");
    expected.put("/motd/1.0.0rc7-linux2/motd.json.asc", "/motd/latest/motd.json.asc");
    expected.put("/motd/9.9.9/motd.json", "/motd/latest/motd.json");
    expected.put("/motd/constructor/motd.json", "/motd/latest/motd.json");
    expected.put("/motd/1.0.0rc6-__proto__/motd.json", "/motd/latest/motd.json");
    expected.put("/motd/manifest.json", "/motd/manifest.json");
    expected.put("/motd/signing-key.asc", "/motd/signing-key.asc");
    expected.put("/index.html", "/index.html");
    expected.put("/motd/1.0.0rc7-linux2/other.json", "/motd/1.0.0rc7-linux2/other.json");
    assertThat(run(f.site.resolve("cloudfront-function.js"), List.copyOf(expected.keySet())))
        .containsExactlyEntriesOf(expected);
  }

  /** Known exactly when the site has the file, also for versions written with dashes. */
  @Test
  void knowsExactlyTheVariantsTheSiteHas() throws Exception {
    Tools.require("node");
    Fixture f = build(Fixture.CONFIG + "  - version: 1.0.0-rc7\n    date: 2019-12-01\n");
    List<String> uris = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(f.site.resolve("motd"))) {
      dirs.filter(Files::isDirectory)
          .forEach(d -> uris.add("/motd/" + d.getFileName() + "/motd.json"));
    }
    assertThat(uris).contains("/motd/1.0.0-rc7-linux2/motd.json", "/motd/1.0.0-rc7/motd.json");
    for (Map.Entry<String, String> e :
        run(f.site.resolve("cloudfront-function.js"), uris).entrySet()) {
      assertThat(e.getValue()).as("a file the site has").isEqualTo(e.getKey());
    }
  }

  /** The README shows the function built from the repository's own announcements, exactly. */
  @Test
  void theReadmeShowsTheGeneratedFunction() throws Exception {
    Path out = tmp.resolve("site");
    new SiteBuilder(Path.of("announcements"), Path.of("templates")).build(out, NOW);
    String readme = Files.readString(Path.of("README.md"));
    int section = readme.indexOf("### S3 with CloudFront");
    assertThat(section).isPositive();
    int start = readme.indexOf("```js\n", section) + "```js\n".length();
    String block = readme.substring(start, readme.indexOf("```\n", start));
    assertThat(block).isEqualTo(Files.readString(out.resolve("cloudfront-function.js")));
  }
}
