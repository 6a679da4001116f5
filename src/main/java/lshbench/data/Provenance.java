package lshbench.data;

/**
 * Where a dataset's vectors came from, carried into every CSV row, plot title and summary so
 * that nobody mistakes synthetic vectors or a random-weights network for a real embedding.
 *
 * @param source what produced the vectors: {@code synthetic}, {@code file}, {@code fvecs},
 *     {@code tsv}, or an embedding model run
 * @param model the model that embedded the images, or a phrase saying there was none
 * @param detail the generator and its seed, or the file path, in one line
 * @param synthetic true when the vectors were generated rather than measured
 */
public record Provenance(String source, String model, String detail, boolean synthetic) {
  public Provenance {
    if (source.isBlank() || model.isBlank()) {
      throw new IllegalArgumentException("provenance needs a source and a model");
    }
  }

  /** A one-line statement for titles and summaries, loud about synthetic data. */
  public String headline() {
    return synthetic ? "SYNTHETIC vectors (" + detail + ")" : model + " [" + source + "]";
  }
}
