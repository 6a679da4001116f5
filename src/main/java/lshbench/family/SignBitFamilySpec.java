package lshbench.family;

import lshbench.config.Settings;
import lshbench.lsh.HashFamily;

/**
 * Families of sign bits (random hyperplanes, however drawn): one bit a function, no options of
 * their own, and the closed-form theory 1 − θ/π over the measured query–item angles.
 */
abstract class SignBitFamilySpec extends LshFamilySpec<Void> {
  @Override
  public final int bitsPerFunction(int dim) {
    return 1;
  }

  @Override
  protected final Void options(Settings s) {
    return null;
  }

  @Override
  public final Theory theory(Void options, TheoryInput in, HashFamily built) {
    return signBits(in, in.data(), in.centre(), "1 − θ/π from the query–item angles");
  }
}
