package lshbench.data.download;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a response body to the {@code .part} file as it arrives, appending for a resumed
 * range, and counts the bytes for the progress line. Bytes reach the disk before the next
 * buffer is requested, so whatever survives a dropped connection is a valid prefix to resume
 * from.
 *
 * <p>{@link #abort} exists because HttpClient has no read timeout: the downloader cancels the
 * subscription itself when the body stalls.
 */
final class PartFileSubscriber implements HttpResponse.BodySubscriber<Long> {
  private final Path part;
  private final boolean append;
  private final AtomicLong received = new AtomicLong();
  private final CompletableFuture<Long> result = new CompletableFuture<>();
  private Flow.Subscription subscription;
  private FileChannel channel;

  PartFileSubscriber(Path part, boolean append) {
    this.part = part;
    this.append = append;
  }

  /** Bytes of this response written so far. */
  long received() {
    return received.get();
  }

  @Override
  public synchronized void onSubscribe(Flow.Subscription s) {
    subscription = s;
    try {
      channel = append
          ? FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)
          : FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      fail(new IOException("cannot write " + part + ": " + e.getMessage(), e));
      return;
    }
    s.request(1);
  }

  @Override
  public synchronized void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    try {
      for (ByteBuffer b : buffers) {
        while (b.hasRemaining()) {
          received.addAndGet(channel.write(b));
        }
      }
    } catch (IOException e) {
      fail(new IOException("cannot write " + part + ": " + e.getMessage(), e));
      return;
    }
    subscription.request(1);
  }

  @Override
  public synchronized void onError(Throwable t) {
    closeChannel();
    result.completeExceptionally(t);
  }

  @Override
  public synchronized void onComplete() {
    try {
      if (channel != null) {
        channel.close();
      }
      result.complete(received.get());
    } catch (IOException e) {
      result.completeExceptionally(e);
    }
  }

  /** Stops the transfer; the bytes already written stay in the part file. */
  synchronized void abort(IOException reason) {
    fail(reason);
  }

  @Override
  public CompletionStage<Long> getBody() {
    return result;
  }

  private void fail(IOException reason) {
    if (subscription != null) {
      subscription.cancel();
    }
    closeChannel();
    result.completeExceptionally(reason);
  }

  private void closeChannel() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // the transfer has already failed; its reason is the one worth reporting
    }
  }
}
