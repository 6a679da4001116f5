package lshbench.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import lshbench.data.Dataset;
import lshbench.experiment.DedupConfig;
import lshbench.experiment.PairStages;
import lshbench.experiment.SecondStage;
import lshbench.features.FeatureCache;
import lshbench.features.LocalFeatures;
import lshbench.features.OrbExtractor;
import lshbench.features.Verification;
import lshbench.lsh.HyperplaneBank;
import lshbench.lsh.NearPairs;
import lshbench.vector.VectorOps;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The near-duplicate finder's two pair stages as Spark jobs, with the core's code inside the
 * tasks.
 *
 * <p>Stage 1: the L2-normalised embeddings go out once as a broadcast; each task hashes a block
 * of rows with the core's {@link HyperplaneBank} (drawn in the task from the finder's k, L, seed
 * and the data mean, the same functions the local index draws) into ((table, key), row)
 * records. Without probes, a grouping by bucket is the self-join: every two rows of a bucket
 * form a pair, compared in the bucket's task unless their keys (carried with each record) met in
 * an earlier table, so each pair is compared exactly once, as locally, and no pair is shuffled.
 * With probes, each row's probe keys (the core's {@code queryKeys}) are joined with the rows'
 * own keys, as the local finder queries its index with every row, and {@code distinct} makes
 * each (query, item) pair one comparison. The count of comparisons is the local finder's
 * "exact distance computations"; the exact cosine distance (the core's kernel) keeps the pairs
 * within the threshold, and a grouping by row keeps each row's {@code candidates.max} nearest
 * (distance, then pair order: {@link NearPairs#nearestPerRow}).
 *
 * <p>Stage 2: one job extracts the keypoints of every image with a candidate, each image once
 * (read from the keypoint cache when it is there, else extracted and written to it); a second
 * job checks the candidate pairs in blocks, each task reading the keypoints of its blocks'
 * images from the cache, so no keypoints are shuffled. The photos folder and {@code cache.dir}
 * must therefore be readable (the cache writable) at the same paths on every executor: one
 * machine, or a shared file system on a cluster.
 *
 * <p>Groups are not computed here: the verified pairs come back to the driver, which writes
 * them to pairs.csv anyway, and the core joins them by union-find and applies the keep rule
 * (which reads the files) exactly as on the local engine.
 */
final class SparkPairStages implements PairStages {
  private final PrintStream log;
  private SparkSession spark;

  SparkPairStages(PrintStream log) {
    this.log = log;
  }

  /** The session, started on first use (so refusals before the stages cost no start). */
  private synchronized JavaSparkContext context() {
    if (spark == null) {
      spark = SparkSessions.shared(log);
    }
    return JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  private int slices(JavaSparkContext sc) {
    return Math.max(2, sc.defaultParallelism());
  }

  @Override
  public String describe(DedupConfig config) {
    JavaSparkContext sc = context();
    return "Spark " + sc.master() + " (" + sc.defaultParallelism() + " task slots)";
  }

  @Override
  public NearPairs candidates(DedupConfig config, Dataset unit, PrintStream log) {
    JavaSparkContext sc = context();
    long t0 = System.nanoTime();
    int n = unit.size();
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    float[] mean = config.center() ? HyperplaneBank.mean(unit, all) : null;
    Broadcast<UnitRows> rows = sc.broadcast(new UnitRows(unit));
    Broadcast<Planes> planes = sc.broadcast(new Planes(unit.dim(), config.k(), config.l(),
        config.seed(), mean));
    int k = config.k();
    int tables = config.l();
    int probes = config.probes();
    double threshold = config.threshold();
    int perRow = config.stage2().candidatesPerImage();
    int slices = slices(sc);
    List<int[]> blocks = SparkGroundTruth.blocks(all, SparkSweep.blockSize(n, slices));
    JavaRDD<int[]> rowBlocks = sc.parallelize(blocks, blocks.size());
    JavaPairRDD<Long, Float> near;
    long comparisons;
    JavaRDD<?> persisted;
    if (probes == 0) {
      // The self-join: each row's key in each table, with its keys in the earlier tables, so a
      // bucket's task skips a pair that already met in an earlier table (the local finder's
      // rule): each pair is compared exactly once, in its first shared table, with no shuffle
      // of pairs.
      JavaRDD<NearChunk> chunks = rowBlocks.flatMapToPair(block -> {
        HyperplaneBank bank = planes.value().bank();
        long[] sig = bank.signatures(rows.value().dataset(), block, 1);
        long mask = bank.mask(k);
        List<Tuple2<Tuple2<Integer, Long>, Tuple2<Integer, long[]>>> out =
            new ArrayList<>(block.length * tables);
        for (int i = 0; i < block.length; i++) {
          long[] keys = new long[tables];
          for (int t = 0; t < tables; t++) {
            keys[t] = sig[i * tables + t] & mask;
          }
          for (int t = 0; t < tables; t++) {
            out.add(new Tuple2<>(new Tuple2<>(t, keys[t]),
                new Tuple2<>(block[i], Arrays.copyOf(keys, t))));
          }
        }
        return out.iterator();
      }).groupByKey().mapPartitions(buckets -> {
        Dataset d = rows.value().dataset();
        float[] v = d.vectors();
        int dim = d.dim();
        NearChunk chunk = new NearChunk();
        while (buckets.hasNext()) {
          List<Tuple2<Integer, long[]>> members = new ArrayList<>();
          buckets.next()._2().forEach(members::add);
          for (int x = 0; x < members.size(); x++) {
            for (int y = x + 1; y < members.size(); y++) {
              long[] earlierX = members.get(x)._2();
              long[] earlierY = members.get(y)._2();
              if (sharedEarlier(earlierX, earlierY)) {
                continue;
              }
              int a = Math.min(members.get(x)._1(), members.get(y)._1());
              int b = Math.max(members.get(x)._1(), members.get(y)._1());
              chunk.compared++;
              float dist = 1f - VectorOps.dot(v, a * dim, v, b * dim, dim);
              if (dist <= threshold) {
                chunk.add(NearPairs.key(a, b), dist);
              }
            }
          }
        }
        return List.of(chunk).iterator();
      }).persist(StorageLevel.MEMORY_AND_DISK());
      persisted = chunks;
      comparisons = chunks.map(c -> c.compared).reduce(Long::sum);
      near = chunks.flatMapToPair(c -> {
        List<Tuple2<Long, Float>> out = new ArrayList<>(c.size);
        for (int i = 0; i < c.size; i++) {
          out.add(new Tuple2<>(c.keys[i], c.distances[i]));
        }
        return out.iterator();
      });
    } else {
      // With probes every row queries the tables with its probe keys (the core's queryKeys), as
      // the local finder queries its index; probing is not symmetric, so the (query, item)
      // pairs are ordered and made distinct before they are compared.
      JavaPairRDD<Tuple2<Integer, Long>, Integer> keyed = rowBlocks.flatMapToPair(block -> {
        HyperplaneBank bank = planes.value().bank();
        long[] sig = bank.signatures(rows.value().dataset(), block, 1);
        long mask = bank.mask(k);
        List<Tuple2<Tuple2<Integer, Long>, Integer>> out = new ArrayList<>(block.length * tables);
        for (int i = 0; i < block.length; i++) {
          for (int t = 0; t < tables; t++) {
            out.add(new Tuple2<>(new Tuple2<>(t, sig[i * tables + t] & mask), block[i]));
          }
        }
        return out.iterator();
      });
      JavaPairRDD<Tuple2<Integer, Long>, Integer> visits = rowBlocks.flatMapToPair(block -> {
        HyperplaneBank bank = planes.value().bank();
        Dataset d = rows.value().dataset();
        long[] keys = new long[tables * (1 + probes)];
        int[] tableOf = new int[keys.length];
        float[] query = new float[d.dim()];
        List<Tuple2<Tuple2<Integer, Long>, Integer>> out = new ArrayList<>();
        for (int q : block) {
          System.arraycopy(d.vectors(), d.offset(q), query, 0, query.length);
          int count = bank.queryKeys(query, k, tables, probes, keys, tableOf);
          for (int i = 0; i < count; i++) {
            out.add(new Tuple2<>(new Tuple2<>(tableOf[i], keys[i]), q));
          }
        }
        return out.iterator();
      });
      JavaRDD<Long> compared = keyed.join(visits)
          .map(j -> (long) j._2()._2() << 32 | j._2()._1())
          .filter(p -> (int) (p >>> 32) != (int) (long) p)
          .distinct()
          .persist(StorageLevel.MEMORY_AND_DISK());
      persisted = compared;
      comparisons = compared.count();
      // The exact distance, smaller row first as the local finder computes it; each pair once.
      near = compared.mapPartitionsToPair(it -> {
        Dataset d = rows.value().dataset();
        float[] v = d.vectors();
        int dim = d.dim();
        List<Tuple2<Long, Float>> out = new ArrayList<>();
        while (it.hasNext()) {
          long p = it.next();
          int a = Math.min((int) (p >>> 32), (int) p);
          int b = Math.max((int) (p >>> 32), (int) p);
          float dist = 1f - VectorOps.dot(v, a * dim, v, b * dim, dim);
          if (dist <= threshold) {
            out.add(new Tuple2<>(NearPairs.key(a, b), dist));
          }
        }
        return out.iterator();
      }).reduceByKey((x, y) -> x);
    }
    // Each row's m nearest, ties to the lower pair (the core's order), then each pair once.
    List<Tuple2<Long, Float>> kept = near.flatMapToPair(p -> List.of(
            new Tuple2<>((int) (p._1() >>> 32), p), new Tuple2<>((int) (long) p._1(), p))
            .iterator())
        .groupByKey()
        .flatMap(row -> {
          List<Tuple2<Long, Float>> ps = new ArrayList<>();
          row._2().forEach(ps::add);
          ps.sort((x, y) -> !x._2().equals(y._2()) ? Float.compare(x._2(), y._2())
              : Long.compare(x._1(), y._1()));
          return ps.subList(0, Math.min(perRow, ps.size())).iterator();
        })
        .mapToPair(p -> p)
        .reduceByKey((x, y) -> x)
        .collect();
    persisted.unpersist(false);
    rows.destroy();
    planes.destroy();
    int[] first = new int[kept.size()];
    int[] second = new int[kept.size()];
    float[] distance = new float[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      long p = kept.get(i)._1();
      first[i] = (int) (p >>> 32);
      second[i] = (int) p;
      distance[i] = kept.get(i)._2();
    }
    log.printf(Locale.ROOT, "[spark] stage 1: %d rows into %d tables in %d tasks, %d pairs "
        + "compared, %d candidates kept (%.1f s)%n", n, tables, blocks.size(), comparisons,
        kept.size(), (System.nanoTime() - t0) / 1e9);
    return NearPairs.of(first, second, distance, comparisons);
  }

  /** Whether two rows' keys met in one of the tables before this one. */
  private static boolean sharedEarlier(long[] a, long[] b) {
    for (int s = 0; s < a.length; s++) {
      if (a[s] == b[s]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public SecondStage.Result verify(DedupConfig config, Dataset data, NearPairs candidates,
      PrintStream log) throws IOException {
    JavaSparkContext sc = context();
    int slices = slices(sc);
    Stage2Recipe recipe = new Stage2Recipe(config);
    boolean[] needed = new boolean[data.size()];
    for (int p = 0; p < candidates.size(); p++) {
      needed[candidates.first(p)] = true;
      needed[candidates.second(p)] = true;
    }
    List<Tuple2<Integer, String>> images = new ArrayList<>();
    for (int r = 0; r < needed.length; r++) {
      if (needed[r]) {
        images.add(new Tuple2<>(r, data.id(r)));
      }
    }
    long k0 = System.nanoTime();
    // Each image once: the cache's entry, or extracted now and written to the cache.
    List<Tuple2<Integer, String>> outcomes = images.isEmpty() ? List.of()
        : sc.parallelize(images, Math.min(images.size(), 2 * slices)).mapPartitions(it -> {
          OrbExtractor extractor = recipe.extractor();
          FeatureCache cache = recipe.cache();
          List<Tuple2<Integer, String>> out = new ArrayList<>();
          while (it.hasNext()) {
            Tuple2<Integer, String> image = it.next();
            String failure = null;
            try {
              failure = cache.readOrExtract(recipe.file(image._2()), extractor).extracted()
                  ? "" : null;
            } catch (IOException e) {
              failure = image._2() + ": " + e.getMessage();
            }
            if (failure != null) {
              out.add(new Tuple2<>(image._1(), failure));
            }
          }
          return out.iterator();
        }).collect();
    int extracted = 0;
    for (Tuple2<Integer, String> o : outcomes) {
      if (o._2().isEmpty()) {
        extracted++;
      } else {
        log.println("[keypoints] " + o._2() + "; not verified");
      }
    }
    double keypointSeconds = (System.nanoTime() - k0) / 1e9;
    log.printf(Locale.ROOT, "[spark] keypoints: %d images with a candidate: %d extracted, %d "
        + "from the cache, %.1f s%n", images.size(), extracted, images.size() - extracted,
        keypointSeconds);

    long v0 = System.nanoTime();
    List<PairBlock> blocks = PairBlock.split(candidates, data, 8 * slices);
    List<Tuple2<Integer, double[]>> done = blocks.isEmpty() ? List.of()
        : sc.parallelize(blocks, blocks.size()).map(b -> new Tuple2<>(b.start(),
            b.verify(recipe))).collect();
    Verification[] checks = new Verification[candidates.size()];
    for (Tuple2<Integer, double[]> b : done) {
      PairBlock.decode(b._2(), checks, b._1());
    }
    double verifySeconds = (System.nanoTime() - v0) / 1e9;
    int passed = 0;
    for (Verification v : checks) {
      passed += v.passed() ? 1 : 0;
    }
    log.printf(Locale.ROOT, "[spark] verify: %d candidate pairs checked in %d tasks, %d pass "
        + "(%s), %.1f s%n", checks.length, blocks.size(), passed, recipe.verifier().describe(),
        verifySeconds);

    // The groups' own checks (a member against its keep image) run on the driver: it needs the
    // keypoints of the images in a verified pair, read back from the cache the tasks filled.
    long g0 = System.nanoTime();
    boolean[] inPair = new boolean[data.size()];
    for (int p = 0; p < checks.length; p++) {
      if (checks[p].passed()) {
        inPair[candidates.first(p)] = true;
        inPair[candidates.second(p)] = true;
      }
    }
    int[] grouped = java.util.stream.IntStream.range(0, inPair.length).filter(r -> inPair[r])
        .toArray();
    OrbExtractor extractor = recipe.extractor();
    SecondStage driver = new SecondStage(config.photos(), extractor,
        new FeatureCache(config.cacheDir(), extractor.describe(), log), recipe.verifier(),
        config.threads(), log);
    LocalFeatures[] features = driver.keypoints(data, grouped, new AtomicInteger());
    log.printf(Locale.ROOT, "[spark] keypoints of the %d images in a verified pair read back "
        + "on the driver for the groups (%.1f s)%n", grouped.length,
        (System.nanoTime() - g0) / 1e9);
    return new SecondStage.Result(features, checks, images.size(), extracted, keypointSeconds,
        verifySeconds);
  }
}
