package lshbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over its DevTools protocol with the JDK's own WebSocket client: no
 * Playwright or Puppeteer. Opens a page, collects every console message, uncaught exception and
 * log entry from before the first byte loads, evaluates script, moves the mouse, takes
 * screenshots. Found on the PATH ({@code chromium}, {@code chromium-browser},
 * {@code google-chrome}); one browser per instance, always ended by {@link #close()}.
 */
final class Chromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

  /** The browser on the PATH, if any. */
  static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Starts a headless browser with a fresh profile in {@code profile}, a page of the given size. */
  Chromium(Path binary, Path profile, int width, int height) throws IOException, InterruptedException {
    List<String> cmd = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--mute-audio",
        "--remote-debugging-port=0", "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height, "about:blank");
    process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String browserUrl = null;
    try {
      BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
          StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      for (String line; browserUrl == null && System.nanoTime() < deadline
          && (line = err.readLine()) != null; ) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          browserUrl = m.group(1);
        }
      }
      if (browserUrl == null) {
        throw new IOException("chromium printed no DevTools address");
      }
      Thread drain = new Thread(() -> {
        try {
          while (err.readLine() != null) {
            // the browser's own chatter; page problems come through the protocol
          }
        } catch (IOException e) {
          // the browser went away
        }
      }, "chromium-stderr");
      drain.setDaemon(true);
      drain.start();
      URI http = URI.create(browserUrl.replaceFirst("^ws://", "http://").replaceFirst("/devtools/.*$", "/json/list"));
      HttpClient client = HttpClient.newHttpClient();
      String pageUrl = null;
      for (int attempt = 0; pageUrl == null && attempt < 50; attempt++) {
        JsonNode targets = JSON.readTree(client.send(HttpRequest.newBuilder(http).build(),
            HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode t : targets) {
          if ("page".equals(t.path("type").asText())) {
            pageUrl = t.path("webSocketDebuggerUrl").asText();
          }
        }
        if (pageUrl == null) {
          Thread.sleep(100);
        }
      }
      if (pageUrl == null) {
        throw new IOException("chromium opened no page");
      }
      socket = client.newWebSocketBuilder().connectTimeout(TIMEOUT)
          .buildAsync(URI.create(pageUrl), new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (IOException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    } catch (Exception e) {
      close();
      throw new IOException("cannot connect to chromium: " + e, e);
    }
    send("Page.enable", null);
    send("Runtime.enable", null);
    send("Log.enable", null);
    ObjectNode metrics = JSON.createObjectNode().put("width", width).put("height", height)
        .put("deviceScaleFactor", 1).put("mobile", false);
    send("Emulation.setDeviceMetricsOverride", metrics);
  }

  /** Opens {@code url} and waits for its load event (every inline script has run by then). */
  void open(String url) throws IOException {
    loaded = new CompletableFuture<>();
    send("Page.navigate", JSON.createObjectNode().put("url", url));
    try {
      loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("page did not load: " + url, e);
    }
  }

  /** Console messages, uncaught exceptions and log entries (failed loads) so far. */
  synchronized List<String> problems() {
    return new ArrayList<>(problems);
  }

  /** The value of a script expression (promises awaited), as JSON; an exception fails. */
  JsonNode eval(String expression) throws IOException {
    JsonNode r = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
        .put("returnByValue", true).put("awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new IOException("script failed: " + expression + ": " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** Moves the mouse to a point of the viewport, as a person hovering would. */
  void hover(double x, double y) throws IOException {
    send("Input.dispatchMouseEvent", JSON.createObjectNode().put("type", "mouseMoved")
        .put("x", x).put("y", y));
  }

  /** A PNG of the viewport, or of the whole page when {@code fullPage}. */
  byte[] screenshot(boolean fullPage) throws IOException {
    ObjectNode params = JSON.createObjectNode().put("format", "png");
    if (fullPage) {
      JsonNode size = eval("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
      params.put("captureBeyondViewport", true);
      params.putObject("clip").put("x", 0).put("y", 0).put("width", size.get(0).asDouble())
          .put("height", size.get(1).asDouble()).put("scale", 1);
    }
    return Base64.getDecoder().decode(send("Page.captureScreenshot", params).path("data").asText());
  }

  JsonNode send(String method, ObjectNode params) throws IOException {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    if (params != null) {
      msg.set("params", params);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(msg), true);
    try {
      JsonNode r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (r.has("error")) {
        throw new IOException(method + ": " + r.get("error"));
      }
      return r.path("result");
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(method + ": no answer from chromium (" + e + ")", e);
    } finally {
      pending.remove(id);
    }
  }

  private synchronized void event(JsonNode m) {
    String method = m.path("method").asText();
    JsonNode p = m.path("params");
    switch (method) {
      case "Page.loadEventFired" -> loaded.complete(null);
      case "Runtime.consoleAPICalled" -> {
        StringBuilder text = new StringBuilder("console." + p.path("type").asText() + ":");
        for (JsonNode a : p.path("args")) {
          text.append(' ').append(a.has("value") ? a.get("value").asText() : a.path("description").asText());
        }
        problems.add(text.toString());
      }
      case "Runtime.exceptionThrown" -> problems.add("exception: "
          + p.path("exceptionDetails").path("exception").path("description").asText(
              p.path("exceptionDetails").path("text").asText()));
      case "Log.entryAdded" -> problems.add("log." + p.path("entry").path("level").asText() + ": "
          + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
      default -> { }
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode m = JSON.readTree(partial.toString());
          if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.get(m.get("id").asInt());
            if (f != null) {
              f.complete(m);
            }
          } else {
            event(m);
          }
        } catch (IOException e) {
          synchronized (Chromium.this) {
            problems.add("unreadable DevTools message: " + e.getMessage());
          }
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.abort();
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
