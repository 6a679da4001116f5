package lshbench.family;

import java.util.List;
import lshbench.config.Key;

/**
 * One index family a sweep can measure: its name in settings and CSVs, its short tag for
 * labels, and the keys it reads. Hashing families extend {@link LshFamilySpec}; the graph
 * reference is {@link HnswSpec}. A family's name string lives in its spec and nowhere else.
 */
public interface FamilySpec {
  /** The name in {@code families = …} and in the CSV's {@code family} column. */
  String name();

  /** Short tag for plot labels; empty for the classic the labels leave unmarked. */
  String tag();

  /** One line for {@code -Dhelp} and the README. */
  String summary();

  /** The keys only this family reads, with defaults and meanings. */
  List<Key> keys();
}
