/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.backup;

import dev.tooltrace.it.app.BackupWriterApp;
import dev.tooltrace.it.harness.ForkedJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link BackupWriterApp} in a forked JVM under the packaged agent, its output collected. */
final class WriterProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("HTTP endpoint listening on http://127\\.0\\.0\\.1:(\\d+) ");
  private final Process process;
  private final List<String> out = new CopyOnWriteArrayList<>();
  private final List<String> err = new CopyOnWriteArrayList<>();
  private volatile int port = -1;
  private final java.nio.file.Path stopFile;

  private WriterProcess(Process p, java.nio.file.Path stopFile) {
    this.process = p;
    this.stopFile = stopFile;
    drain(p.getInputStream(), out, "writer-stdout");
    drain(p.getErrorStream(), err, "writer-stderr");
  }

  static WriterProcess start(long millis, String agentArgs, String... env) throws IOException {
    ForkedJvm j =
        ForkedJvm.of(BackupWriterApp.class.getName(), Long.toString(millis)).agent(agentArgs);
    for (int i = 0; i + 1 < env.length; i += 2) {
      j.env(env[i], env[i + 1]);
    }
    return new WriterProcess(j.start(), null);
  }

  /**
   * Starts a writer that runs at least {@code millis} and then until {@link #stop()} (at most two
   * minutes more): for tests that wait for an event rather than a fixed time.
   */
  static WriterProcess startUntilStopped(
      long millis, java.nio.file.Path stopFile, String agentArgs, String... env)
      throws IOException {
    ForkedJvm j =
        ForkedJvm.of(BackupWriterApp.class.getName(), Long.toString(millis), stopFile.toString())
            .agent(agentArgs);
    for (int i = 0; i + 1 < env.length; i += 2) {
      j.env(env[i], env[i + 1]);
    }
    return new WriterProcess(j.start(), stopFile);
  }

  /** Lets a writer started with {@link #startUntilStopped} finish. */
  void stop() throws IOException {
    java.nio.file.Files.writeString(stopFile, "stop");
  }

  private void drain(InputStream in, List<String> lines, String name) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  lines.add(line);
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                  }
                }
              } catch (IOException e) {
                lines.add("(closed: " + e + ")");
              }
            },
            name);
    t.setDaemon(true);
    t.start();
  }

  /** Waits for the app to finish and returns the number of calls it made. */
  int awaitCalls() throws InterruptedException {
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("writer did not finish:\n" + String.join("\n", err));
    }
    Thread.sleep(200); // the drainers read the last lines
    if (process.exitValue() != 0) {
      throw new AssertionError("writer exited " + process.exitValue() + ":\n" + stderr());
    }
    for (String l : out) {
      if (l.startsWith("calls=")) {
        return Integer.parseInt(l.substring(6));
      }
    }
    throw new AssertionError("no calls= line: " + out + "\n" + stderr());
  }

  String stderr() {
    return String.join("\n", err);
  }

  String get(String path) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (port < 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }
}
