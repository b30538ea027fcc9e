package motd.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import motd.Tools;

/**
 * Debian's headless Chromium, driven over the DevTools protocol with the JDK's own WebSocket
 * client: it records every request the page makes and every console error, and takes screenshots.
 * No browser is downloaded.
 */
final class Chromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private String sessionId;

  private Chromium(Process process, WebSocket socket) {
    this.process = process;
    this.socket = socket;
  }

  static Chromium launch(Path profile) throws Exception {
    Tools.require("chromium");
    Process p =
        new ProcessBuilder(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--hide-scrollbars",
                "--mute-audio",
                "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String url = null;
    BufferedReader err =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    StringBuilder seen = new StringBuilder();
    while (url == null && System.nanoTime() < deadline) {
      String line = err.readLine();
      if (line == null) {
        break;
      }
      seen.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        url = m.group(1);
      }
    }
    if (url == null) {
      p.destroyForcibly();
      throw new IllegalStateException("chromium did not start:\n" + seen);
    }
    Thread drain =
        new Thread(
            () -> {
              try {
                while (err.readLine() != null) {
                  // keep the pipe empty
                }
              } catch (java.io.IOException e) {
                // exiting
              }
            });
    drain.setDaemon(true);
    drain.start();
    Chromium[] self = new Chromium[1];
    WebSocket ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create(url), new Listener(msg -> self[0].receive(msg)))
            .get(30, TimeUnit.SECONDS);
    self[0] = new Chromium(p, ws);
    JsonNode target = self[0].call(null, "Target.createTarget", Map.of("url", "about:blank"));
    JsonNode attached =
        self[0].call(
            null,
            "Target.attachToTarget",
            Map.of("targetId", target.get("targetId").asText(), "flatten", true));
    self[0].sessionId = attached.get("sessionId").asText();
    for (String domain : new String[] {"Page", "Network", "Runtime", "Log"}) {
      self[0].call(domain + ".enable", Map.of());
    }
    self[0].call("Page.setLifecycleEventsEnabled", Map.of("enabled", true));
    return self[0];
  }

  private void receive(String message) {
    try {
      JsonNode node = JSON.readTree(message);
      if (node.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(node.get("id").asInt());
        if (f != null) {
          if (node.has("error")) {
            f.completeExceptionally(new IllegalStateException(node.get("error").toString()));
          } else {
            f.complete(node.get("result"));
          }
        }
      } else {
        events.add(node);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  JsonNode call(String method, Map<String, Object> params) throws Exception {
    return call(sessionId, method, params);
  }

  private JsonNode call(String session, String method, Map<String, Object> params)
      throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", JSON.valueToTree(params));
    if (session != null) {
      msg.put("sessionId", session);
    }
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
    return f.get(60, TimeUnit.SECONDS);
  }

  /** What one page load did. */
  record Visit(List<String> requests, List<String> consoleErrors, String text, byte[] screenshot) {}

  /** Loads {@code url} in a window of the given size and records what happened. */
  Visit visit(String url, int width, int height, boolean mobile) throws Exception {
    events.clear();
    call(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    String loader = call("Page.navigate", Map.of("url", url)).path("loaderId").asText();
    // Done when the page has loaded and the network has been idle (Chromium's own signal, 500 ms
    // without requests), so late requests and console messages are in.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (events.stream()
        .noneMatch(
            e ->
                "Page.lifecycleEvent".equals(e.path("method").asText())
                    && "networkIdle".equals(e.path("params").path("name").asText())
                    && loader.equals(e.path("params").path("loaderId").asText()))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the page did not load: " + url);
      }
      Thread.sleep(20);
    }
    List<String> requests = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (JsonNode e : events) {
      JsonNode p = e.path("params");
      switch (e.path("method").asText()) {
        case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
        case "Runtime.consoleAPICalled" -> {
          if (p.path("type").asText().equals("error") || p.path("type").asText().equals("assert")) {
            errors.add("console: " + p.path("args").toString());
          }
        }
        case "Runtime.exceptionThrown" ->
            errors.add("exception: " + p.path("exceptionDetails").toString());
        case "Log.entryAdded" -> {
          if (p.path("entry").path("level").asText().equals("error")) {
            errors.add(
                "log: "
                    + p.path("entry").path("text").asText()
                    + " "
                    + p.path("entry").path("url").asText());
          }
        }
        default -> {}
      }
    }
    String text =
        call(
                "Runtime.evaluate",
                Map.of("expression", "document.body.innerText", "returnByValue", true))
            .path("result")
            .path("value")
            .asText();
    byte[] png =
        Base64.getDecoder()
            .decode(
                call(
                        "Page.captureScreenshot",
                        Map.of("format", "png", "captureBeyondViewport", true))
                    .get("data")
                    .asText());
    return new Visit(requests, errors, text, png);
  }

  /**
   * Closes the browser and waits until it and every process it started have exited: Chromium's
   * helpers (renderer, GPU, zygote) outlive the main process for a moment and still write into the
   * profile, which the test then could not delete.
   */
  @Override
  public void close() {
    List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
    family.add(process.toHandle());
    try {
      call(null, "Browser.close", Map.of());
    } catch (Exception e) {
      process.destroy(); // no answer: ask the operating system instead
    }
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the browser closed the socket itself
    }
    family.addAll(process.descendants().toList());
    for (ProcessHandle h : family) {
      try {
        h.onExit().get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
        h.onExit().join();
      }
    }
  }

  /** Joins WebSocket fragments into whole messages. */
  private static final class Listener implements WebSocket.Listener {
    private final java.util.function.Consumer<String> sink;
    private final StringBuilder buffer = new StringBuilder();

    Listener(java.util.function.Consumer<String> sink) {
      this.sink = sink;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        String msg = buffer.toString();
        buffer.setLength(0);
        sink.accept(msg);
      }
      ws.request(1);
      return null;
    }
  }
}
