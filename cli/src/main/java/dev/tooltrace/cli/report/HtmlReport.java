/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.report;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link ReportModel} as one self-contained HTML page: the template, style and script
 * (resources next to this class, written by hand, no library) inline, the model as JSON in a {@code
 * <script type="application/json">} element. A Content-Security-Policy forbids every request, so
 * the page works from disk, a CI artifact or a mail attachment and can never reach the network.
 */
public final class HtmlReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
  }

  private HtmlReport() {}

  public static void write(ReportModel model, Writer out) throws IOException {
    String page = resource("report.html");
    String title =
        "tooltrace report: "
            + (model.header().name().isEmpty()
                ? "run " + model.header().runId()
                : model.header().name());
    int styleAt = page.indexOf("/*STYLE*/");
    int scriptAt = page.indexOf("/*SCRIPT*/");
    int dataAt = page.indexOf("/*DATA*/");
    int titleAt = page.indexOf("<!--TITLE-->");
    if (styleAt < 0
        || scriptAt < 0
        || dataAt < 0
        || titleAt < 0
        || !(titleAt < styleAt && styleAt < dataAt && dataAt < scriptAt)) {
      throw new IllegalStateException("report.html template is damaged");
    }
    out.write(page, 0, titleAt);
    out.write(escapeHtml(title));
    out.write(page, titleAt + "<!--TITLE-->".length(), styleAt - titleAt - "<!--TITLE-->".length());
    out.write(resource("report.css"));
    out.write(page, styleAt + "/*STYLE*/".length(), dataAt - styleAt - "/*STYLE*/".length());
    JSON.writeValue(new NonClosing(out), model);
    out.write(page, dataAt + "/*DATA*/".length(), scriptAt - dataAt - "/*DATA*/".length());
    out.write(resource("report.js"));
    out.write(
        page, scriptAt + "/*SCRIPT*/".length(), page.length() - scriptAt - "/*SCRIPT*/".length());
    out.flush();
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " next to HtmlReport");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String escapeHtml(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * JSON that is safe inside a script element: {@code <}, {@code >} and {@code &} as {@code \}u
   * escapes, so no recorded value (a preview may hold {@code </script>}) can end the element, and
   * the line separators JavaScript once rejected escaped too.
   */
  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private final int[] table = standardAsciiEscapesForJSON();

    HtmlSafeEscapes() {
      table['<'] = ESCAPE_STANDARD;
      table['>'] = ESCAPE_STANDARD;
      table['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return table;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch == 0x2028) {
        return new SerializedString("\\u2028");
      }
      if (ch == 0x2029) {
        return new SerializedString("\\u2029");
      }
      return null;
    }
  }

  /** Jackson closes the writer it is given; the page goes on after the data. */
  private static final class NonClosing extends Writer {
    private final Writer out;

    NonClosing(Writer out) {
      this.out = out;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      out.write(cbuf, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() {}
  }
}
