package lshbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbeLadderTest {
  @Test
  void skipsOnlyLargerRungsOfTheKindAndKeepThatReachedTheCeiling() {
    ProbeLadder ladder = new ProbeLadder(0.95);
    ladder.measured(0, 500, 0, 0.94);
    assertFalse(ladder.beyond(0, 1000, 0), "0.94 is below the ceiling: keep climbing");
    ladder.measured(0, 1000, 0, 0.96);
    assertTrue(ladder.beyond(0, 2000, 0));
    assertFalse(ladder.beyond(0, 800, 0), "a smaller budget may still be a faster pick");
    assertFalse(ladder.beyond(0, 2000, 50), "another rerank is another ladder");
    assertFalse(ladder.beyond(16, 0, 0), "per-table probes are another ladder");
    ladder.newTables();
    assertFalse(ladder.beyond(0, 2000, 0), "new tables start again");
    assertEquals(1, ladder.skipped());
  }

  @Test
  void theLowestRungThatReachedTheCeilingBounds() {
    ProbeLadder ladder = new ProbeLadder(0.9);
    ladder.measured(32, 0, 0, 0.97);
    ladder.measured(8, 0, 0, 0.91);
    assertTrue(ladder.beyond(16, 0, 0));
    assertFalse(ladder.beyond(4, 0, 0));
  }
}
