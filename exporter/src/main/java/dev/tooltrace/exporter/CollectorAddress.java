/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where the traces go, resolved by OpenTelemetry's rules without building an exporter (which loads
 * the SDK and an HTTP client: most of a second in a short job), and whether anything listens there.
 * The agent's exit asks it before waiting for an exporter still being built: a collector that is
 * not there is never waited for.
 */
public final class CollectorAddress {
  private CollectorAddress() {}

  /**
   * The host and port of the traces endpoint ({@code otel.exporter.otlp.traces.endpoint}, else
   * {@code otel.exporter.otlp.endpoint}, else OpenTelemetry's default for the protocol),
   * unresolved; null when it cannot be told.
   */
  public static InetSocketAddress ofTraces(ExportSettings settings) {
    try {
      ConfigProperties c = OtelConfig.create(settings);
      String endpoint = OtelConfig.tracesEndpoint(c);
      URI u = URI.create(endpoint.trim());
      if (u.getHost() == null) {
        return null;
      }
      int port = u.getPort() != -1 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
      return InetSocketAddress.createUnresolved(u.getHost(), port);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Whether a TCP connection to {@code address} succeeds within {@code timeout} (name resolution
   * included, on a daemon thread, so a slow resolver never holds the caller longer).
   */
  public static boolean listening(InetSocketAddress address, Duration timeout) {
    CompletableFuture<Boolean> probe = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try (Socket s = new Socket()) {
                s.connect(
                    new InetSocketAddress(address.getHostString(), address.getPort()),
                    (int) Math.max(1, timeout.toMillis()));
                probe.complete(true);
              } catch (Exception | Error e) {
                probe.complete(false);
              }
            },
            "tooltrace-collector-probe");
    t.setDaemon(true);
    t.start();
    try {
      return probe.get(timeout.toMillis() + 50, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      return false;
    }
  }
}
