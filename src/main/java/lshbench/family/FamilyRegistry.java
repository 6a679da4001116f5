package lshbench.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lshbench.config.Key;

/**
 * The index families lshbench knows, in the order help and reports list them. Adding a family
 * is one {@link LshFamilySpec} subclass and one line in {@link #standard()}; tests add their
 * own with {@link #with}.
 */
public final class FamilyRegistry {
  private static final FamilyRegistry STANDARD = new FamilyRegistry(List.of(
      new HyperplaneSpec(),
      new HyperplaneFhtSpec(),
      new CrossPolytopeSpec(),
      new PcaHyperplaneSpec(),
      new HnswSpec()));

  private final List<FamilySpec> specs;

  private FamilyRegistry(List<FamilySpec> specs) {
    this.specs = List.copyOf(specs);
  }

  public static FamilyRegistry standard() {
    return STANDARD;
  }

  /** This registry and one more family (a name already known is refused). */
  public FamilyRegistry with(FamilySpec extra) {
    if (find(extra.name()).isPresent()) {
      throw new IllegalArgumentException("family " + extra.name() + " is registered already");
    }
    List<FamilySpec> all = new ArrayList<>(specs);
    all.add(extra);
    return new FamilyRegistry(all);
  }

  /** The family a run sweeps when {@code families} is not given, and the reports' main one. */
  public String defaultFamily() {
    return HyperplaneSpec.NAME;
  }

  public List<FamilySpec> all() {
    return specs;
  }

  public List<String> names() {
    return specs.stream().map(FamilySpec::name).toList();
  }

  public Optional<FamilySpec> find(String name) {
    return specs.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The short label tag of a family; an unknown name (an old CSV) is its own tag. */
  public String tag(String name) {
    return find(name).map(FamilySpec::tag).orElse(name);
  }

  /** What hashing a query costs in family {@code name} (its spec's words), for legends. */
  public String hashCost(String name) {
    return find(name).filter(s -> s instanceof LshFamilySpec).map(s -> ((LshFamilySpec<?>) s)
        .hashCost()).orElse("hash functions");
  }

  /** Whether the family hashes (LSH) rather than walks a graph. */
  public boolean hashes(String name) {
    return find(name).map(s -> s instanceof LshFamilySpec).orElse(true);
  }

  /** Every family's own keys, in registry order. */
  public List<Key> keys() {
    return specs.stream().flatMap(s -> s.keys().stream()).toList();
  }
}
