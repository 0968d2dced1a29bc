/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import java.util.Arrays;

/**
 * Builds one OTLP export request ({@code ExportTraceServiceRequest} or {@code
 * ExportLogsServiceRequest}: the same shape, {@code resource_* = 1 { resource = 1, scope_* = 2 {
 * scope = 1, items = 2 } }}) from items encoded one by one. A queue holds the calls of many runs
 * (JVMs), each with its own resource, and a batch may interleave them: items go to a per-run buffer
 * ({@link #items}) and {@link #build} writes one resource block per run, each with its resource
 * encoded once per run ({@link RunResources#encoded}). Reused batch after batch; not thread-safe.
 */
final class RequestBuilder {
  private static final int RESOURCE_BLOCK = 1;
  private static final int SCOPE_BLOCK = 2;

  private final byte[] scope;
  private Group[] groups = new Group[0];
  private int count;
  private int last = -1;
  private int items;

  /**
   * @param scope the {@code scope} field (1) of the scope block, encoded ({@link #scopeField})
   */
  RequestBuilder(byte[] scope) {
    this.scope = scope;
  }

  /**
   * The writer to append one item of the run {@code (runHi, runLo)} to; count it with {@link
   * #added}.
   */
  ProtoWriter items(long runHi, long runLo) {
    if (last >= 0 && groups[last].runHi == runHi && groups[last].runLo == runLo) {
      return groups[last].w;
    }
    for (int i = 0; i < count; i++) {
      if (groups[i].runHi == runHi && groups[i].runLo == runLo) {
        last = i;
        return groups[i].w;
      }
    }
    if (count == groups.length) {
      groups = Arrays.copyOf(groups, Math.max(2, count * 2));
    }
    if (groups[count] == null) {
      groups[count] = new Group();
    }
    Group g = groups[count];
    g.runHi = runHi;
    g.runLo = runLo;
    g.w.clear();
    last = count++;
    return g.w;
  }

  void added() {
    items++;
  }

  int itemCount() {
    return items;
  }

  boolean isEmpty() {
    return items == 0;
  }

  /**
   * The request's bytes, written once into an array of exactly their size; the builder is then
   * empty again.
   */
  byte[] build(RunResources resources) {
    int size = 0;
    for (int i = 0; i < count; i++) {
      Group g = groups[i];
      g.resource = resources.encoded(g.runHi, g.runLo);
      int scopeBlock = scope.length + g.w.length();
      int resourceBlock = g.resource.length + fieldSize(scopeBlock);
      size += fieldSize(resourceBlock);
    }
    ProtoWriter out = ProtoWriter.exact(size);
    for (int i = 0; i < count; i++) {
      Group g = groups[i];
      int scopeBlock = scope.length + g.w.length();
      out.varint(ProtoWriter.tag(RESOURCE_BLOCK, ProtoWriter.LEN));
      out.varint(g.resource.length + fieldSize(scopeBlock));
      out.raw(g.resource);
      out.varint(ProtoWriter.tag(SCOPE_BLOCK, ProtoWriter.LEN));
      out.varint(scopeBlock);
      out.raw(scope);
      out.raw(g.w.array(), 0, g.w.length());
      g.resource = null;
    }
    clear();
    if (out.length() != size) {
      throw new IllegalStateException("request size " + out.length() + " != computed " + size);
    }
    return out.array();
  }

  /** A length-delimited field of fields 1..15 holding {@code len} bytes: tag, length, content. */
  private static int fieldSize(int len) {
    return 1 + ProtoWriter.varintSize(len) + len;
  }

  void clear() {
    for (int i = 0; i < count; i++) {
      groups[i].w.clear();
      groups[i].w.trim(1 << 20);
    }
    count = 0;
    last = -1;
    items = 0;
  }

  /**
   * The encoded {@code scope} field of a scope block: {@code InstrumentationScope{name, version}}.
   */
  static byte[] scopeField(String name, String version) {
    ProtoWriter w = new ProtoWriter(64);
    int m = w.begin(1);
    w.stringField(1, name);
    if (version != null && !version.isEmpty()) {
      w.stringField(2, version);
    }
    w.end(m);
    return Arrays.copyOf(w.array(), w.length());
  }

  private static final class Group {
    long runHi;
    long runLo;
    byte[] resource;
    final ProtoWriter w = new ProtoWriter(4096);
  }
}
