package lshbench.family;

import lshbench.eval.CollisionTheory;

/** A family's collision theory for one run, and how it was obtained (for the log). */
public record Theory(CollisionTheory theory, String how) {}
