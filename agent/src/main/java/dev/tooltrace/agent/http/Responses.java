/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing complete responses; every exchange is closed, whatever happens. */
final class Responses {
  private Responses() {}

  static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    try (ex) {
      ex.getResponseHeaders().set("Content-Type", contentType);
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      boolean head = "HEAD".equals(ex.getRequestMethod());
      ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
      if (!head && body.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  static void text(HttpExchange ex, int status, String body) throws IOException {
    send(ex, status, "text/plain; charset=utf-8", (body + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static void notFound(HttpExchange ex) throws IOException {
    text(ex, 404, "not found; try /health, /health/live, /health/ready or /metrics");
  }

  /** True if the method is GET or HEAD; otherwise answers 405 and returns false. */
  static boolean readOnly(HttpExchange ex) throws IOException {
    String m = ex.getRequestMethod();
    if ("GET".equals(m) || "HEAD".equals(m)) {
      return true;
    }
    ex.getResponseHeaders().set("Allow", "GET, HEAD");
    text(ex, 405, "method " + m + " not allowed");
    return false;
  }
}
