/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.prometheus;

import dev.tooltrace.it.harness.ForkedJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link ObservedApp} in a forked JVM under the packaged agent with {@code http.port=0}: the port
 * is read from the agent's one "HTTP endpoint listening on" line, as a user would.
 */
final class AgentProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("HTTP endpoint listening on http://127\\.0\\.0\\.1:(\\d+) ");

  private final Process process;
  private final List<String> stderr = new CopyOnWriteArrayList<>();
  private volatile int port = -1;

  private AgentProcess(Process process) {
    this.process = process;
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  stderr.add(line);
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                  }
                }
              } catch (IOException e) {
                stderr.add("(stderr closed: " + e + ")");
              }
            },
            "agent-stderr");
    t.setDaemon(true);
    t.start();
  }

  /** Starts the app; {@code agentArgs} are added to {@code dir=...,http.port=0}. */
  static AgentProcess start(Path queue, String agentArgs, List<String> jvmArgs) throws Exception {
    ForkedJvm j =
        ForkedJvm.of(ObservedApp.class.getName())
            .agent("dir=" + queue + ",http.port=0" + (agentArgs.isEmpty() ? "" : "," + agentArgs));
    jvmArgs.forEach(j::jvmArg);
    AgentProcess a = new AgentProcess(j.start());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (a.port < 0 && a.process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    if (a.port < 0) {
      a.close();
      throw new AssertionError(
          "agent printed no HTTP endpoint line:\n" + String.join("\n", a.stderr));
    }
    return a;
  }

  int port() {
    return port;
  }

  String stderr() {
    return String.join("\n", stderr);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already gone.
    }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
