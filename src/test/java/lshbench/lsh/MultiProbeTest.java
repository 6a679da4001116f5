package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import lshbench.data.Dataset;
import org.junit.jupiter.api.Test;

class MultiProbeTest {
  private final Dataset data = TestData.gaussian(3000, 40, 21);
  private final int[] members = TestData.range(0, 3000);

  @Test
  void zeroProbesIsPlainLshExactly() {
    HyperplaneBank bank = new HyperplaneBank(40, 10, 6, 5, HyperplaneBank.mean(data, members));
    long[] sig = bank.signatures(data, members, 2);
    BucketTable[] tables = LshIndex.buildTables(bank, sig, members, 10, 6);
    LshIndex plain = new LshIndex(data, members.length, bank, 10, tables);
    LshIndex probed = new LshIndex(data, members.length, bank, 10, tables, 0);
    Dataset queries = TestData.gaussian(30, 40, 8);
    for (int q = 0; q < 30; q++) {
      float[] query = queries.vector(q);
      assertArrayEquals(plain.candidates(query), probed.candidates(query));
      assertArrayEquals(plain.search(query, 10).ids(), probed.search(query, 10).ids());
    }
  }

  @Test
  void moreProbesFindASupersetAndMoreRecall() {
    Dataset queries = TestData.gaussian(40, 40, 9);
    ExactIndex exact = new ExactIndex(data, members);
    double[] recall = new double[3];
    int[] probes = {0, 3, 12};
    for (int i = 0; i < probes.length; i++) {
      LshIndex index = LshIndex.builder().bitsPerTable(12).tables(4).probes(probes[i]).seed(2)
          .build(data, members);
      LshIndex plain = LshIndex.builder().bitsPerTable(12).tables(4).seed(2).build(data, members);
      for (int q = 0; q < 40; q++) {
        float[] query = queries.vector(q);
        Set<Integer> got = new HashSet<>();
        Arrays.stream(index.candidates(query)).forEach(got::add);
        for (int c : plain.candidates(query)) {
          assertTrue(got.contains(c), "probing loses no plain candidate");
        }
        Set<Integer> found = new HashSet<>();
        Arrays.stream(index.search(query, 10).ids()).forEach(found::add);
        for (int id : exact.search(query, 10).ids()) {
          recall[i] += found.contains(id) ? 1.0 / 400 : 0;
        }
      }
    }
    assertTrue(recall[1] > recall[0] && recall[2] > recall[1], Arrays.toString(recall));
  }

  @Test
  void probesComeInOrderOfFlippedMarginsAndCoverEveryKeyOnce() {
    ProbeSequence seq = new ProbeSequence(7);
    double[] margins = {0.5, 0.1, 0.3};
    long[] out = new long[7];
    int n = seq.probes(0b101L, margins, 3, 7, out);
    assertEquals(7, n);
    // Scores: {1}=.01 {2}=.09 {1,2}=.10 {0}=.25 {0,1}=.26 {0,2}=.34 {0,1,2}=.35 (bit sets flipped)
    long[] expected = {0b111L, 0b001L, 0b011L, 0b100L, 0b110L, 0b000L, 0b010L};
    assertArrayEquals(expected, out);
    assertEquals(3, seq.probes(0b1L, new double[] {1, 2}, 2, 7, out), "2 bits: only 3 other keys");
  }
}
