/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.examples;

import dev.tooltrace.Tracked;
import dev.tooltrace.examples.DocumentPipeline.RawDocument;
import java.util.Arrays;
import java.util.List;

/** Splits a document into sentences and tokens; rejects malformed documents. */
public final class Parser {
  private Parser() {}

  @Tracked(value = "parser.parse", operation = "parse")
  public static ParsedDocument parse(RawDocument doc) throws MalformedDocumentException {
    if (doc.text().startsWith("%%")) {
      throw new MalformedDocumentException("document " + doc.id() + " is malformed");
    }
    List<String> tokens = Arrays.asList(doc.text().replace(".", " .").split("\\s+"));
    return new ParsedDocument(doc.id(), doc.text(), tokens);
  }

  /** A parsed document. */
  public record ParsedDocument(String id, String text, List<String> tokens) {}

  /** A document that cannot be parsed. */
  public static final class MalformedDocumentException extends Exception {
    public MalformedDocumentException(String message) {
      super(message);
    }
  }
}
