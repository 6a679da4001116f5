package lshbench.data.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 (never any other address) that serves byte arrays, with the
 * misbehaviours a downloader must survive: a body cut off half way, a body that stalls, a
 * server that ignores Range requests, redirects and 404s. It records every Range header.
 */
final class LocalArchiveServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");
  private final HttpServer server;
  private final ExecutorService pool;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  /** Range header of each request for a served file, "" when absent. */
  final List<String> ranges = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch released = new CountDownLatch(1);
  volatile boolean supportsRange = true;
  /** When >= 0, the first full response sends this many bytes and then ... */
  volatile int cutFirstAt = -1;
  /** ... closes the connection (false) or stops sending until the server closes (true). */
  volatile boolean stallInsteadOfClose;

  LocalArchiveServer() throws IOException {
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "test-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  void serve(String path, byte[] content) {
    files.put(path, content.clone());
  }

  void redirect(String from, String to) {
    redirects.put(from, to);
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      requests.incrementAndGet();
      String path = ex.getRequestURI().getPath();
      if (redirects.containsKey(path)) {
        ex.getResponseHeaders().set("Location", redirects.get(path));
        ex.sendResponseHeaders(302, -1);
        return;
      }
      byte[] body = files.get(path);
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      String range = ex.getRequestHeaders().getFirst("Range");
      ranges.add(range == null ? "" : range);
      Matcher m = range == null ? null : RANGE.matcher(range);
      if (supportsRange && m != null && m.matches()) {
        int from = Integer.parseInt(m.group(1));
        if (from >= body.length) {
          ex.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
          ex.sendResponseHeaders(416, -1);
          return;
        }
        ex.getResponseHeaders().set("Content-Range",
            "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        ex.sendResponseHeaders(206, body.length - from);
        ex.getResponseBody().write(body, from, body.length - from);
        return;
      }
      ex.sendResponseHeaders(200, body.length);
      int cut = cutFirstAt;
      if (cut >= 0) {
        cutFirstAt = -1;
        OutputStream out = ex.getResponseBody();
        out.write(body, 0, cut);
        out.flush();
        if (stallInsteadOfClose) {
          released.await(20, TimeUnit.SECONDS);
        }
        return;
      }
      ex.getResponseBody().write(body);
    } catch (IOException | InterruptedException e) {
      // a deliberately short body, or a client that went away: nothing to answer
    } finally {
      ex.close(); // with bytes missing, this drops the connection
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    pool.shutdownNow();
  }
}
