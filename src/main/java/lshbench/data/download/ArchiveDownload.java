package lshbench.data.download;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import lshbench.io.Sha256;

/**
 * Downloads an image collection's archive, checks it, and unpacks the collection's folder into
 * place, for users who are online; everything else in lshbench reads local files only.
 *
 * <p>Each step leaves something a second run can use, so a failure never costs more than it
 * must: the body goes to {@code <archive>.part} beside the destination and a dropped connection
 * is resumed with an HTTP Range request (within the same call up to three times, and from the
 * part file on the next run); a checked archive is renamed to {@code <archive>} and kept until
 * its folder is installed; unpacking happens in a hidden temporary folder in the destination,
 * and the finished folder is moved into place with one rename, so the destination holds either
 * the whole collection or none of it. When the folder is already there nothing happens at all.
 *
 * <p>Every failure is an {@link IOException} with a one-line message (HTTP status, checksum,
 * unpack problem) that can be shown to a user as it is.
 */
public final class ArchiveDownload {
  /** Attempts in one call that may end in a dropped connection, if each delivered bytes. */
  static final int MAX_INTERRUPTIONS = 3;
  /** Requests in one call at most, counting restarts after an unusable range answer. */
  private static final int MAX_REQUESTS = 6;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private ArchiveDownload() {}

  /**
   * Makes {@code spec.target()} hold the unpacked collection, downloading and unpacking it
   * unless it is already there.
   *
   * @param spec what to download and where it goes
   * @param log receives progress lines (about one a second) and what was done
   * @return {@code spec.target()}, the unpacked folder
   * @throws IOException with a one-line message when any step fails
   */
  public static Path fetch(DownloadSpec spec, PrintStream log) throws IOException {
    if (spec == null) {
      throw new IllegalArgumentException("spec must be given");
    }
    if (log == null) {
      throw new IllegalArgumentException("log must be given");
    }
    Path target = spec.target();
    if (Files.isDirectory(target)) {
      log.println(target + " is already present; nothing downloaded");
      return target;
    }
    if (Files.exists(target)) {
      throw new IOException(target + " exists but is not a folder; move it away and run again");
    }
    try {
      Files.createDirectories(spec.destination());
      String name = spec.archiveName();
      Path archive = spec.destination().resolve(name);
      if (Files.isRegularFile(archive)) {
        log.println("using " + archive + " from an earlier run");
        verify(archive, spec, log);
      } else {
        Path part = spec.destination().resolve(name + ".part");
        download(spec, part, log);
        verify(part, spec, log);
        move(part, archive);
      }
      install(archive, spec, log);
      Files.delete(archive);
      log.println("installed " + target);
      return target;
    } catch (UncheckedIOException | FileSystemException e) {
      throw oneLineError(e);
    }
  }

  /**
   * Makes {@code spec.target()} a downloaded, checked file (no unpacking: an ann-benchmarks
   * .hdf5, say), with the same part file, resume, progress and SHA-256 check as {@link #fetch};
   * nothing happens when the file is already there.
   *
   * @param spec whose {@code folder} is the file's name in {@code destination}
   * @return {@code spec.target()}, the file
   * @throws IOException with a one-line message when any step fails
   */
  public static Path fetchFile(DownloadSpec spec, PrintStream log) throws IOException {
    Path target = spec.target();
    if (Files.isRegularFile(target)) {
      log.println(target + " is already present; nothing downloaded");
      return target;
    }
    if (Files.exists(target)) {
      throw new IOException(target + " exists but is not a file; move it away and run again");
    }
    try {
      Files.createDirectories(spec.destination());
      Path part = spec.destination().resolve(spec.folder() + ".part");
      download(spec, part, log);
      verify(part, spec, log);
      move(part, target);
      log.println("saved " + target);
      return target;
    } catch (UncheckedIOException | FileSystemException e) {
      throw oneLineError(e);
    }
  }

  /** The failure as one line naming what failed: the cause's message, or the file. */
  private static IOException oneLineError(Exception e) {
    if (e instanceof UncheckedIOException u) {
      return new IOException(oneLine(u.getCause()), u.getCause());
    }
    // these say only the path ("/data: AccessDeniedException" is more use than "/data")
    FileSystemException f = (FileSystemException) e;
    return new IOException(f.getFile() + ": " + (f.getReason() != null ? f.getReason()
        : f.getClass().getSimpleName()), f);
  }

