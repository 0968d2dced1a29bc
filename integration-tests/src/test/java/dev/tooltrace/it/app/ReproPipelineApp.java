/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Redacted;
import dev.tooltrace.Tracked;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A small text pipeline for the reproducibility tests: load, tokenize, stats, score, label. With
 * {@code -Drepro.noise=true} the {@code score} tool adds random noise to documents of four or more
 * words (doc-2 onwards), so a second run differs first at score's call for doc-2. {@code label} is
 * an instance method of a class without a no-arg constructor. With {@code MY_API_TOKEN} set, {@code
 * connect} receives it as a {@code @Redacted} argument.
 */
public final class ReproPipelineApp {
  private ReproPipelineApp() {}

  /** What stats returns: a record, so it has a content hash and is replayable. */
  public record Stats(int count, String longest) {}

  @Tracked(value = "repro.load", operation = "load")
  static String load(String name) {
    int i = Integer.parseInt(name.substring(name.indexOf('-') + 1));
    StringBuilder sb = new StringBuilder(name);
    for (int w = 0; w < i + 1; w++) {
      sb.append(' ').append("word").append(w);
    }
    return sb.toString();
  }

  @Tracked(value = "repro.tokenize", operation = "parse")
  static List<String> tokenize(String text) {
    return new ArrayList<>(Arrays.asList(text.split(" ")));
  }

  @Tracked("repro.stats")
  static Stats stats(List<String> words) {
    String longest = "";
    for (String t : words) {
      if (t.length() > longest.length()) {
        longest = t;
      }
    }
    return new Stats(words.size(), longest);
  }

  @Tracked(value = "repro.score", operation = "model")
  static double score(List<String> words) {
    double s = 0;
    for (String t : words) {
      s += t.length() * 0.25;
    }
    if (Boolean.getBoolean("repro.noise") && words.size() >= 4) {
      s += new Random().nextDouble() + 1e-3;
    }
    return s;
  }

  /** A tool on a class that can only be built with an argument: not replayable. */
  public static final class Labeler {
    private final double threshold;

    public Labeler(double threshold) {
      this.threshold = threshold;
    }

    @Tracked("repro.label")
    public String label(double score) {
      return score >= threshold ? "long" : "short";
    }
  }

  @Tracked("repro.connect")
  static boolean connect(String user, @Redacted String s) {
    return !user.isEmpty() && s.length() > 3;
  }

  public static void main(String[] args) throws InterruptedException {
    String token = System.getenv("MY_API_TOKEN");
    if (token != null) {
      connect("alice", token);
    }
    Labeler labeler = new Labeler(5.0);
    for (int i = 0; i < 4; i++) {
      List<String> words = tokenize(load("doc-" + i));
      stats(words);
      labeler.label(score(words));
    }
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--linger-ms")) {
        Thread.sleep(Long.parseLong(args[i + 1]));
      }
    }
  }
}
