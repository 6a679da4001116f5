package lshbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyntheticGeneratorTest {
  @Test
  void caltechShapeHasCaltechClassSizes() {
    SyntheticSpec spec = SyntheticSpec.caltech101(8, 4, 1, 0.1, 1);
    assertEquals(101, spec.classSizes().length);
    assertEquals(8677, spec.size());
    Dataset d = SyntheticGenerator.generate(spec);
    int airplanes = java.util.Arrays.asList(spec.classNames()).indexOf("airplanes");
    long count = java.util.stream.IntStream.range(0, d.size()).filter(i -> d.label(i) == airplanes).count();
    assertEquals(800, count);
    assertTrue(d.provenance().synthetic());
    assertTrue(d.provenance().headline().startsWith("SYNTHETIC"));
  }

  @Test
  void sameSeedSameVectorsAndTheyLookLikeReluFeatures() {
    SyntheticSpec spec = new SyntheticSpec(new String[] {"a", "b"}, new int[] {30, 20}, 256, 16, 1, 0.1, 5);
    Dataset a = SyntheticGenerator.generate(spec);
    Dataset b = SyntheticGenerator.generate(spec);
    assertEquals(a.fingerprint(), b.fingerprint());
    Dataset c = SyntheticGenerator.generate(
        new SyntheticSpec(new String[] {"a", "b"}, new int[] {30, 20}, 256, 16, 1, 0.1, 6));
    assertNotEquals(a.fingerprint(), c.fingerprint());
    int zeros = 0;
    for (float v : a.vectors()) {
      assertTrue(v >= 0);
      if (v == 0) {
        zeros++;
      }
    }
    double share = (double) zeros / a.vectors().length;
    assertTrue(share > 0.3 && share < 0.8, "share of zeros " + share);
  }
}
