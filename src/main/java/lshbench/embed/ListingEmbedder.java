package lshbench.embed;

import java.io.IOException;
import java.io.PrintStream;
import lshbench.data.images.ImageListing;

/**
 * Where a listing's images become vectors. {@link ImageEmbedding} scans, keys the cache, and
 * stores the result whoever computed it, so every engine (this process, or Spark's partitions)
 * shares one cache entry per key and reports skipped files alike.
 */
public interface ListingEmbedder {
  /**
   * The vectors of every image of {@code listing} that decodes, and why each other one was left
   * out.
   *
   * @param modelSha256 the model file's SHA-256, already computed for the cache key
   * @param chunks finished chunks of an interrupted run, and where to keep new ones
   */
  Computed embed(ImageListing listing, ImageEmbeddingSpec spec, String modelSha256,
      EmbeddingPipeline.ChunkStore chunks, PrintStream log) throws IOException;

  /** What an engine computed and the model's provenance line ({@link Embedder#provenance}). */
  record Computed(EmbeddingPipeline.Outcome outcome, String provenance) {}

  /** This process: the decode pool and one model thread of {@link EmbeddingPipeline}. */
  ListingEmbedder LOCAL = (listing, spec, modelSha256, chunks, log) -> {
    try (TorchScriptEmbedder embedder = TorchScriptEmbedder.load(spec.modelPath(),
        spec.modelName(), spec.preprocessing(), modelSha256)) {
      EmbeddingPipeline pipeline = new EmbeddingPipeline(embedder, spec.batchSize(),
          ImageEmbedding.CHUNK_SIZE, log);
      return new Computed(pipeline.run(listing, chunks), embedder.provenance());
    }
  };
}
