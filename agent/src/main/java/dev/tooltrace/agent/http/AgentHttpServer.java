/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.http;

import com.sun.net.httpserver.HttpServer;
import dev.tooltrace.agent.telemetry.health.HealthRegistry;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The agent's one HTTP port (configuration keys {@code http.enabled}, {@code http.host}, default
 * 127.0.0.1, and {@code http.port}, where 0 picks a free port): {@code /health/live}, {@code
 * /health/ready}, {@code /health} and {@code /metrics}. Built on the JDK's HttpServer so that the
 * agent brings no web stack, with a pool of at most two daemon threads that never keeps the
 * application's JVM alive. A port that cannot be bound costs one log line, never the application.
 */
public final class AgentHttpServer implements AutoCloseable {
  /** Default of {@code http.host}: only this machine can reach the endpoint. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default of {@code http.port}: the port commonly used for OpenTelemetry's Prometheus reader. */
  public static final int DEFAULT_PORT = 9464;

  private final String host;
  private final int requestedPort;
  private final HealthRegistry health;
  private final Consumer<String> log;
  private final MetricsHandler metricsHandler;
  private HttpServer server;
  private ExecutorService executor;

  /**
   * @param metrics the reader registered on the agent's meter provider; {@code null} serves 404 on
   *     {@code /metrics}
   * @param log receives one line per event worth telling the user (port bound, bind failure)
   */
  public AgentHttpServer(
      String host,
      int port,
      HealthRegistry health,
      PrometheusMetricReader metrics,
      Consumer<String> log) {
    this.host = host;
    this.requestedPort = port;
    this.health = health;
    this.metricsHandler = new MetricsHandler(metrics, log);
    this.log = log;
  }

  /** Binds and starts serving; returns false (after one log line) if that is not possible. */
  public synchronized boolean start() {
    if (server != null) {
      return true;
    }
    HttpServer s;
    try {
      s = HttpServer.create(new InetSocketAddress(host, requestedPort), 16);
    } catch (IOException | RuntimeException e) {
      log.accept(
          "HTTP endpoint disabled: cannot listen on "
              + host
              + ":"
              + requestedPort
              + ": "
              + describe(e)
              + " (set http.port to a free port, 0 for any, or http.enabled=false)");
      return false;
    }
    executor = newExecutor();
    s.setExecutor(executor);
    HealthHandler.register(s, health);
    s.createContext("/metrics", metricsHandler);
    s.createContext("/", Responses::notFound);
    s.start();
    server = s;
    log.accept(
        "HTTP endpoint listening on http://"
            + hostForUrl()
            + ":"
            + port()
            + " (/health, /health/live, /health/ready, /metrics)");
    return true;
  }

  /**
   * Adds a reader registered on another meter provider (the exporter's, which computes the per-tool
   * metrics and may start later than the endpoint); {@code /metrics} serves them all.
   */
  public void addMetricReader(PrometheusMetricReader reader) {
    metricsHandler.add(reader);
  }

  public void removeMetricReader(PrometheusMetricReader reader) {
    metricsHandler.remove(reader);
  }

  /** The bound port (the real one when 0 was asked for), or -1 when not running. */
  public synchronized int port() {
    return server == null ? -1 : server.getAddress().getPort();
  }

  private String hostForUrl() {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  private static ExecutorService newExecutor() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(64),
            r -> {
              Thread t = new Thread(r, "tooltrace-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            // Overload beyond 64 waiting requests: answer on the accept thread rather than drop a
            // connection without a reply.
            new ThreadPoolExecutor.CallerRunsPolicy());
    // Idle threads go away: an agent whose endpoint is never scraped holds no threads for it.
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }
}
