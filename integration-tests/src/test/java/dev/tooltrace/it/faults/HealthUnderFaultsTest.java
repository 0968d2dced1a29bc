/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.it.app.FaultApp;
import dev.tooltrace.it.harness.ForkedJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the health endpoint says while a fault lasts: with the disk budget spent, readiness is 503
 * naming the budget and /metrics counts the dropped records. The endpoint listens on loopback
 * unless configured otherwise.
 */
class HealthUnderFaultsTest {
  private static final Pattern LISTENING =
      Pattern.compile("HTTP endpoint listening on http://([^:/]+):(\\d+)");
  @TempDir Path tmp;

  @Test
  void spentBudgetFailsReadinessAndCountsDropsOnLoopbackOnly() throws Exception {
    String[] args = {"work", "60", "100"};
    ForkedJvm.Result plain = FaultRun.plain(j -> j, args);
    Process p =
        ForkedJvm.of(FaultApp.class.getName(), args)
            .agent("dir=" + tmp.resolve("q") + ",export=none,http.port=0,disk.max.bytes=1MB")
            .start();
    try {
      List<String> err = Collections.synchronizedList(new ArrayList<>());
      BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
      Matcher m = null;
      for (String line; (line = r.readLine()) != null; ) {
        err.add(line);
        Matcher x = LISTENING.matcher(line);
        if (x.find()) {
          m = x;
          break;
        }
      }
      assertTrue(m != null, "no HTTP endpoint line: " + err);
      Thread drain = new Thread(() -> r.lines().forEach(err::add));
      drain.setDaemon(true);
      drain.start();
      assertEquals("127.0.0.1", m.group(1), "loopback by default");
      int port = Integer.parseInt(m.group(2));
      assertNotReachableFromOtherAddresses(port);

      String base = "http://127.0.0.1:" + port;
      int status = 0;
      String body = "";
      for (int i = 0; i < 100 && status != 503; i++) {
        Thread.sleep(100);
        HttpURLConnection c =
            (HttpURLConnection) URI.create(base + "/health/ready").toURL().openConnection();
        status = c.getResponseCode();
        body =
            new String(
                (status >= 400 ? c.getErrorStream() : c.getInputStream()).readAllBytes(),
                StandardCharsets.UTF_8);
      }
      assertEquals(503, status, body);
      assertTrue(body.contains("reached its budget disk.max.bytes=1048576"), body);
      // The counter is read by the metrics pipeline; give it a few scrapes to catch up.
      double dropped = 0;
      String metrics = "";
      Pattern droppedLine =
          Pattern.compile("(?m)^tooltrace_records_dropped_total\\{[^}]*} (\\S+)$");
      for (int i = 0; i < 50 && dropped == 0; i++) {
        metrics =
            new String(
                URI.create(base + "/metrics").toURL().openStream().readAllBytes(),
                StandardCharsets.UTF_8);
        Matcher d = droppedLine.matcher(metrics);
        dropped = d.find() ? Double.parseDouble(d.group(1)) : 0;
        Thread.sleep(100);
      }
      assertTrue(dropped > 0, metrics);

      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), String.join("\n", err));
      assertEquals(plain.stdout(), out, "the application's output must not change");
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  /** Connecting through any non-loopback address of this machine must be refused. */
  private static void assertNotReachableFromOtherAddresses(int port) throws Exception {
    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(ni.getInetAddresses())) {
        if (a.isLoopbackAddress() || !(a instanceof Inet4Address)) {
          continue;
        }
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(a, port), 1000);
          throw new AssertionError("HTTP endpoint reachable on " + a + ":" + port);
        } catch (java.io.IOException refused) {
          // expected
        }
      }
    }
  }
}
