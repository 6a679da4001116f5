package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import lshbench.lsh.NearPairs;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's source screen sets aside only pairs between the families of two pooled files
 * that are one photo: never a true pair, never a pair whose sources were not found to match.
 */
class SourceScreenTest {
  // rows: 0 original A, 1 copy of A, 2 distractor D (the same photo as A), 3 a row without a
  // source, 4 distractor E (unrelated), 5 original B, 6 copy of B
  private final int[] cluster = {0, 0, 0, -1, -1, -1, -1};
  private final Set<Long> truth = Set.of(NearPairs.key(0, 1), NearPairs.key(5, 6));
  private final DedupStages.Screen screen = new DedupStages.Screen(3, 1, 1, cluster, truth);

  @Test
  void pairsAcrossOnePooledPhotoAreSetAside() {
    assertTrue(screen.aside(NearPairs.key(0, 2)), "original ~ its pooled duplicate");
    assertTrue(screen.aside(NearPairs.key(1, 2)), "a copy ~ the original's pooled duplicate");
  }

  @Test
  void truePairsAndUnscreenedPairsCount() {
    assertFalse(screen.aside(NearPairs.key(0, 1)), "a true pair is never set aside");
    assertFalse(screen.aside(NearPairs.key(2, 4)), "an unrelated distractor stays false");
    assertFalse(screen.aside(NearPairs.key(1, 6)), "two families without a pooled match");
    assertFalse(screen.aside(NearPairs.key(3, 4)), "rows without a source");
  }
}
