/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Redacted;
import dev.tooltrace.Tooltrace;
import dev.tooltrace.Tracked;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A multi-threaded "research agent": several requester threads each answer questions; an answer
 * hands its tools to a shared pool (so the tools run on other threads than their caller), a search
 * tool calls a fetch tool (three levels), a calculator fails on every fourth question (the answer
 * fails with it), and the search key is a secret passed as a {@code @Redacted} argument and as an
 * argument named {@code token} (matched by the default {@code redact.names}). The secret is read
 * from {@code RESEARCH_API_KEY}.
 *
 * <p>Arguments: {@code requesters questionsPerRequester pauseMillis}. Prints {@code started} after
 * the first answer and {@code done A answered, F failed} at the end.
 */
public final class ResearchAgentApp {
  private ResearchAgentApp() {}

  public static void main(String[] args) throws Exception {
    int requesters = Integer.parseInt(args[0]);
    int questions = Integer.parseInt(args[1]);
    long pause = Long.parseLong(args[2]);
    String apiKey = System.getenv().getOrDefault("RESEARCH_API_KEY", "no-key");
    ExecutorService tools = Executors.newFixedThreadPool(3);
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    try {
      for (int r = 0; r < requesters; r++) {
        int requester = r;
        Thread t =
            new Thread(
                () -> {
                  for (int q = 0; q < questions; q++) {
                    try {
                      answer(requester * 1000 + q, tools, apiKey);
                      answered.incrementAndGet();
                    } catch (Exception e) {
                      failed.incrementAndGet();
                    }
                    if (requester == 0 && q == 0) {
                      System.out.println("started");
                      System.out.flush();
                    }
                    sleep(pause);
                  }
                },
                "requester-" + r);
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
    } finally {
      tools.shutdown();
    }
    System.out.println("done " + answered + " answered, " + failed + " failed");
  }

  /** The root of each trace: runs on a requester thread, its tools on the pool. */
  @Tracked(value = "agent.answer", operation = "agent")
  static String answer(int question, ExecutorService tools, @Redacted String apiKey)
      throws Exception {
    Future<String> hits = tools.submit(() -> search("question " + question, apiKey));
    Future<Double> value = tools.submit(() -> evaluate(question));
    String found = hits.get();
    double v;
    try {
      v = value.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "question " + question + " could not be answered", e.getCause());
    }
    return compose(question, found, v);
  }

  @Tracked(value = "search.web", operation = "retrieval")
  static String search(String query, @Redacted String apiKey) {
    return fetch("https://search.example/?q=" + query.replace(' ', '+'), apiKey).toUpperCase();
  }

  /** {@code token} is redacted by name (the default redact.names), not by annotation. */
  @Tracked(value = "http.fetch", operation = "io")
  static String fetch(String url, String token) {
    return "results for " + url + " (" + (token.isEmpty() ? "anonymous" : "authorised") + ")";
  }

  @Tracked(value = "calc.evaluate", operation = "function")
  static double evaluate(int question) {
    if (question % 4 == 3) {
      throw new ArithmeticException("division by zero in question " + question);
    }
    return question / 4.0;
  }

  /** Reports a confidence: LOW, MEDIUM and HIGH in turn. */
  @Tracked(value = "agent.compose", operation = "llm")
  static String compose(int question, String hits, double value) {
    Tooltrace.confidence((question % 3) / 2.0);
    return "answer " + question + ": " + value + " from " + hits.length() + " chars";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
