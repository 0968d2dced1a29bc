/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.tooltrace.cli.analysis.TraceForest.Trace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes {@link TraceJson}'s document ({@code {"traces": [...]}}) one trace at a time, with the
 * same indentation {@link Json#pretty} gives the whole tree, so that {@code show --json} of a run
 * of millions of calls never holds it in memory. The output is byte for byte the whole tree's.
 */
public final class TraceJsonWriter implements AutoCloseable {
  private final PrintWriter out;
  private final JsonGenerator g;

  public TraceJsonWriter(PrintWriter out) {
    this.out = out;
    try {
      g = Json.MAPPER.getFactory().createGenerator(new NoClose(out));
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      g.writeStartObject();
      g.writeFieldName("traces");
      g.writeStartArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void add(Trace t) {
    try {
      g.writeTree(TraceJson.of(List.of(t)).get("traces").get(0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends the document and the line, as {@code println(Json.pretty(tree))} does. */
  @Override
  public void close() {
    try {
      g.writeEndArray();
      g.writeEndObject();
      g.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }

  /** The generator closes its writer at the end; the command's writer stays open. */
  private static final class NoClose extends java.io.Writer {
    private final PrintWriter out;

    NoClose(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
      out.write(cbuf, off, len);
    }

    @Override
    public void flush() {
      out.flush();
    }

    @Override
    public void close() {
      out.flush();
    }
  }
}
