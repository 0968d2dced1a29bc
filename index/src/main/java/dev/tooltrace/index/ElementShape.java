/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import dev.tooltrace.cli.analysis.ValueLinking;
import dev.tooltrace.record.ElementRef;
import dev.tooltrace.record.ValueRecord;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The structure of an argument's elements, all that {@link ValueLinking#explained} needs to decide
 * whether its linked elements explain it (so that it is no external input): one character per
 * element in the agent's depth-first order, {@code '0' + 2 * depth + (container ? 1 : 0)} (depths
 * are 0..3). Null when the elements cannot explain the value whatever links: none, or the agent did
 * not look at all of them ({@link ValueRecord#elementsTruncated}, {@link
 * ValueRecord#elementsDegraded}) — as {@link ValueLinking#explainedByElements} decides.
 */
final class ElementShape {
  private ElementShape() {}

  static String of(ValueRecord v) {
    List<ElementRef> es = v.elements();
    if (es.isEmpty() || v.elementsTruncated() || v.elementsDegraded()) {
      return null;
    }
    char[] c = new char[es.size()];
    for (int k = 0; k < c.length; k++) {
      ElementRef e = es.get(k);
      c[k] = (char) ('0' + 2 * e.depth() + (e.container() ? 1 : 0));
    }
    return new String(c);
  }

  /** Whether the elements {@code linked} holds (indexes into the elements) explain the value. */
  static boolean explained(String shape, IntPredicate linked) {
    return shape != null
        && ValueLinking.explained(
            shape.length(),
            k -> (shape.charAt(k) - '0') / 2,
            k -> ((shape.charAt(k) - '0') & 1) == 1,
            linked);
  }
}
