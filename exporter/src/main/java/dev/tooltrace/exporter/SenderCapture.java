/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Obtains the sender the OpenTelemetry OTLP exporter would use, configured exactly as that exporter
 * configures it. The exporter's providers build their senders through the public sender SPI ({@link
 * HttpSenderProvider}, {@link GrpcSenderProvider}), loaded by the configuration's {@link
 * ComponentLoader}; a configuration whose loader wraps each provider sees the sender built and the
 * {@code HttpSenderConfig}/{@code GrpcSenderConfig} it was built from (endpoint with its signal
 * path, content type, headers, compression, timeout, TLS, retry, proxy), all from {@code
 * OTEL_EXPORTER_OTLP_*} by OpenTelemetry's own rules. The pipeline then sends its own encoded
 * requests through that sender, several at a time, instead of through the exporter's {@code
 * export(Collection<SpanData>)}.
 *
 * <p>Used on one thread while the exporters are built: {@link #take} returns what the last build
 * captured.
 */
final class SenderCapture {
  private Object sender;
  private String contentType;

  /** {@code config} with a component loader that captures senders into this object. */
  ConfigProperties wrap(ConfigProperties config) {
    ComponentLoader real = config.getComponentLoader();
    ComponentLoader capturing =
        new ComponentLoader() {
          @Override
          @SuppressWarnings("unchecked")
          public <T> Iterable<T> load(Class<T> type) {
            Iterable<T> found = real.load(type);
            if (type != HttpSenderProvider.class && type != GrpcSenderProvider.class) {
              return found;
            }
            List<T> all = new ArrayList<>();
            found.forEach(all::add);
            List<T> wrapped = new ArrayList<>();
            for (T p : preferred(all)) {
              wrapped.add((T) wrapProvider(p));
            }
            return wrapped;
          }
        };
    return new Delegating(config, capturing);
  }

  /**
   * The one provider to use when several are on the class path: for OTLP/HTTP the JDK's {@code
   * HttpClient} sender, which sets TCP_NODELAY (OkHttp's requests of a few hundred KB stall ~40 ms
   * each on Nagle's algorithm and delayed ACKs, which caps one connection at a few requests a
   * second of latency, whatever the CPU); otherwise the first. One provider also keeps the SDK from
   * warning that it had to choose.
   */
  static <T> List<T> preferred(List<T> providers) {
    if (providers.size() <= 1) {
      return providers;
    }
    for (T p : providers) {
      if (p.getClass().getName().startsWith(JDK_SENDER_PACKAGE)) {
        return List.of(p);
      }
    }
    return List.of(providers.get(0));
  }

  static final String JDK_SENDER_PACKAGE = "io.opentelemetry.exporter.sender.jdk.";

  private Object wrapProvider(Object p) {
    if (p instanceof HttpSenderProvider) {
      HttpSenderProvider h = (HttpSenderProvider) p;
      return (HttpSenderProvider)
          cfg -> {
            HttpSender s = h.createSender(cfg);
            sender = s;
            contentType = cfg.getContentType();
            return s;
          };
    }
    GrpcSenderProvider g = (GrpcSenderProvider) p;
    return (GrpcSenderProvider)
        cfg -> {
          GrpcSender s = g.createSender(cfg);
          sender = s;
          contentType = "application/grpc";
          return s;
        };
  }

  /** Drops what the last build captured (an exporter that sends through its sender itself). */
  void forget() {
    sender = null;
    contentType = null;
  }

  /** The sender of the exporter built last, as a channel for {@code signal}; null if none. */
  OtlpChannel take(String signal) {
    Object s = sender;
    String type = contentType;
    sender = null;
    contentType = null;
    if (s == null) {
      return null;
    }
    if (s instanceof GrpcSender) {
      return OtlpChannel.grpc(signal, (GrpcSender) s);
    }
    if (type != null && !type.startsWith("application/x-protobuf")) {
      ((HttpSender) s).shutdown();
      throw new IllegalArgumentException(
          "OTLP over HTTP with content type "
              + type
              + " is not supported: use http/protobuf or grpc");
    }
    return OtlpChannel.http(signal, (HttpSender) s);
  }

  /**
   * A configuration that answers like {@code delegate} but loads components with {@code loader}.
   */
  private static final class Delegating implements ConfigProperties {
    private final ConfigProperties delegate;
    private final ComponentLoader loader;

    Delegating(ConfigProperties delegate, ComponentLoader loader) {
      this.delegate = delegate;
      this.loader = loader;
    }

    @Override
    public String getString(String name) {
      return delegate.getString(name);
    }

    @Override
    public Boolean getBoolean(String name) {
      return delegate.getBoolean(name);
    }

    @Override
    public Integer getInt(String name) {
      return delegate.getInt(name);
    }

    @Override
    public Long getLong(String name) {
      return delegate.getLong(name);
    }

    @Override
    public Double getDouble(String name) {
      return delegate.getDouble(name);
    }

    @Override
    public Duration getDuration(String name) {
      return delegate.getDuration(name);
    }

    @Override
    public List<String> getList(String name) {
      return delegate.getList(name);
    }

    @Override
    public Map<String, String> getMap(String name) {
      return delegate.getMap(name);
    }

    @Override
    public ComponentLoader getComponentLoader() {
      return loader;
    }
  }
}
