package lshbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import lshbench.vector.VectorOps;
import org.junit.jupiter.api.Test;

class ClusterGeneratorTest {
  @Test
  void pointsAreUnitVectorsAndSmallerSetsArePrefixesOfLargerOnes() {
    Dataset small = ClusterGenerator.generate(new ClusterSpec(10, 200, 16, 0.5, 3));
    Dataset large = ClusterGenerator.generate(new ClusterSpec(10, 1000, 16, 0.5, 3));
    assertArrayEquals(small.vectors(), Arrays.copyOf(large.vectors(), 200 * 16));
    assertArrayEquals(small.vectors(), large.prefix(200).vectors());
    assertEquals(small.label(17), large.label(17));
    for (int i = 0; i < 1000; i += 37) {
      assertEquals(1.0, VectorOps.norm(large.vectors(), i * 16, 16), 1e-5);
    }
    assertEquals("first 200 of " + large.provenance().detail(), large.prefix(200).provenance().detail());
  }
}
