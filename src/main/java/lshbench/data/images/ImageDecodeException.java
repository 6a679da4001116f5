package lshbench.data.images;

import java.io.IOException;

/** A file that looked like an image but could not be decoded; the message is the skip reason. */
public final class ImageDecodeException extends IOException {
  public ImageDecodeException(String reason) {
    super(reason);
  }

  public ImageDecodeException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
