/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * The record contract: the binary layout of every document tooltrace appends to its queue. Only
 * this module knows it: the agent writes CALLS documents through {@link BatchWriter} (values with
 * {@link ValueEncoder}) and the other documents through {@link Encoder}; every reader goes through
 * {@link DocumentReader} (a queue tailer) or {@link DocumentDecoder} (one document's bytes).
 * Golden-bytes tests ({@code FormatGoldenTest}) pin the layout of each document type.
 *
 * <p>All numbers are little-endian; strings are a varint byte length followed by UTF-8. Each
 * Chronicle excerpt is one <em>document</em>:
 *
 * <pre>
 * document   := MAGIC u8:version u8:docType payload sections
 * CALLS      := runId[16] threadId:i64 threadName:str count:u16 call*count
 * call       := length:u32 traceId[16] spanId:i64 parentSpanId:i64 tool
 *               startEpochNanos:i64 durationNanos:i64 outcome:u8 flags:u8 confidence:f64
 *               argCount:u8 value*argCount returnValue:value [error] sections
 * tool       := TOOL_INLINE toolBlock | TOOL_REF toolId:i32   (a ref names a block inlined
 *               earlier in the same document: each document stays readable on its own)
 * toolBlock  := toolId:i32 name:str operation:str namespace:str function:str descriptor:str
 *               paramCount:u8 (paramName:str paramType:str)*paramCount returnType:str
 * value      := kind:u8 body [valueSections]   (see VALUE_* below; valueSections only when the
 *               kind byte carries VALUE_HAS_SECTIONS; SECTION_ELEMENTS is the one assigned)
 * error      := exceptionClass:str message:str stackTrace:str      (when outcome == ERROR)
 * RUN        := runId[16] startEpochNanos:i64 pid:i64 environmentJson:str
 * SAMPLE     := runId[16] epochNanos:i64 count:u8 (name:str value:f64)*count
 * RUN_END    := runId[16] endEpochNanos:i64 countersJson:str
 *
 * sections      := section*          (up to the end of the enclosing call or document)
 * valueSections := length:varint section*   (length: the bytes of all its sections)
 * section       := tag:u8 length:varint payload[length]
 * </pre>
 *
 * <h2>How the format grows</h2>
 *
 * <p>Optional fields join as <em>sections</em>: a call, a value and a document may end with tagged,
 * length-prefixed sections, and a reader skips every section whose tag it does not know. Adding a
 * field (a call's CPU time, a value's element references, a document's chain hash) is therefore
 * additive: assign a {@code SECTION_*} tag below, write it in {@link BatchWriter}/{@link
 * ValueEncoder}, read it in {@link DocumentDecoder} into a new (builder-set) field of {@link
 * CallRecord}/{@link ValueRecord}, and pin it with a golden test. Old readers skip it; documents
 * without it cost nothing. New document types are skipped by older readers too.
 *
 * <p>A change that an older reader would misread (a fixed field changes meaning or position) raises
 * {@link #VERSION}. Every document carries its version; a reader meeting a version it does not know
 * ({@link UnsupportedVersionException}) says so in one line and skips those documents, it never
 * guesses. Readers accept every version from {@link #MIN_READABLE_VERSION} to {@link #VERSION}.
 *
 * <p>A call record is self-contained (tool name, thread, run id travel with it) so that any single
 * queue file can be read, exported, backed up or deleted on its own. Primitive values are stored
 * raw; their preview and content hash are derived on read ({@link PrimitiveValues}), which keeps
 * the hot path free of formatting and allocation.
 */
public final class RecordFormat {
  private RecordFormat() {}

  public static final byte MAGIC = 0x54; // 'T'

  /**
   * The version this writer writes. 2 added sections (value kinds may carry {@link
   * #VALUE_HAS_SECTIONS}; calls and documents may end with sections); version 1 documents are
   * version 2 documents without sections. 3 changed what two fields of an object value mean, which
   * a version 2 reader would misread: its producer span may name the call that returned a container
   * holding the value ({@link #VFLAG_PRODUCER_ELEMENT}), and a {@link #HASH_PARTIAL} hash is a
   * sampled one ({@link CanonicalHash}) that links only as probable evidence; values may carry
   * {@link #SECTION_ELEMENTS}.
   */
  public static final byte VERSION = 3;

  /** The oldest version readers still read. */
  public static final byte MIN_READABLE_VERSION = 1;

  public static final byte DOC_CALLS = 1;
  public static final byte DOC_RUN = 2;
  public static final byte DOC_SAMPLE = 3;
  public static final byte DOC_RUN_END = 4;

  /**
   * A seal: the chain head at a roll, at a run's end, or over files retention deleted, optionally
   * signed (see {@link Seal}). Older readers skip it, as every unknown document type.
   */
  public static final byte DOC_SEAL = 5;

  public static final byte TOOL_INLINE = 1;
  public static final byte TOOL_REF = 2;

  public static final byte OUTCOME_OK = 0;
  public static final byte OUTCOME_ERROR = 1;

  /** Call flag: the call returned a future and its span ended when the future completed. */
  public static final int FLAG_ASYNC = 1;

  /** Call flag: the tool reported a confidence outside [0,1] or NaN; it is recorded as missing. */
  public static final int FLAG_CONFIDENCE_REJECTED = 2;

  /** Call flag: argument values were captured in full for replay. */
  public static final int FLAG_ARGS_CAPTURED = 4;

  /** Call flag: the call was selected by configuration (include pattern), not by annotation. */
  public static final int FLAG_BY_CONFIG = 8;

  // Value kinds.
  public static final byte VALUE_NULL = 0;
  public static final byte VALUE_VOID = 1;
  public static final byte VALUE_BOOLEAN = 2; // u8
  public static final byte VALUE_INT = 3; // i64 (byte, char, short, int: the declared type says)
  public static final byte VALUE_LONG = 4; // i64
  public static final byte VALUE_DOUBLE = 5; // f64 (float or double: the declared type says)

  /**
   * An object: actualType:str hashKind:u8 hash[16] size:i64 flags:u8 preview:str producer:i64
   * [capture:str when VFLAG_CAPTURED].
   */
  public static final byte VALUE_OBJECT = 6;

  /** Redacted by annotation or configuration: actualType:str only. */
  public static final byte VALUE_REDACTED = 7;

  /** The agent could not describe the value (capture failed): reason:str. */
  public static final byte VALUE_UNAVAILABLE = 8;

  /** No content hash: the value is identified by identity only (see producer span id). */
  public static final byte HASH_NONE = 0;

  /** A content hash over the whole canonical content. */
  public static final byte HASH_CONTENT = 1;

  /**
   * A content hash over a bounded part of a value: since version 3 its length and evenly spaced
   * samples ({@link CanonicalHash}); in versions 1 and 2 its length, head and tail.
   */
  public static final byte HASH_PARTIAL = 2;

  /**
   * Set on a value's kind byte when the value ends with {@code valueSections}; the kind is {@code
   * kind & VALUE_KIND_MASK}.
   */
  public static final int VALUE_HAS_SECTIONS = 0x80;

  public static final int VALUE_KIND_MASK = 0x7F;

  /*
   * Section tags (1..255). Each new optional field takes the next free tag here, documented with
   * its payload. Tag 255 is reserved for tests (never assigned), so that a test can prove that
   * readers skip a tag they do not know.
   */

  /**
   * Document section: the document's link in its queue's hash chain ({@link Chain}); always the
   * document's last section. Payload: {@code [prev[32]] seq:i64 link[32] flags:u8}, the previous
   * link present when {@code flags} has {@link Chain#FLAG_ANCHOR} (41 or 73 bytes).
   */
  public static final int SECTION_CHAIN = 3;

  /**
   * Call section: what the call cost its thread, measured when {@code capture.cost} selects the
   * tool. Payload: {@code cpuNanos:i64 selfCpuNanos:i64 allocatedBytes:i64 selfAllocatedBytes:i64}
   * — thread CPU time and bytes allocated from the call's entry to its exit, including its nested
   * calls on the same thread, and the same without them ("self"). 32 bytes.
   */
  public static final int SECTION_COST = 2;

  /**
   * Value section: the elements of a collection, array, map (keys and values), {@code Optional}, or
   * record holding such values, as the agent looked at them for lineage:
   *
   * <pre>
   * elements := flags:u8 omitted:varint count:varint entry*count
   * entry    := eflags:u8 [hash[16] when ELEMENT_HAS_HASH] [producer:i64 when ELEMENT_HAS_PRODUCER]
   * </pre>
   *
   * Entries are in the order the agent met them, depth first: an entry with {@link
   * #ELEMENT_CONTAINER} is followed by its own elements, one level deeper ({@code eflags &
   * ELEMENT_DEPTH_MASK}, 0 for the value's own elements). {@code omitted} counts the elements known
   * to exist that have no entry; {@code flags} are {@code ELEMENTS_*}.
   */
  public static final int SECTION_ELEMENTS = 1;

  /** Elements section flag: elements exist that have no entry (bound, depth or budget). */
  public static final int ELEMENTS_TRUNCATED = 1;

  /**
   * Elements section flag: the walk failed part-way (the collection changed while it was read, an
   * iterator threw): the entries are those seen before.
   */
  public static final int ELEMENTS_DEGRADED = 2;

  /** Element entry: how deep the element sits (0: an element of the value itself). */
  public static final int ELEMENT_DEPTH_MASK = 0x03;

  /** Element entry: a content hash follows (the element is linkable by content). */
  public static final int ELEMENT_HAS_HASH = 0x04;

  /** Element entry: the hash is partial (sampled). */
  public static final int ELEMENT_HASH_PARTIAL = 0x08;

  /** Element entry: a producer span follows (a tracked call returned this very object). */
  public static final int ELEMENT_HAS_PRODUCER = 0x10;

  /** Element entry: the producer returned a container holding the object, not the object. */
  public static final int ELEMENT_PRODUCER_ELEMENT = 0x20;

  /** Element entry: the element is a container; its own elements follow, one level deeper. */
  public static final int ELEMENT_CONTAINER = 0x40;

  /** A section tag no writer ever uses: tests write it to check that readers skip unknown tags. */
  public static final int SECTION_RESERVED_FOR_TESTS = 255;

  public static final int VFLAG_PREVIEW_TRUNCATED = 1;
  public static final int VFLAG_CAPTURED = 2;

  /**
   * The producer span returned a container holding this object (an element of its return value),
   * not the object itself.
   */
  public static final int VFLAG_PRODUCER_ELEMENT = 4;

  /**
   * The hash is sampled because the agent's per-call budget switched this parameter to a cheaper
   * description, not because the value exceeds {@code capture.hash.max.bytes}.
   */
  public static final int VFLAG_HASH_SAMPLED = 8;
}