  private static void download(DownloadSpec spec, Path part, PrintStream log)
      throws IOException {
    log.println("downloading " + spec.url() + " to " + part);
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "lshbench-download-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      HttpClient client = HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(spec.connectTimeout())
          .executor(pool)
          .build();
      int interruptions = 0;
      for (int request = 1; ; request++) {
        if (request > MAX_REQUESTS) {
          throw new IOException("gave up on " + spec.url() + " after " + MAX_REQUESTS
              + " requests that could not be resumed");
        }
        long have = Files.exists(part) ? Files.size(part) : 0;
        Attempt attempt = new Attempt(spec, part, have, log);
        try {
          if (attempt.run(client)) {
            return;
          }
        } catch (Interrupted e) {
          interruptions++;
          if (e.gained == 0 || interruptions >= MAX_INTERRUPTIONS) {
            throw new IOException(e.getMessage() + "; run again to resume from " + part, e);
          }
          log.println(e.getMessage() + "; resuming");
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A transfer that ended early; the part file holds what arrived. */
  private static final class Interrupted extends IOException {
    final long gained;

    Interrupted(String message, long gained, Throwable cause) {
      super(message, cause);
      this.gained = gained;
    }
  }

  /** One request: decides from the response headers whether to append, restart or fail. */
  private static final class Attempt implements HttpResponse.BodyHandler<Long> {
    private final DownloadSpec spec;
    private final Path part;
    private final long have;
    private final PrintStream log;
    private final String name;
    private volatile PartFileSubscriber body;
    private volatile long total = -1;
    private volatile boolean resumed;
    private volatile boolean unusableRange;

    Attempt(DownloadSpec spec, Path part, long have, PrintStream log) {
      this.spec = spec;
      this.part = part;
      this.have = have;
      this.log = log;
      this.name = spec.archiveName();
    }

    @Override
    public HttpResponse.BodySubscriber<Long> apply(HttpResponse.ResponseInfo info) {
      int status = info.statusCode();
      long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      Optional<ContentRange> range =
          ContentRange.parse(info.headers().firstValue("Content-Range").orElse(null));
      if (status == 200) {
        total = length;
        body = new PartFileSubscriber(part, false);
        return body;
      }
      if (status == 206 && range.isPresent() && range.get().start() == have) {
        resumed = true;
        total = range.get().total() >= 0 ? range.get().total()
            : length >= 0 ? have + length : -1;
        body = new PartFileSubscriber(part, true);
        return body;
      }
      if (status == 206 || status == 416) {
        unusableRange = true;
        total = range.map(ContentRange::total).orElse(-1L);
      }
      return HttpResponse.BodySubscribers.replacing(-1L);
    }

    /** True when the part file now holds the whole download; false to start a new request. */
    boolean run(HttpClient client) throws IOException {
      HttpRequest.Builder request = HttpRequest.newBuilder(spec.url())
          .timeout(spec.requestTimeout())
          .header("User-Agent", "lshbench")
          .GET();
      if (have > 0) {
        request.header("Range", "bytes=" + have + "-");
      }
      long started = System.nanoTime();
      CompletableFuture<HttpResponse<Long>> future =
          client.sendAsync(request.build(), this);
      HttpResponse<Long> response = await(future, started);
      int status = response.statusCode();
      if (body == null && !unusableRange) {
        throw new IOException("HTTP " + status + " from " + response.uri() + "; nothing downloaded");
      }
      if (unusableRange) {
        if (status == 416 && total == have) {
          log.println(name + ": the part file already holds all " + have + " bytes");
          return true;
        }
        log.println(name + ": the server answered HTTP " + status + " to a resume from byte "
            + have + "; starting again from byte 0");
        Files.deleteIfExists(part);
        return false;
      }
      if (have > 0 && !resumed) {
        log.println(name + ": the server does not resume (HTTP 200 to a Range request); "
            + "downloaded again from byte 0");
      }
      long size = Files.size(part);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (total >= 0 && size != total) {
        throw new Interrupted(name + ": the server ended the body at " + size + " of " + total
            + " bytes", body.received(), null);
      }
      log.println(String.format(Locale.ROOT, "downloaded %s: %d bytes%s in %.1f s", name, size,
          resumed ? " (resumed from byte " + have + ")" : "", seconds));
      return true;
    }

    /** Waits for the transfer, printing progress about once a second and aborting a stall. */
    private HttpResponse<Long> await(CompletableFuture<HttpResponse<Long>> future, long started)
        throws IOException {
      long stallNanos = spec.stallTimeout().toNanos();
      long pollMillis = Math.max(20, Math.min(1000, spec.stallTimeout().toMillis() / 4));
      long lastPrint = started;
      long lastCount = -1;
      long lastChange = started;
      boolean stalled = false;
      while (true) {
        try {
          HttpResponse<Long> response = future.get(pollMillis, TimeUnit.MILLISECONDS);
          return response;
        } catch (TimeoutException e) {
          PartFileSubscriber b = body;
          if (b == null) {
            continue; // no headers yet: the request timeout covers this wait
          }
          long now = System.nanoTime();
          long count = b.received();
          if (count != lastCount) {
            lastCount = count;
            lastChange = now;
          } else if (now - lastChange > stallNanos && !stalled) {
            stalled = true;
            b.abort(new IOException("stalled: no data for " + spec.stallTimeout().toMillis() + " ms"));
          }
          if (now - lastPrint >= 1_000_000_000L) {
            lastPrint = now;
            log.println(new TransferProgress(name, resumed ? have : 0, total)
                .line(count, now - started));
          }
        } catch (ExecutionException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          throw failure(cause);
        } catch (InterruptedException e) {
          future.cancel(true);
          PartFileSubscriber b = body;
          if (b != null) {
            b.abort(new InterruptedIOException("interrupted"));
          }
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("download of " + name + " interrupted");
        }
      }
    }

    private IOException failure(Throwable cause) {
      String host = spec.url().getHost()
          + (spec.url().getPort() >= 0 ? ":" + spec.url().getPort() : "");
      if (cause instanceof HttpConnectTimeoutException) {
        return new IOException("cannot connect to " + host + " within "
            + spec.connectTimeout().toSeconds() + " s", cause);
      }
      if (cause instanceof HttpTimeoutException) {
        return new IOException("no response from " + spec.url() + " within "
            + spec.requestTimeout().toSeconds() + " s", cause);
      }
      if (cause instanceof ConnectException) {
        return new IOException("cannot connect to " + host + " (" + oneLine(cause) + ")", cause);
      }
      PartFileSubscriber b = body;
      if (b == null) {
        return new IOException("request to " + spec.url() + " failed: " + oneLine(cause), cause);
      }
      long size = part.toFile().length();
      return new Interrupted(name + ": connection lost after " + size + " bytes"
          + (total >= 0 ? " of " + total : "") + " (" + oneLine(cause) + ")", b.received(),
          cause);
    }
  }

  /** Checks the SHA-256, or prints it when none is expected; a mismatch deletes the file. */
  private static void verify(Path file, DownloadSpec spec, PrintStream log) throws IOException {
    String actual = Sha256.ofFile(file);
    String expected = spec.sha256();
    if (expected == null) {
      log.println("SHA-256 of " + spec.archiveName() + ": " + actual
          + " (NOT verified: no expected checksum was given)");
      return;
    }
    if (!expected.equals(actual)) {
      Files.delete(file);
      throw new IOException("SHA-256 mismatch for " + spec.archiveName() + ": expected "
          + expected + ", got " + actual + "; the download was deleted");
    }
    log.println("SHA-256 of " + spec.archiveName() + " verified: " + actual);
  }

  /** Unpacks in a hidden folder of the destination, then renames the wanted folder into place. */
  private static void install(Path archive, DownloadSpec spec, PrintStream log)
      throws IOException {
    Path work = Files.createTempDirectory(spec.destination(), ".unpack-");
    try {
      Path found = new ArchiveUnpacker(log).unpackUntilFound(archive, work, spec.folder());
      move(found, spec.target());
    } catch (IOException e) {
      throw new IOException("cannot unpack " + archive.getFileName() + ": " + oneLine(e), e);
    } finally {
      deleteTree(work);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot rename " + from + " to " + to + " atomically", e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /** A throwable's message on one line, or its type when it has none. */
  static String oneLine(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      m = t.getClass().getSimpleName();
    }
    return m.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
