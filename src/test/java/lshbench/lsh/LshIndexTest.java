package lshbench.lsh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import lshbench.data.Dataset;
import org.junit.jupiter.api.Test;

class LshIndexTest {
  private final Dataset data = TestData.gaussian(2000, 48, 5);
  private final int[] members = TestData.range(0, 2000);

  @Test
  void anIndexedItemAlwaysFindsItselfAtDistanceZero() {
    LshIndex index = LshIndex.builder().bitsPerTable(16).tables(4).seed(3).build(data, members);
    for (int i = 0; i < 2000; i += 97) {
      Neighbours n = index.search(data.vector(i), 5);
      assertEquals(i, n.ids()[0]);
      assertEquals(0f, n.distances()[0]);
    }
  }

  @Test
  void candidatesAreDistinctAndTheAnswerIsTheirExactTopN() {
    LshIndex index = LshIndex.builder().bitsPerTable(6).tables(8).seed(9).build(data, members);
    float[] q = TestData.gaussian(1, 48, 77).vector(0);
    int[] cands = index.candidates(q);
    Set<Integer> unique = new HashSet<>();
    for (int c : cands) {
      assertTrue(unique.add(c), "duplicate candidate " + c);
    }
    ExactIndex exactOverCandidates = new ExactIndex(data, cands);
    Neighbours lsh = index.search(q, 10);
    assertArrayEquals(exactOverCandidates.search(q, 10).ids(), lsh.ids());
    assertEquals(cands.length, lsh.candidates());
  }

  @Test
  void fewBitsAndManyTablesFindAlmostEverything() {
    LshIndex index = LshIndex.builder().bitsPerTable(2).tables(32).seed(1).build(data, members);
    ExactIndex exact = new ExactIndex(data, members);
    float[] q = TestData.gaussian(1, 48, 123).vector(0);
    assertArrayEquals(exact.search(q, 10).ids(), index.search(q, 10).ids());
  }

  @Test
  void recallGrowsWithTablesAndFallsWithBits() {
    double fewTables = meanCandidates(12, 2);
    double manyTables = meanCandidates(12, 16);
    double moreBits = meanCandidates(20, 16);
    assertTrue(manyTables > fewTables, manyTables + " > " + fewTables);
    assertTrue(moreBits < manyTables, moreBits + " < " + manyTables);
  }

  private double meanCandidates(int k, int l) {
    LshIndex index = LshIndex.builder().bitsPerTable(k).tables(l).seed(4).build(data, members);
    Dataset queries = TestData.gaussian(50, 48, 999);
    return Arrays.stream(TestData.range(0, 50))
        .map(i -> index.candidates(queries.vector(i)).length).average().orElse(0);
  }

  @Test
  void sameSeedSameIndexDifferentSeedDifferentIndex() {
    float[] q = data.vector(3);
    int[] a = LshIndex.builder().bitsPerTable(10).tables(3).seed(8).build(data, members).candidates(q);
    int[] b = LshIndex.builder().bitsPerTable(10).tables(3).seed(8).build(data, members).candidates(q);
    int[] c = LshIndex.builder().bitsPerTable(10).tables(3).seed(9).build(data, members).candidates(q);
    assertArrayEquals(a, b);
    assertTrue(!Arrays.equals(a, c));
  }

  @Test
  void invalidParametersAreNamed() {
    assertEquals("k must be in 1..64, got 0", assertThrows(IllegalArgumentException.class,
        () -> LshIndex.builder().bitsPerTable(0)).getMessage());
    assertEquals("k must be in 1..64, got 65", assertThrows(IllegalArgumentException.class,
        () -> LshIndex.builder().bitsPerTable(65)).getMessage());
    assertEquals("L must be positive, got 0", assertThrows(IllegalArgumentException.class,
        () -> LshIndex.builder().tables(0)).getMessage());
  }

  @Test
  void memoryIsCountedFromTheArrays() {
    LshIndex index = LshIndex.builder().bitsPerTable(8).tables(4).seed(1).build(data, members);
    long planes = 4L * 8 * 4 * (48 + 1);
    long ids = 4L * 2000 * 4;
    assertTrue(index.memoryBytes() > planes + ids);
    // per table: 12 bytes a bucket (key, offset), the directory's ≤ 2 and two end entries
    assertTrue(index.memoryBytes() < planes + ids + 4 * (256 * 14 + 8));
  }
}
