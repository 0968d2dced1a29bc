/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.analysis;

import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.ElementRef;
import dev.tooltrace.record.PrimitiveValues;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ValueRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * Which recorded values may be linked to the call that produced them, and how. The rules exist to
 * avoid <em>spurious</em> edges: two unrelated calls that both return {@code 1}, {@code true}, or
 * {@code ""} did not exchange data, yet their content hashes are equal.
 *
 * <ul>
 *   <li><b>Never linked</b>: null, void, redacted and unavailable values.
 *   <li><b>Scalars</b> (primitives and boxed primitives, by actual or declared type) are never
 *       linked by content hash: a handful of distinct values cover most of them, so equal content
 *       says nothing about flow. They are linked by identity only where identity means something:
 *       never for {@code Boolean} (two shared instances), and not for {@code Byte}, {@code Short},
 *       {@code Character}, {@code Integer}, {@code Long} in -128..127, which the JDK caches and
 *       shares between unrelated code.
 *   <li><b>Empty</b> values (size 0: "", empty collections, maps and arrays) are not linked by
 *       hash, for the same reason; identity links are kept.
 *   <li>Everything else with a content hash (strings, byte arrays and other arrays, records,
 *       collections, maps, other objects the agent hashes) is linked by hash. A partial (sampled)
 *       hash links only to an equal partial hash — equal length and equal samples — and such a link
 *       is marked {@linkplain Ref#partial probable}.
 * </ul>
 *
 * <h2>The rule in one place</h2>
 *
 * <p>What a call offers for linking is a pure function of its decoded record, here: {@link #inputs}
 * lists the references of its inputs (each argument as a whole, each element of an argument, and —
 * as {@link ProvenanceGraph#RETURNED} — its return value and the elements of it), {@link #outputs}
 * the content keys of what it produced (its return value and the elements of it). A reference
 * links, in this order, by identity ({@link Ref#producerSpanId}, when that span of the same run has
 * an output) or by content ({@link Ref#hash}: the producer of the same run that most recently ended
 * no later than the consumer started, a whole output before an element on a tie; for a returned
 * value only calls nested in the consumer). Both the in-memory graph ({@link
 * ProvenanceGraphBuilder}) and the persistent index apply these; {@link #link} names the edge.
 */
public final class ValueLinking {
  private ValueLinking() {}

  /** Link label: an element of the consumer's argument N is the producer's output. */
  public static String elementOfArg(int arg) {
    return "element of arg " + arg;
  }

  /** Link label: the consumer's input is an element of the producer's return value. */
  public static final String ELEMENT_OF_RETURN = "element of return";

  /** Link label: the consumer returned, inside its result, the producer's output. */
  public static final String ELEMENT_OF_OWN_RETURN = "element of own return";

  /**
   * One place in a call's values that may link to the call that produced it.
   *
   * @param arg the argument index, or {@link #RETURN} for the call's own return value
   * @param element the index into the value's {@link ValueRecord#elements()}, or -1 for the whole
   *     value
   * @param role the parameter's name, or {@link ProvenanceGraph#RETURNED}
   * @param producerSpanId the span that returned this very object (trusted), or null
   * @param producerIsElement whether that span returned a container holding it
   * @param hash the content hash it may be linked by, or null when it is not linkable by content
   * @param partial whether that hash is sampled: a link by it is only probable
   */
  public record Ref(
      int arg,
      int element,
      String role,
      String producerSpanId,
      boolean producerIsElement,
      String hash,
      boolean partial) {

    /** Whether this is a whole argument (not an element, not the returned value). */
    public boolean wholeArgument() {
      return arg != RETURN && element < 0;
    }

    public boolean returned() {
      return arg == RETURN;
    }
  }

  /** {@link Ref#arg} of the call's own return value. */
  public static final int RETURN = -1;

  /**
   * A content key of something a call produced: its return value ({@code element} -1) or an element
   * of it, by which a later call's input may link to it.
   */
  public record Output(String hash, boolean partial, int element) {
    public boolean whole() {
      return element < 0;
    }
  }

  /**
   * Every reference of {@code c}'s inputs, in order: each argument (that is a graph node), then its
   * elements; then the return value and its elements (role {@link ProvenanceGraph#RETURNED}) when
   * the call succeeded.
   */
  public static List<Ref> inputs(CallRecord c) {
    List<Ref> refs = new ArrayList<>();
    List<ValueRecord> args = c.args();
    for (int i = 0; i < args.size(); i++) {
      ValueRecord a = args.get(i);
      if (!isNode(a)) {
        continue;
      }
      refs.add(whole(i, a.name(), a));
      elements(refs, i, a.name(), a);
    }
    ValueRecord r = c.result();
    if (!c.error() && isNode(r)) {
      refs.add(whole(RETURN, ProvenanceGraph.RETURNED, r));
      elements(refs, RETURN, ProvenanceGraph.RETURNED, r);
    }
    return refs;
  }

  private static Ref whole(int arg, String role, ValueRecord v) {
    boolean byHash = linkableByHash(v);
    return new Ref(
        arg,
        -1,
        role,
        identityLinkTrusted(v) ? v.producerSpanId() : null,
        v.producerIsElement(),
        byHash ? v.hash() : null,
        byHash && v.hashPartial());
  }

  /**
   * The references of {@code v}'s elements (those with a producer or a hash), as {@link #inputs}.
   */
  public static List<Ref> elementRefs(ValueRecord v, int arg, String role) {
    List<Ref> refs = new ArrayList<>();
    elements(refs, arg, role, v);
    return refs;
  }

  private static void elements(List<Ref> refs, int arg, String role, ValueRecord v) {
    List<ElementRef> es = v.elements();
    for (int k = 0; k < es.size(); k++) {
      ElementRef e = es.get(k);
      if (e.producerSpanId() != null || e.hash() != null) {
        refs.add(
            new Ref(
                arg,
                k,
                role,
                e.producerSpanId(),
                e.producerIsElement(),
                e.hash(),
                e.hash() != null && e.hashPartial()));
      }
    }
  }

  /**
   * The content keys of what {@code c} produced: nothing for a failed call or a void or null
   * result; else its return value (when linkable by hash) and every element of it with a hash.
   */
  public static List<Output> outputs(CallRecord c) {
    ValueRecord r = c.result();
    if (c.error() || !isNode(r)) {
      return List.of();
    }
    List<Output> out = new ArrayList<>();
    if (linkableByHash(r)) {
      out.add(new Output(r.hash(), r.hashPartial(), -1));
    }
    List<ElementRef> es = r.elements();
    for (int k = 0; k < es.size(); k++) {
      ElementRef e = es.get(k);
      if (e.hash() != null) {
        out.add(new Output(e.hash(), e.hashPartial(), k));
      }
    }
    return out;
  }

  /**
   * The label of the edge by which {@code ref} links to a producer, given whether the producer's
   * output holds the value as an element ({@code producerElement}): null for value to value (as
   * before element lineage), else {@link #elementOfArg}, {@link #ELEMENT_OF_OWN_RETURN} and/or
   * {@link #ELEMENT_OF_RETURN}, joined by ", ".
   */
  public static String link(Ref ref, boolean producerElement) {
    String consumer =
        ref.element() < 0 ? null : ref.returned() ? ELEMENT_OF_OWN_RETURN : elementOfArg(ref.arg());
    if (!producerElement) {
      return consumer;
    }
    return consumer == null ? ELEMENT_OF_RETURN : consumer + ", " + ELEMENT_OF_RETURN;
  }

  /**
   * Whether a value that no producer explains as a whole is fully explained by its elements, so
   * that it is not an external input of its run: the agent looked at all of them (none omitted, the
   * walk not cut short), there is at least one, and every element is linked ({@code linked} tests
   * an index into {@link ValueRecord#elements()}) or is a container whose own elements all are (an
   * empty one holds no data). An element with nothing to link it by (a number, say) is data from
   * outside the graph.
   */
  public static boolean explainedByElements(ValueRecord v, IntPredicate linked) {
    List<ElementRef> es = v.elements();
    if (es.isEmpty() || v.elementsTruncated() || v.elementsDegraded()) {
      return false;
    }
    return explained(es.size(), k -> es.get(k).depth(), k -> es.get(k).container(), linked);
  }

  /**
   * {@link #explainedByElements} over the structure alone: {@code count} entries in the agent's
   * depth-first order, each with its depth and whether it is a container (for readers that keep
   * less than the records).
   */
  public static boolean explained(
      int count, IntUnaryOperator depth, IntPredicate container, IntPredicate linked) {
    int[] at = {0};
    while (at[0] < count) {
      if (!explained(count, depth, container, linked, at)) {
        return false;
      }
    }
    return count > 0;
  }

  /** Whether the entry at {@code at[0]} (and its subtree, which it consumes) is explained. */
  private static boolean explained(
      int count, IntUnaryOperator depth, IntPredicate container, IntPredicate linked, int[] at) {
    int k = at[0]++;
    if (!container.test(k)) {
      return linked.test(k);
    }
    boolean all = true; // an empty container (or one of nulls) holds no data
    while (at[0] < count && depth.applyAsInt(at[0]) > depth.applyAsInt(k)) {
      all &= explained(count, depth, container, linked, at);
    }
    return linked.test(k) || all;
  }

  /** Whether the value takes part in the graph at all (null and void do not). */
  public static boolean isNode(ValueRecord v) {
    return v != null && v.kind() != RecordFormat.VALUE_NULL && v.kind() != RecordFormat.VALUE_VOID;
  }

  /** Whether the value may be linked to an earlier producer by equal content hash. */
  public static boolean linkableByHash(ValueRecord v) {
    return v.kind() == RecordFormat.VALUE_OBJECT
        && v.hash() != null
        && !isScalar(v)
        && v.size() != 0;
  }

  /** Whether the value's identity link ({@code producerSpanId}) is evidence of flow. */
  public static boolean identityLinkTrusted(ValueRecord v) {
    if (v.kind() != RecordFormat.VALUE_OBJECT || v.producerSpanId() == null) {
      return false;
    }
    char tag = PrimitiveValues.tag(v.actualType());
    switch (tag) {
      case 0:
      case 'F':
      case 'D':
        return true;
      case 'Z':
        return false;
      default:
        return !inBoxCache(v.preview(), tag);
    }
  }

  /** Primitives and boxed primitives. */
  public static boolean isScalar(ValueRecord v) {
    int k = v.kind();
    if (k == RecordFormat.VALUE_BOOLEAN
        || k == RecordFormat.VALUE_INT
        || k == RecordFormat.VALUE_LONG
        || k == RecordFormat.VALUE_DOUBLE) {
      return true;
    }
    return PrimitiveValues.tag(v.actualType()) != 0 || PrimitiveValues.tag(v.declaredType()) != 0;
  }

  private static boolean inBoxCache(String preview, char tag) {
    if (tag == 'C') {
      return preview.length() == 1 && preview.charAt(0) < 128;
    }
    try {
      long n = Long.parseLong(preview.trim());
      return n >= -128 && n <= 127;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
