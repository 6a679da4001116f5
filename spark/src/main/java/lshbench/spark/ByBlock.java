package lshbench.spark;

import org.apache.spark.Partitioner;
import scala.Tuple2;

/**
 * Sends a (query, item) pair to the partition of the item's member block (the item is
 * {@code block << 32 | index}), so the pair meets the item's vector without moving the block.
 */
final class ByBlock extends Partitioner {
  private static final long serialVersionUID = 1L;

  private final int blocks;

  ByBlock(int blocks) {
    this.blocks = blocks;
  }

  @Override
  public int numPartitions() {
    return blocks;
  }

  @Override
  public int getPartition(Object key) {
    @SuppressWarnings("unchecked")
    Tuple2<Integer, Long> pair = (Tuple2<Integer, Long>) key;
    return (int) (pair._2() >>> 32);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByBlock b && b.blocks == blocks;
  }

  @Override
  public int hashCode() {
    return blocks;
  }
}
