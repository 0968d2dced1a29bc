/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.otlp.receiver;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The three OTLP gRPC services, decoding with the official generated stubs. */
final class GrpcServices {
  private final OtlpReceiver r;

  GrpcServices(OtlpReceiver r) {
    this.r = r;
  }

  /** Answers per the receiver's mode; returns true when the request is to be kept. */
  private boolean admit(StreamObserver<?> out) {
    r.attempts++;
    switch (r.mode) {
      case UNAVAILABLE:
        out.onError(Status.UNAVAILABLE.withDescription("test receiver unavailable").asException());
        return false;
      case HANG:
        r.hang.hold();
        out.onError(Status.UNAVAILABLE.withDescription("test receiver released").asException());
        return false;
      default:
        return true;
    }
  }

  TraceServiceGrpc.TraceServiceImplBase traces() {
    return new TraceServiceGrpc.TraceServiceImplBase() {
      @Override
      public void export(
          ExportTraceServiceRequest req, StreamObserver<ExportTraceServiceResponse> out) {
        if (admit(out)) {
          r.traces.add(req);
          if (r.takeLostAck()) {
            out.onError(Status.UNAVAILABLE.withDescription("ack lost (test)").asException());
            return;
          }
          out.onNext(ExportTraceServiceResponse.getDefaultInstance());
          out.onCompleted();
        }
      }
    };
  }

  MetricsServiceGrpc.MetricsServiceImplBase metrics() {
    return new MetricsServiceGrpc.MetricsServiceImplBase() {
      @Override
      public void export(
          ExportMetricsServiceRequest req, StreamObserver<ExportMetricsServiceResponse> out) {
        if (admit(out)) {
          r.metrics.add(req);
          if (r.takeLostAck()) {
            out.onError(Status.UNAVAILABLE.withDescription("ack lost (test)").asException());
            return;
          }
          out.onNext(ExportMetricsServiceResponse.getDefaultInstance());
          out.onCompleted();
        }
      }
    };
  }

  LogsServiceGrpc.LogsServiceImplBase logs() {
    return new LogsServiceGrpc.LogsServiceImplBase() {
      @Override
      public void export(
          ExportLogsServiceRequest req, StreamObserver<ExportLogsServiceResponse> out) {
        if (admit(out)) {
          r.logs.add(req);
          if (r.takeLostAck()) {
            out.onError(Status.UNAVAILABLE.withDescription("ack lost (test)").asException());
            return;
          }
          out.onNext(ExportLogsServiceResponse.getDefaultInstance());
          out.onCompleted();
        }
      }
    };
  }

  /** Records each call's request headers. */
  ServerInterceptor headers() {
    return new ServerInterceptor() {
      @Override
      public <Q, S> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, S> call, Metadata md, ServerCallHandler<Q, S> next) {
        Map<String, String> h = new TreeMap<>();
        for (String k : md.keys()) {
          if (!k.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
            String v = md.get(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER));
            h.put(k.toLowerCase(Locale.ROOT), v);
          }
        }
        h.put(":path", call.getMethodDescriptor().getFullMethodName());
        r.headers.add(h);
        return next.startCall(call, md);
      }
    };
  }
}
