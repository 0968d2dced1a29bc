/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.examples;

import dev.tooltrace.Tracked;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An example document pipeline: load raw documents, parse them, extract entities, classify them
 * with a (toy) model that reports its confidence, and summarise. Every seventh document is
 * malformed and its parse fails, so the trace shows errors. Nothing here knows about tooltrace
 * except the {@code @Tracked} annotations: run it with and without the agent, the output is the
 * same.
 *
 * <p>Arguments: {@code [documents] [threads]} (default 20 documents on 2 threads).
 */
public final class DocumentPipeline {
  private DocumentPipeline() {}

  public static void main(String[] args) throws Exception {
    int documents = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    List<RawDocument> raw = Loader.load(documents);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (RawDocument d : raw) {
        results.add(pool.submit(() -> processSafely(d)));
      }
      int ok = 0;
      for (Future<String> f : results) {
        String line = f.get();
        System.out.println(line);
        if (!line.contains("FAILED")) {
          ok++;
        }
      }
      System.out.println("processed " + ok + " of " + raw.size() + " documents");
    } finally {
      pool.shutdown();
    }
  }

  private static String processSafely(RawDocument d) {
    try {
      Report r = process(d);
      return String.format(
          "%s -> %s (%d entities) %s", d.id(), r.label(), r.entities(), r.summary());
    } catch (Parser.MalformedDocumentException e) {
      return d.id() + " -> FAILED: " + e.getMessage();
    }
  }

  /** The whole pipeline for one document: the root of its trace. */
  @Tracked(value = "pipeline.process", operation = "pipeline")
  static Report process(RawDocument d) throws Parser.MalformedDocumentException {
    Parser.ParsedDocument parsed = Parser.parse(d);
    List<String> entities = Extractor.extract(parsed);
    Classifier.Label label = Classifier.classify(parsed, entities);
    String summary = Summarizer.summarize(parsed, 40);
    return new Report(d.id(), label, entities.size(), summary);
  }

  /** A document as loaded from the (simulated) source. */
  public record RawDocument(String id, String text) {}

  /** What the pipeline produces per document. */
  public record Report(String id, Classifier.Label label, int entities, String summary) {}
}
